package hyper.api;

/** A stream was reset with RST_STREAM (RFC 9113 §6.4), by the peer or by us; the connection's other streams go on. */
public class StreamResetException extends Http2Exception {
    private static final long serialVersionUID = 1L;

    private final int streamId;
    private final boolean remote;

    public StreamResetException(int streamId, ErrorCode errorCode, boolean remote, String message) {
        super(errorCode, message + " (stream " + streamId + ", " + errorCode + (remote ? ", reset by peer)" : ", reset by us)"));
        this.streamId = streamId;
        this.remote = remote;
    }

    /** The stream that was reset. */
    public int streamId() {
        return streamId;
    }

    /** Whether the peer sent the RST_STREAM. */
    public boolean isRemote() {
        return remote;
    }

    /** True for REFUSED_STREAM from the peer: the request was not processed and is safe to retry (RFC 9113 §8.7). */
    public boolean isNotProcessed() {
        return remote && errorCode() == ErrorCode.REFUSED_STREAM;
    }
}
