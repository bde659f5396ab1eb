package hyper.api;

import java.io.IOException;
import java.util.Map;

/**
 * One HTTP/1.1 connection (the seed's {@code HTTP11Connection}, §6.1.3): persistent (keep-alive), plain or over
 * TLS (ALPN {@code http/1.1}), directly or through a proxy.
 *
 * <p>{@link #request} sends a whole request and returns nothing. Requests may be sent before the earlier responses
 * are read (pipelining, RFC 9112 §9.3.2); {@link #getResponse()} returns the responses in the order the requests
 * were sent, and before reading one it drains and discards whatever is left unread of the one before it (that
 * earlier {@link Response} then reports its body as discarded). When the server closes the connection, or a
 * response says {@code Connection: close} or has no length (its body runs to the close), the next request opens a
 * new connection; a connection idle for over a second is checked for a close by the server before it is reused.
 *
 * <p>A request body of known length gets a {@code Content-Length}; one of unknown length
 * ({@link Body#ofStream}, {@link Body#ofChunks}) is sent chunked. {@code Host} is added unless given.
 * A request carrying {@code Expect: 100-continue} sends its headers, then waits up to
 * {@link ConnectionOptions#continueTimeout()} for {@code 100 Continue} before sending the body; a final status
 * received instead means the body is not sent (and the connection is not reused). It only waits when no earlier
 * response is still unread on the connection; otherwise the body follows at once, as RFC 9110 §10.1.1 allows.
 *
 * <p>Safe for use by several threads: writes and reads are serialized by locks, never by {@code synchronized}.
 * Every wait is bounded by the {@link ConnectionOptions} timeouts.
 */
public interface Http11Connection extends AutoCloseable {

    /**
     * Sends a request (seed {@code request(method, url, body, headers)}; returns nothing, as the seed does).
     * {@code url} is the request target, e.g. {@code "/path?q"}; through a proxy, plain HTTP sends the absolute
     * form ({@code http://host:port/path}, RFC 9112 §3.2.2).
     *
     * @throws IllegalArgumentException for a method, target or header that cannot be put on the wire
     */
    void request(String method, String url, Body body, HeaderMap headers) throws IOException;

    /** {@link #request(String, String, Body, HeaderMap)} with headers from a map. */
    default void request(String method, String url, Body body, Map<String, String> headers) throws IOException {
        request(method, url, body, HeaderMap.of(headers));
    }

    /** A request without body or extra headers. */
    default void request(String method, String url) throws IOException {
        request(method, url, Body.empty(), new HeaderMap());
    }

    /** The response to the oldest request whose response has not been taken yet; blocks until its headers arrive. */
    Http11Response getResponse() throws IOException;

    /** Connects to the server (seed {@code connect()}); a no-op when already connected. */
    void connect() throws IOException;

    /** The host this connection is for. */
    String host();

    /** The port this connection is for. */
    int port();

    /** Whether the connection uses TLS. */
    boolean isSecure();

    /** The size of the in-memory buffer for data from the network (seed {@code network_buffer_size}). */
    int networkBufferSize();

    /**
     * Closes the socket (seed {@code close()}); outstanding responses then fail when their bodies are read.
     * Idempotent.
     */
    @Override
    void close() throws IOException;
}
