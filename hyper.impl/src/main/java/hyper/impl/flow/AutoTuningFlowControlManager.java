package hyper.impl.flow;

import hyper.api.spi.FlowWindow;

/**
 * The connection's manager of the {@code "auto"} policy: it estimates the bandwidth-delay product (BDP) from PING
 * round trips, as gRPC's BDP estimator does, and grows the stream windows to it, up to a cap.
 *
 * <p>Where it starts: {@link AutoFlowControlProvider} opens connections with 16 MiB stream windows, so a transfer is
 * fast from its first round trip (up to 16 MiB per round trip: 335 MB/s at 50 ms), and a 1 GiB connection window.
 *
 * <p>How it grows: the engine sends a PING when DATA starts arriving and counts the flow-controlled octets that
 * arrive until the PING's ACK; that count is what one round trip carried. When it comes close to the stream window
 * (at least 2/3 of it) the window, not the network, is what limits the transfer; so, if the bandwidth of this sample
 * is the best seen yet (a window that grew without carrying more would only cost memory), the estimate becomes four
 * times the sample (gRPC doubles; four reaches the cap from the start in one round trip). Each growth raises
 * SETTINGS_INITIAL_WINDOW_SIZE for every stream (open ones grow by the difference, RFC 9113 §6.9.2). Once at the cap,
 * no more PINGs are sent. A response whose Content-Length exceeds the window raises it at once to that length, up to
 * the cap ({@link #documentStarted}): a sample could show the window limiting only after a whole window had arrived.
 *
 * <p>A request stream that opens while no other stream is open starts at the cap ({@link #soleStreamWindow}).
 *
 * <p>Memory: a stream buffers at most its window when the application stops reading, so 16 MiB per stream from the
 * start (the cap for a stream opened alone), and the cap ({@link #DEFAULT_MAX_WINDOW}, 64 MiB, unless {@code -D}{@value #MAX_WINDOW_PROPERTY} says) on a
 * connection whose transfers were window-limited or announced documents that large. Neither growth happens while
 * some open stream holds more than half a window unread (the engine does not ask). The connection's window bounds
 * nothing (its credit goes back as DATA arrives), which is why it can be large.
 */
public final class AutoTuningFlowControlManager extends FlowControlManager {
    /**
     * The largest stream window the estimate may reach, in octets: a long fat pipe's (64 MiB carries 1.3 GB/s at
     * 50 ms, 670 MB/s at 100 ms).
     */
    public static final int DEFAULT_MAX_WINDOW = 64 << 20;
    /** System property overriding {@link #DEFAULT_MAX_WINDOW}. */
    public static final String MAX_WINDOW_PROPERTY = "hyper.flowcontrol.auto.maxWindow";
    private static final int PROTOCOL_DEFAULT_WINDOW = 65_535;

    private final BdpEstimator estimator;

    public AutoTuningFlowControlManager(FlowWindow window) {
        this(window, Integer.getInteger(MAX_WINDOW_PROPERTY, DEFAULT_MAX_WINDOW));
    }

    AutoTuningFlowControlManager(FlowWindow window, int maxWindow) {
        super(window);
        this.estimator = new BdpEstimator(PROTOCOL_DEFAULT_WINDOW, Math.max(PROTOCOL_DEFAULT_WINDOW, maxWindow));
    }

    /** Round trips are measured until the streams' window reaches the cap. */
    @Override
    public boolean wantsRoundTrips() {
        return !estimator.atCap(streamInitialWindowSize());
    }

    @Override
    public int roundTrip(long rttNanos, long octets) {
        return estimator.sample(rttNanos, octets, streamInitialWindowSize()) ? estimator.estimate() : 0;
    }

    /**
     * A response announced a document larger than the stream window, and the readers keep up: the window grows at
     * once to the document's size, up to the cap. A round-trip sample would show the window limiting only once a
     * whole window had arrived, and the raise would leave that much later, while the server waits for it.
     */
    @Override
    public int documentStarted(int streamId, long documentSize) {
        return estimator.document(documentSize, streamInitialWindowSize()) ? estimator.estimate() : 0;
    }

    /**
     * A stream opened while no other is open starts at the cap: nothing else shares the connection's buffer, and a
     * download's first round trip is otherwise held to the start window (16 MiB: 335 MB/s at 50 ms) until a raise
     * from {@link #documentStarted} arrives a round trip later.
     */
    @Override
    public int soleStreamWindow() {
        return estimator.cap();
    }

    /**
     * The connection's window is cheap (its credit goes back as DATA arrives; the stream windows bound memory), so it
     * is refilled as soon as it falls below half its maximum, and at once after the estimate grew (frame size 0).
     */
    @Override
    public int increaseWindowSize(int frameSize) {
        long future = windowSize() - (long) frameSize;
        int max = maximum();
        return future < max / 2 || (frameSize == 0 && future < max) ? (int) (max - future) : 0;
    }

    /** The connection window is refilled to twice the stream estimate, or to its initial size if larger. */
    @Override
    protected int maximum() {
        return (int) Math.max(initialWindowSize(), Math.min(Integer.MAX_VALUE, 2L * estimator.estimate()));
    }

    /** The current estimate: the stream window asked for. */
    int estimate() {
        return estimator.estimate();
    }
}
