package hyper.api;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
 *
 * <p>Asynchronously, without a thread per request: the connection's reader thread completes each future itself,
 * with no hand-off to an executor.
 * <pre>{@code
 * c.fetchAsync("GET", "/get", Body.empty(), new HeaderMap())
 *     .thenAccept(r -> System.out.println(r.status() + " " + new String(r.read()))); // read() does not block here
 * c.requestAsync("GET", "/stream-bytes/100000000", Body.empty(), new HeaderMap())
 *     .thenAcceptAsync(r -> copy(r.readChunked()), executor);                      // big bodies: another thread
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

    /**
     * Sends a whole request, like {@link #request(String, String, Body, HeaderMap)}, and returns a future of its
     * response, completed as soon as the response headers arrive; the body is then read from the response as it
     * comes. The request is sent on the calling thread, which may wait (bounded) for a stream slot or for send
     * credit as {@code request} does; a failure to send completes the future exceptionally.
     *
     * <p>The future is completed on the connection's reader thread, and dependent stages that are not
     * {@code *Async} run there too: they must not block. Reading a body that has not fully arrived blocks, so read
     * it in an {@code *Async} stage on an executor of yours, or use {@link #fetchAsync} instead. A stage that would
     * wait for data only the reader thread can deliver fails with a {@link HyperException} instead of hanging.
     */
    CompletableFuture<Response> requestAsync(String method, String url, Body body, HeaderMap headers);

    /**
     * Sends a whole request and returns a future of its complete response: completed on the reader thread once the
     * body (and any trailers) has arrived in full, so {@link Response#read()} returns without blocking and
     * dependent stages may read it directly. The body is buffered in memory whatever its size (flow-control credit
     * is returned as it arrives): meant for small responses; stream big ones with {@link #requestAsync}. A
     * dependent stage may issue further requests on this connection; it must not wait for others to complete.
     */
    CompletableFuture<Response> fetchAsync(String method, String url, Body body, HeaderMap headers);

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

    /**
     * The pushes promised so far on the request stream {@code streamId} (seed §3.1.8, {@code get_pushes}), for
     * connections opened with {@link ConnectionOptions.Builder#enablePush push enabled}. <b>Not idempotent:</b>
     * a push is handed out once, so a later call yields only pushes not yielded before. The iterable is lazy and
     * single-pass: pushes are taken from the connection as the loop reaches them.
     *
     * <ul>
     * <li>{@code captureAll=false} yields the pushes buffered when the loop asks for the next one, without
     *     blocking.</li>
     * <li>{@code captureAll=true} yields those, then waits for more until the server ends the request stream (its
     *     response is complete, or the stream was reset); each wait is bounded by the read timeout.</li>
     * </ul>
     *
     * The server may promise before the response headers, between them and the body, or during the body; what it
     * promised is kept after the request stream ends, until taken. Pushes not yet taken, and taken pushes whose
     * stream the server has not finished, count against {@link ConnectionOptions#maxPushedStreams()}; promises
     * beyond it are refused with RST_STREAM(REFUSED_STREAM). Errors while iterating (a read timeout) surface as
     * {@link java.io.UncheckedIOException} wrapping the typed exception.
     *
     * @throws HyperException {@code streamId} is not a request stream this connection sent
     */
    Iterable<Http2Push> getPushes(int streamId, boolean captureAll) throws IOException;

    /** {@link #getPushes(int, boolean)} without blocking. */
    default Iterable<Http2Push> getPushes(int streamId) throws IOException {
        return getPushes(streamId, false);
    }

    /**
     * {@link #getPushes(int, boolean)} for the most recent request sent on this connection (the seed's
     * {@code stream_id=None}).
     *
     * @throws HyperException no request has been sent yet
     */
    Iterable<Http2Push> getPushes(boolean captureAll) throws IOException;

    /** {@link #getPushes(boolean)} without blocking: the pushes buffered for the most recent request. */
    default Iterable<Http2Push> getPushes() throws IOException {
        return getPushes(false);
    }

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
