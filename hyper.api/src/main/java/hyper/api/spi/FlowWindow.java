package hyper.api.spi;

/**
 * A read-only view of one receive window, owned and updated by the engine: the connection's (stream id 0) or one
 * stream's. A {@link BaseFlowControlManager} reads its window through this view; nothing in it can be written, so a
 * manager cannot corrupt the engine's accounting (the seed's "must not adjust the member variables", enforced).
 *
 * <p>Values are read on the thread that calls the manager (the connection's reader thread); reading the view from
 * another thread gives a recent, not necessarily current, value.
 */
public interface FlowWindow {

    /** The stream this window belongs to, or 0 for the connection's window. */
    int streamId();

    /**
     * The window's starting size in octets: for a stream our SETTINGS_INITIAL_WINDOW_SIZE (it follows every later
     * SETTINGS of ours, RFC 9113 §6.9.2), for the connection the size it was raised to at the start.
     */
    int initialWindowSize();

    /**
     * Octets the peer may still send, counting every increment the manager has returned as already granted (the
     * engine may hold some back while the application has not read the data, see {@link BaseFlowControlManager}).
     * During {@link BaseFlowControlManager#increaseWindowSize(int)} the frame is not yet subtracted.
     */
    int windowSize();

    /**
     * The length of the document being received, from the response's Content-Length, or -1 when unknown (no
     * Content-Length yet or at all, a HEAD response, or the connection's window). Padding may make the octets that
     * count against the window exceed it.
     */
    long documentSize();

    /**
     * Our current SETTINGS_INITIAL_WINDOW_SIZE, the window every new stream starts with: what a connection manager
     * grows with {@link BaseFlowControlManager#roundTrip}. For a stream's window it equals {@link #initialWindowSize()}.
     */
    default int streamInitialWindowSize() {
        return initialWindowSize();
    }
}
