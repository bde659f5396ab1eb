package hyper.impl.http2;

import hyper.api.HeaderMap;
import hyper.api.Http2Push;
import hyper.api.Response;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One accepted PUSH_PROMISE (the seed's {@code HTTP20Push}): the validated promised request and the stream the
 * pushed response arrives on. It counts against the connection's push limit until both the application has taken
 * it ({@link ServerPushes#pushes}) and its stream has closed; after that only the application holds it.
 */
final class PushPromise implements Http2Push {
    private static final int TAKEN = 1;
    private static final int STREAM_CLOSED = 2;

    private final Http2ClientConnection conn;
    private final ServerPushes pushes;
    private final int parentStreamId;
    final Http2Stream stream;
    private final PromisedRequest request;
    private final long timeoutNanos;
    private final AtomicReference<Response> response = new AtomicReference<>();
    private final AtomicInteger state = new AtomicInteger();

    PushPromise(Http2ClientConnection conn, ServerPushes pushes, int parentStreamId, Http2Stream stream,
            PromisedRequest request, long timeoutNanos) {
        this.conn = conn;
        this.pushes = pushes;
        this.parentStreamId = parentStreamId;
        this.stream = stream;
        this.request = request;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public int streamId() {
        return stream.id;
    }

    @Override
    public int parentStreamId() {
        return parentStreamId;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public String authority() {
        return request.authority();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public HeaderMap requestHeaders() {
        return request.headers();
    }

    @Override
    public Response getResponse() throws IOException {
        Response r = response.get();
        if (r != null) {
            return r;
        }
        int status = stream.awaitResponse(timeoutNanos);
        response.compareAndSet(null, new Http2Response(conn, stream, status, timeoutNanos));
        return response.get();
    }

    @Override
    public void cancel() throws IOException {
        conn.closeResponse(stream); // RST_STREAM(CANCEL) unless the stream already ended; drops what is buffered
    }

    /** The application took this push from {@code getPushes}. */
    void markTaken() {
        mark(TAKEN);
    }

    /** The pushed stream closed: complete, reset, or the connection failed. */
    void markStreamClosed() {
        mark(STREAM_CLOSED);
    }

    private void mark(int bit) {
        int before = state.getAndUpdate(s -> s | bit);
        if (before != (TAKEN | STREAM_CLOSED) && (before | bit) == (TAKEN | STREAM_CLOSED)) {
            pushes.release();
        }
    }

    @Override
    public String toString() {
        return "Http2Push{stream=" + stream.id + ", promised on " + parentStreamId + ", " + request.method() + " "
                + request.scheme() + "://" + request.authority() + request.path() + "}";
    }
}
