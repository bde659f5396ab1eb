package hyper.api.spi;

import java.util.Objects;

/**
 * A flow-control policy for one receive window (the seed's {@code hyper.http20.window.BaseFlowControlManager},
 * §3.1.7, §6.1.7): it decides when, and by how much, to increase the window with WINDOW_UPDATE (RFC 9113 §6.9).
 * The connection gets one instance; each stream gets its own. Subclass it and implement
 * {@link #increaseWindowSize(int)}; the seed's smallest example, in Java:
 *
 * <pre>{@code
 * public final class StupidFlowControlManager extends BaseFlowControlManager {
 *     public StupidFlowControlManager(FlowWindow window) {
 *         super(window);
 *     }
 *
 *     @Override
 *     public int increaseWindowSize(int frameSize) {
 *         return frameSize;
 *     }
 * }
 *
 * ConnectionOptions.builder().flowControl(StupidFlowControlManager::new)   // the seed's "pass the class"
 * }</pre>
 *
 * <h2>What a manager can read, and who writes it</h2>
 * {@link #initialWindowSize()}, {@link #windowSize()} and {@link #documentSize()} read the {@link FlowWindow} the
 * engine passed to the constructor. The engine owns the counters behind that view and is the only writer; the view
 * has no setters, so a subclass can read its window but never change it.
 *
 * <h2>How the engine uses the answers</h2>
 * <ul>
 * <li>Every manager is called on the connection's reader thread, one call at a time, and must not block.</li>
 * <li>{@link #windowSize()} counts an increment as granted as soon as it is returned. For a stream, the engine
 *     announces it with WINDOW_UPDATE only as far as the application has read the data: octets received but not yet
 *     read hold back as much credit. So a reader that stops reading stops the peer, and the memory a stream buffers
 *     never exceeds the largest window its manager has set. The connection's increments are announced at once (the
 *     stream windows already bound what is buffered, and a stream nobody reads must not starve the others).</li>
 * <li>An answer below 0, or one that would take the window past 2^31-1 (§6.9.1), and any exception thrown, is a
 *     bug in the manager: a stream's manager fails that stream alone (RST_STREAM INTERNAL_ERROR; its reader gets a
 *     {@link hyper.api.WindowManagerException}); a connection manager's answer is ignored, the error logged, and the
 *     connection goes on with the seed's {@code FlowControlManager}. The connection is never broken by a manager.</li>
 * </ul>
 *
 * <p>Managers are created by a {@link FlowControlFactory}: given directly in the connection options, or from a
 * {@link FlowControlProvider} found by {@link java.util.ServiceLoader}.
 */
public abstract class BaseFlowControlManager {
    private final FlowWindow window;

    /** A manager of {@code window}, the engine's read-only view of the window it manages. */
    protected BaseFlowControlManager(FlowWindow window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    /** The window's starting size, in octets (the seed's {@code initial_window_size}). */
    public final int initialWindowSize() {
        return window.initialWindowSize();
    }

    /** The window's current size, in octets (the seed's {@code window_size}); only the engine changes it. */
    public final int windowSize() {
        return window.windowSize();
    }

    /** The document's length from Content-Length, or -1 when unknown (the seed's {@code document_size}). */
    public final long documentSize() {
        return window.documentSize();
    }

    /** Our current SETTINGS_INITIAL_WINDOW_SIZE, every new stream's window (see {@link FlowWindow#streamInitialWindowSize()}). */
    public final int streamInitialWindowSize() {
        return window.streamInitialWindowSize();
    }

    /** The stream whose window this is, or 0 for the connection. */
    public final int streamId() {
        return window.streamId();
    }

    /**
     * Decides whether to increase the window, when a flow-controlled frame arrives: called <em>before</em> the
     * window is decremented by {@code frameSize}. {@code frameSize} is the DATA frame's whole payload, padding
     * included (§6.1). It is 0 when one of our SETTINGS changed the window (§6.9.2); an increment may be due anyway.
     *
     * @return octets to add to the window, 0 for none
     */
    public abstract int increaseWindowSize(int frameSize);

    /**
     * Called when the peer is blocked behind this window: a frame has taken it to 0 and no increment is pending.
     * (RFC 9113 has no BLOCKED frame; the engine infers it.) The default returns 0.
     *
     * @return octets to add to the window, 0 for none
     */
    public int blocked() {
        return 0;
    }

    /**
     * Whether the engine should measure round trips for this manager: on the connection's manager only, true makes
     * the engine send a PING when DATA starts arriving (and again once a quarter of {@link #streamInitialWindowSize()}
     * has arrived after the previous answer) and report each answer to {@link #roundTrip}, except while an
     * open stream holds more than half of {@link #streamInitialWindowSize()} unread (the application, not the
     * network, limits that round trip; growing the windows would only let the unread stream buffer more). The
     * default is false: no PINGs.
     */
    public boolean wantsRoundTrips() {
        return false;
    }

    /**
     * A round trip measured for a connection manager that {@link #wantsRoundTrips() wants them}: the PING took
     * {@code rttNanos}, during which {@code octets} flow-controlled octets arrived (a bandwidth-delay sample); when a
     * whole stream window arrives before the ACK, the sample is reported then, with the time so far. The
     * engine then calls {@link #increaseWindowSize(int) increaseWindowSize(0)} on this manager.
     *
     * @return a larger SETTINGS_INITIAL_WINDOW_SIZE for every stream, which the engine sends (raising the windows
     *         of open streams by the difference, §6.9.2); or 0 to keep the current one. Smaller values are ignored.
     */
    public int roundTrip(long rttNanos, long octets) {
        return 0;
    }

    /**
     * On the connection's manager: a response's HEADERS announced a body of {@code documentSize} octets
     * (Content-Length) on stream {@code streamId}, more than {@link #streamInitialWindowSize()}, while no open
     * stream holds more than half of that window unread (the readers keep up). A manager that sizes the windows may
     * raise them now, sooner than a {@link #roundTrip} sample could show that the window limits the transfer (that
     * takes a whole window's arrival). The engine then calls {@link #increaseWindowSize(int) increaseWindowSize(0)} on this manager.
     *
     * @return a larger SETTINGS_INITIAL_WINDOW_SIZE for every stream, which the engine sends (raising the windows
     *         of open streams by the difference, §6.9.2); or 0 to keep the current one (the default). Smaller values
     *         are ignored.
     */
    public int documentStarted(int streamId, long documentSize) {
        return 0;
    }

    /**
     * On the connection's manager, asked once as the connection starts: the receive window for a request stream
     * that opens while no other stream is open, when the whole connection's buffer is free for it. The engine
     * announces it with a WINDOW_UPDATE right after that stream's HEADERS, so a lone download is not held to
     * {@link #streamInitialWindowSize()} during its first round trip (where neither a {@link #roundTrip} sample nor
     * {@link #documentStarted} can help: both come a round trip later, while the server waits for credit).
     *
     * @return the window for such a stream; 0 (the default), or any value not above
     *         {@link #streamInitialWindowSize()}, opens it like any other
     */
    public int soleStreamWindow() {
        return 0;
    }
}
