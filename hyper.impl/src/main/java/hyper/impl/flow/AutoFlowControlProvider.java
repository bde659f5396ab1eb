package hyper.impl.flow;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlProvider;
import hyper.api.spi.FlowWindow;

/**
 * {@code "auto"}, hyper's default policy: large windows from the start (16 MiB per stream, 1 GiB for the
 * connection, unless the options set them), grown to the measured bandwidth-delay product up to 64 MiB
 * ({@link AutoTuningFlowControlManager} for the connection; each stream refills to the initial size it raises).
 */
public final class AutoFlowControlProvider implements FlowControlProvider {
    public static final String NAME = "auto";

    @Override
    public String name() {
        return NAME;
    }

    /** Above {@code "seed"}: the bulk-download benchmark (hyper.bench/RESULTS.md ("Bulk download throughput")) showed it wins. */
    @Override
    public int priority() {
        return 10;
    }

    /** The stream window {@code "auto"} starts with: 16 MiB (as OkHttp's fixed one), fast from the first round trip. */
    public static final int DEFAULT_STREAM_WINDOW = 16 << 20;
    /** The connection window it starts with: 1 GiB (as Go's client); it bounds no memory (credit goes back on arrival). */
    public static final int DEFAULT_CONNECTION_WINDOW = 1 << 30;

    /**
     * 16 MiB, the most one unread stream buffers until the estimate grows the windows (to at most
     * {@link AutoTuningFlowControlManager#DEFAULT_MAX_WINDOW}).
     */
    @Override
    public int defaultInitialWindowSize() {
        return DEFAULT_STREAM_WINDOW;
    }

    @Override
    public int defaultConnectionWindowSize() {
        return DEFAULT_CONNECTION_WINDOW;
    }

    @Override
    public BaseFlowControlManager create(FlowWindow window) {
        return window.streamId() == 0 ? new AutoTuningFlowControlManager(window) : new StreamManager(window);
    }

    /**
     * A stream's manager: refill to the maximum whenever a quarter of it has been used, not only when a quarter is
     * left (the seed's rule). Credit then flows back several times per round trip, so the peer's window stays
     * nearly full and one round trip can carry close to a whole window: what the estimate needs to see before it
     * grows (with the seed's rule a round trip carries at most 3/4 of it, with a refill below half only about 1/2,
     * under the estimator's 2/3, and growth stalled in the benchmark). The maximum is the initial size, which the
     * connection's estimate raises.
     */
    static final class StreamManager extends FlowControlManager {
        StreamManager(FlowWindow window) {
            super(window);
        }

        @Override
        protected boolean isLow(long window, int max) {
            return window < max - max / 4;
        }
    }
}
