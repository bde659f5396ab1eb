package hyper.api;

import java.io.IOException;
import java.util.Map;

/**
 * One HTTP/2 connection (the seed's {@code HTTP20Connection}, §6.1.2): many concurrent streams over TLS with
 * ALPN {@code h2}, or over cleartext with prior knowledge (h2c). Thread-safe: any number of threads may issue
 * requests and read responses at once.
 *
 * <pre>{@code
 * try (Http2Connection c = Hyper.http2("localhost:8443")) {
 *     int first = c.request("GET", "/get", Body.empty(), Map.of("key", "value"));
 *     int second = c.request("POST", "/post", Body.of("hello"), Map.of());
 *     Response r2 = c.getResponse(second);
 *     Response r1 = c.getResponse(first);
 * }
 * }</pre>
 */
public interface Http2Connection extends AutoCloseable {

    /**
     * Sends a whole request and returns its stream id. {@code :method}, {@code :scheme}, {@code :authority}
     * and {@code :path} are filled in; connection-specific headers are removed (seed §6.1.2 {@code putheader}).
     * A {@link Body#ofStream stream body} needs a {@code content-length} header.
     */
    int request(String method, String url, Body body, HeaderMap headers) throws IOException;

    /** {@link #request(String, String, Body, HeaderMap)} with headers from a map. */
    default int request(String method, String url, Body body, Map<String, String> headers) throws IOException {
        return request(method, url, body, HeaderMap.of(headers));
    }

    /** A request without body or extra headers. */
    default int request(String method, String url) throws IOException {
        return request(method, url, Body.empty(), new HeaderMap());
    }

    /** Starts building a request; returns the stream id that the other building calls take. Sends nothing yet. */
    int putRequest(String method, String selector) throws IOException;

    /** Queues a header for the request on {@code streamId}; {@code replace} drops earlier values of that name. */
    void putHeader(int streamId, String name, String value, boolean replace) throws IOException;

    /**
     * Sends the queued headers. With {@code body}, sends it too; {@code last} ends the stream (no body will follow
     * through {@link #send}).
     */
    void endHeaders(int streamId, Body body, boolean last) throws IOException;

    /** Sends body data on {@code streamId}, within flow control; {@code last} ends the stream. */
    void send(int streamId, byte[] data, boolean last) throws IOException;

    /** The response to the request on {@code streamId}; blocks until its headers arrive. */
    Response getResponse(int streamId) throws IOException;

    /** The response to the oldest request whose response has not been taken yet. */
    Response getResponse() throws IOException;

    /** The host this connection is for. */
    String host();

    /** The port this connection is for. */
    int port();

    /** Whether the connection uses TLS. */
    boolean isSecure();

    /** Sends GOAWAY with {@code errorCode}, fails every open stream with it, and closes the socket. Idempotent. */
    void close(ErrorCode errorCode) throws IOException;

    /** {@link #close(ErrorCode)} with NO_ERROR. */
    @Override
    default void close() throws IOException {
        close(ErrorCode.NO_ERROR);
    }
}
