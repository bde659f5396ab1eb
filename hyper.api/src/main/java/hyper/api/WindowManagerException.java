package hyper.api;

/**
 * A flow-control manager ({@link hyper.api.spi.BaseFlowControlManager}) misbehaved: it returned a negative
 * increment, one that would take its window past 2^31-1 (RFC 9113 §6.9.1), or threw. A stream's manager fails
 * only that stream, which is reset; the connection goes on.
 */
public class WindowManagerException extends HyperException {
    private static final long serialVersionUID = 1L;

    private final int streamId;

    public WindowManagerException(int streamId, String message, Throwable cause) {
        super(message, cause);
        this.streamId = streamId;
    }

    /** The stream whose manager misbehaved, or 0 for the connection's. */
    public int streamId() {
        return streamId;
    }
}
