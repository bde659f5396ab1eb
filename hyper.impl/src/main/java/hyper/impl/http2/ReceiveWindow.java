package hyper.impl.http2;

import static hyper.impl.http2.Http2.MAX_WINDOW_SIZE;

import hyper.api.WindowManagerException;
import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlFactory;
import hyper.api.spi.FlowWindow;
import hyper.impl.flow.FlowControlManager;
import java.lang.System.Logger.Level;

/**
 * One receive window, a stream's or the connection's (RFC 9113 §6.9), and the engine's side of its window manager
 * (seed §3.1.7): the counters the manager can only read, through {@link FlowWindow}, and what is announced when.
 *
 * <p>Three counters. {@code announced}: octets the peer may still send, as our WINDOW_UPDATEs and SETTINGS have
 * told it. {@code owed}: increments the manager returned that are not announced yet. {@code unread}: octets received
 * that the application has not read (nor were they discarded). The manager sees {@code announced + owed}, its own
 * view of the window. Owed credit is announced only beyond what is unread, so {@code announced + unread} never
 * exceeds the largest window the manager has set: a reader that stops reading stops the peer, and memory stays
 * within the window. The connection's window has nothing unread (its credit is returned as DATA arrives), so its
 * increments go out at once.
 *
 * <p>Batching: credit the manager just decided on is announced at once; credit released later by reading waits
 * until all of it can go, or at least a quarter of the window, so small reads do not each cost a WINDOW_UPDATE.
 *
 * <p>Not thread-safe: a stream's is guarded by the stream's lock, the connection's belongs to the reader thread.
 */
final class ReceiveWindow implements FlowWindow {
    private static final System.Logger LOG = System.getLogger("hyper.http2");

    private final int streamId;
    private BaseFlowControlManager manager;
    private int initial;
    private int announced;
    private int owed;
    private int unread;
    private long documentSize = -1;
    private int streamInitial;            // the connection's window: our SETTINGS_INITIAL_WINDOW_SIZE

    ReceiveWindow(int streamId, int initial) {
        this.streamId = streamId;
        this.initial = initial;
        this.announced = initial;
    }

    /**
     * Creates this window's manager with {@code factory}.
     *
     * @throws WindowManagerException the factory threw or returned null
     */
    ReceiveWindow managedBy(FlowControlFactory factory) throws WindowManagerException {
        BaseFlowControlManager m;
        try {
            m = factory.create(this);
        } catch (RuntimeException e) {
            throw new WindowManagerException(streamId, "the flow-control factory " + factory.getClass().getName()
                    + " threw for " + where() + ": " + e, e);
        }
        if (m == null) {
            throw new WindowManagerException(streamId, "the flow-control factory " + factory.getClass().getName()
                    + " returned no manager for " + where(), null);
        }
        manager = m;
        return this;
    }

    // ======== FlowWindow: what the manager reads ========

    @Override
    public int streamId() {
        return streamId;
    }

    @Override
    public int initialWindowSize() {
        return initial;
    }

    @Override
    public int windowSize() {
        return announced + owed;
    }

    @Override
    public long documentSize() {
        return documentSize;
    }

    @Override
    public int streamInitialWindowSize() {
        return streamId == 0 ? streamInitial : initial;
    }

    // ======== the engine ========

    /** Whether a frame of {@code flowControlled} octets fits what we announced; a frame that does not is an overrun (§6.9.1). */
    boolean fits(int flowControlled) {
        return flowControlled <= announced;
    }

    /**
     * A flow-controlled frame that {@link #fits} arrived; {@code kept} of its octets wait to be read, the rest
     * (padding, discarded data) count as given back. Asks the manager (before the window is decremented, as the seed
     * says), and {@code blocked()} when the window is left at 0.
     *
     * @return the increment to announce now, or 0
     * @throws WindowManagerException a stream's manager misbehaved (the stream must be reset)
     */
    int receive(int flowControlled, int kept) throws WindowManagerException {
        int increment = ask(flowControlled, false);
        announced -= flowControlled;
        unread += kept;
        owed += increment;
        if (announced + owed == 0) {
            owed += ask(0, true);
        }
        return release(increment > 0);
    }

    /** The application read (or we dropped) {@code octets} of what was kept: credit held back for them may go now. */
    int consumed(int octets) {
        unread = Math.max(0, unread - octets);
        return release(false);
    }

    /** Everything kept was dropped (the stream was cancelled or failed): nothing waits to be read any more. */
    void discardedAll() {
        unread = 0;
    }

    /** Whether raising the window by {@code delta} keeps it within 2^31-1 (§6.9.2). */
    boolean canGrow(int delta) {
        return (long) announced + owed + delta <= MAX_WINDOW_SIZE;
    }

