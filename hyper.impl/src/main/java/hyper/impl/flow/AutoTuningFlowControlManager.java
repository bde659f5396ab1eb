package hyper.impl.flow;

import hyper.api.spi.FlowWindow;

/**
 * The connection's manager of the {@code "auto"} policy: it estimates the bandwidth-delay product (BDP) from PING
 * round trips, as gRPC's BDP estimator does, and grows the windows to it, up to a cap.
 *
 * <p>How: the engine sends a PING when DATA starts arriving and counts the flow-controlled octets that arrive until
 * the PING's ACK; that count is what one round trip carried. When it comes close to the current window (at least
 * 2/3 of it) the window, not the network, is what limits the transfer; so, if the bandwidth of this sample is the
 * best seen yet (a window that grew without carrying more would only cost memory), the estimate becomes four times
 * the sample (gRPC doubles; four reaches a long fat pipe's window in half the round
 * trips, and the cap bounds it). Each growth raises SETTINGS_INITIAL_WINDOW_SIZE for every stream (open ones grow
 * by the difference, RFC 9113 §6.9.2) and the connection window to twice that. Streams keep the seed's refill rule
 * ({@link FlowControlManager}) against their growing initial size. Once at the cap, no more PINGs are sent.
 *
 * <p>Memory: a stream buffers at most its window when the application stops reading, so the cap is also the most
 * one unread stream can hold ({@link #DEFAULT_MAX_WINDOW} unless {@code -D}{@value #MAX_WINDOW_PROPERTY} says).
 */
public final class AutoTuningFlowControlManager extends FlowControlManager {
    /** The largest stream window the estimate may reach, in octets. */
    public static final int DEFAULT_MAX_WINDOW = 32 << 20;
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

    @Override
    public boolean wantsRoundTrips() {
        return !estimator.atCap();
    }

    @Override
    public int roundTrip(long rttNanos, long octets) {
        return estimator.sample(rttNanos, octets) ? estimator.estimate() : 0;
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
