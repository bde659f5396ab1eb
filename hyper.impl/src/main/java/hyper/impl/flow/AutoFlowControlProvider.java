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

    /** Above {@code "seed"}: the bulk-download benchmark (hyper.bench/RESULTS-flow.md) showed it wins. */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public BaseFlowControlManager create(FlowWindow window) {
        return window.streamId() == 0 ? new AutoTuningFlowControlManager(window) : new StreamManager(window);
    }

    /**
     * A stream's manager: the seed's refill, but as soon as the window is below half its maximum. With the seed's
     * quarter the peer idles unless a quarter of the window covers a round trip; with half, half does. The
     * maximum is the initial size, which the connection's estimate raises.
     */
    static final class StreamManager extends FlowControlManager {
        StreamManager(FlowWindow window) {
            super(window);
        }

        @Override
        protected boolean isLow(long window, int max) {
            return window < max / 2;
        }
    }
}