    /**
     * Our SETTINGS_INITIAL_WINDOW_SIZE went up by {@code delta} to {@code value}: the window grows by the difference,
     * as the peer counts it (§6.9.2), and the manager is asked with a frame size of 0. A stream that started larger
     * (alone on the connection) keeps its larger size as what its manager refills to.
     *
     * @return the increment to announce now, or 0
     */
    int initialWindowSize(int value, int delta) throws WindowManagerException {
        initial = Math.max(initial, value);
        announced += delta;
        int increment = ask(0, false);
        owed += increment;
        return release(increment > 0);
    }

    /** Asks the manager with a frame size of 0 (after a round trip changed its view); returns the increment to announce. */
    int reconsider() throws WindowManagerException {
        int increment = ask(0, false);
        owed += increment;
        return release(increment > 0);
    }

    /** Whether the connection's manager wants round trips measured (§6.7 PING). */
    boolean wantsRoundTrips() {
        return manager.wantsRoundTrips();
    }

    /** Reports a measured round trip to the manager; returns the stream window it asks for (0: keep). */
    int roundTrip(long rttNanos, long octets) throws WindowManagerException {
        return askForWindow("roundTrip", () -> manager.roundTrip(rttNanos, octets));
    }

    /** Tells the manager of a response announcing a document larger than the stream window; returns the stream window it asks for (0: keep). */
    int documentStarted(int stream, long size) throws WindowManagerException {
        return askForWindow("documentStarted", () -> manager.documentStarted(stream, size));
    }

    /** The connection manager's window for a stream that opens while no other is open (0: none); asked once. */
    int soleStreamWindow() throws WindowManagerException {
        return askForWindow("soleStreamWindow", manager::soleStreamWindow);
    }

    /** The stream window a connection manager's hook asks for (0: keep); one that throws is reported as misbehaving. */
    private int askForWindow(String hook, java.util.function.IntSupplier call) throws WindowManagerException {
        try {
            return Math.max(0, call.getAsInt());
        } catch (RuntimeException e) {
            misbehaved("threw from " + hook + ": " + e, e);
            return 0;
        }
    }

    /** The connection's window: our SETTINGS_INITIAL_WINDOW_SIZE is now {@code value} (what its manager reads). */
    ReceiveWindow streamInitialWindowSize(int value) {
        streamInitial = value;
        return this;
    }

    /** Sets the length of the document from Content-Length (-1: unknown). */
    void documentSize(long length) {
        documentSize = length;
    }

    /** Test hook: the manager in use. */
    BaseFlowControlManager manager() {
        return manager;
    }

    /** Test hook: octets the peer may still send, as announced. */
    int announced() {
        return announced;
    }

    private int release(boolean decided) {
        int credit = owed - unread;
        if (credit <= 0) {
            return 0;
        }
        if (decided || credit == owed || credit >= (announced + owed) / 4) {
            owed -= credit;
            announced += credit;
            return credit;
        }
        return 0;
    }

    /** The manager's answer, checked: a bad one is the manager's bug, handled by {@link #misbehaved}. */
    private int ask(int frameSize, boolean blocked) throws WindowManagerException {
        int increment;
        try {
            increment = blocked ? manager.blocked() : manager.increaseWindowSize(frameSize);
        } catch (RuntimeException e) {
            return misbehaved("threw " + e, e) ? ask(frameSize, blocked) : 0;
        }
        long after = (long) announced - frameSize + owed + increment;
        if (increment < 0 || after > MAX_WINDOW_SIZE) {
            String what = increment < 0 ? "returned a negative increment, " + increment
                    : "returned " + increment + ", which would take the window of " + (announced + owed - frameSize)
                    + " past 2^31-1 (§6.9.1)";
            return misbehaved(what, null) ? ask(frameSize, blocked) : 0;
        }
        return increment;
    }

    /**
     * A manager bug. A stream's manager fails its stream alone: the exception is thrown, for the stream to be reset.
     * The connection's is replaced by the seed's FlowControlManager, and the error logged; returns true to ask again.
     */
    private boolean misbehaved(String what, Throwable cause) throws WindowManagerException {
        WindowManagerException e = new WindowManagerException(streamId, "the flow-control manager "
                + manager.getClass().getName() + " of " + where() + " " + what, cause);
        if (streamId != 0) {
            throw e;
        }
        if (manager instanceof FlowControlManager && manager.getClass() == FlowControlManager.class) {
            throw new IllegalStateException("hyper's default flow-control manager misbehaved", e); // our own bug
        }
        LOG.log(Level.ERROR, e.getMessage() + "; the connection goes on with the seed's FlowControlManager", e);
        manager = new FlowControlManager(this);
        return true;
    }

    private String where() {
        return streamId == 0 ? "the connection" : "stream " + streamId;
    }
}
