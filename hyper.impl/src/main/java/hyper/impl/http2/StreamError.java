package hyper.impl.http2;

import hyper.api.ErrorCode;
import hyper.api.Http2Exception;

/** The peer broke a rule that ends one stream only (RFC 9113 §5.4.2): we answer with RST_STREAM and this code. */
final class StreamError extends Http2Exception {
    private static final long serialVersionUID = 1L;

    private final int streamId;

    StreamError(int streamId, ErrorCode code, String message) {
        super(code, message);
        this.streamId = streamId;
    }

    StreamError(int streamId, ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
        this.streamId = streamId;
    }

    /** The stream to reset; never 0. */
    int streamId() {
        return streamId;
    }
}
