package hyper.api;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A connection that speaks HTTP/2 when the server does and HTTP/1.1 otherwise (the seed's {@code HTTPConnection},
 * §2.1.4 and §6.1.1); {@link Hyper#connect} opens one.
 *
 * <ul>
 * <li>Over TLS, ALPN offers {@code h2} and {@code http/1.1} and the connection uses what the server picks.</li>
 * <li>Over cleartext, the first request carries {@code Upgrade: h2c} with {@code HTTP2-Settings}
 *     (RFC 7540 §3.2). On {@code 101 Switching Protocols} the connection goes on as HTTP/2 and the first response
 *     arrives on stream 1; otherwise it stays on HTTP/1.1 and that response is the answer.</li>
 * <li>{@link ConnectionOptions.Builder#forceProtocol} skips the negotiation: HTTP/2 with ALPN {@code h2} only, or
 *     prior knowledge over cleartext; or HTTP/1.1 only.</li>
 * </ul>
 *
 * <p>The seed's {@code request()} returns a stream id on HTTP/2 and {@code None} on HTTP/1.1. Here it returns an
 * {@link OptionalInt}: the stream id on HTTP/2, empty when the request went out as HTTP/1.1. Hand it back to
 * {@link #getResponse(OptionalInt)}, which matches responses to requests on HTTP/2 and takes the next one in order
 * on HTTP/1.1; code written that way works on both. {@link #protocol()} tells which is in use.
 *
 * <pre>{@code
 * try (HttpConnection c = Hyper.connect("localhost:8443")) {
 *     OptionalInt first = c.request("GET", "/get", Body.empty(), Map.of("key", "value"));
 *     OptionalInt second = c.request("POST", "/post", Body.of("hello"), Map.of());
 *     Response r1 = c.getResponse(first);
 *     Response r2 = c.getResponse(second);
 * }
 * }</pre>
 *
 * On HTTP/1.1, requests sent before earlier responses are read are pipelined, and responses come back in request
 * order (see {@link Http11Connection}). Over cleartext, a second request sent while the first one's upgrade offer
 * is unanswered first reads that response's status line, since it decides which protocol the second one uses.
 *
 * <p>Without an HTTP/2 engine in {@code hyper.impl}, nothing offers h2 and every connection is HTTP/1.1.
 */
public interface HttpConnection extends AutoCloseable {

    /**
     * Sends a whole request.
     *
     * @return the stream id when the request went out on HTTP/2; empty when it went out as HTTP/1.1 (including
     *         the first request over cleartext, which carries the h2c upgrade: its response may still come back
     *         on HTTP/2 stream 1)
     */
    OptionalInt request(String method, String url, Body body, HeaderMap headers) throws IOException;

    /** {@link #request(String, String, Body, HeaderMap)} with headers from a map. */
    default OptionalInt request(String method, String url, Body body, Map<String, String> headers) throws IOException {
        return request(method, url, body, HeaderMap.of(headers));
    }

    /** A request without body or extra headers. */
    default OptionalInt request(String method, String url) throws IOException {
        return request(method, url, Body.empty(), new HeaderMap());
    }

    /** The response to the oldest request whose response has not been taken yet. */
    Response getResponse() throws IOException;

    /**
     * The response to the request that returned {@code requestId}: on HTTP/2 the one on that stream; when empty,
     * the next response in request order (HTTP/1.1, or the first request of an h2c upgrade).
     */
    Response getResponse(OptionalInt requestId) throws IOException;

    /**
     * The pushes promised so far for the request that returned {@code requestId}; empty {@code requestId} means
     * the most recent request. On HTTP/2 this is {@link Http2Connection#getPushes(int, boolean)} (not idempotent;
     * {@code captureAll} waits for more until that request's response ends). On HTTP/1.1, which has no push, it
     * yields nothing. Over cleartext before the h2c upgrade is resolved, {@code captureAll=false} yields nothing
     * and {@code captureAll=true} first reads the status of the upgrade request's response.
     */
    Iterable<Http2Push> getPushes(OptionalInt requestId, boolean captureAll) throws IOException;

    /** The pushes buffered for the most recent request, without blocking (the seed's {@code get_pushes()}). */
    default Iterable<Http2Push> getPushes() throws IOException {
        return getPushes(OptionalInt.empty(), false);
    }

    /**
     * The protocol in use now. Over cleartext it is {@link Protocol#HTTP_1_1} until the server accepts the h2c
     * upgrade, which is known once the first response's status has been read.
     */
    Protocol protocol();

    /** Connects (TCP, proxy tunnel, TLS and ALPN); a no-op when already connected. */
    void connect() throws IOException;

    /** The host this connection is for. */
    String host();

    /** The port this connection is for. */
    int port();

    /** Whether the connection uses TLS. */
    boolean isSecure();

    /** Closes the connection (GOAWAY on HTTP/2); idempotent. */
    @Override
    void close() throws IOException;
}
