package hyper.impl.flow;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlProvider;
import hyper.api.spi.FlowWindow;

/**
 * {@code "auto"}, hyper's default policy: windows tuned to the measured bandwidth-delay product
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
