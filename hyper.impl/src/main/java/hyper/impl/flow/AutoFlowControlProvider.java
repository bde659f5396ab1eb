package hyper.impl.flow;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlProvider;
import hyper.api.spi.FlowWindow;

/**
 * {@code "auto"}: windows tuned to the measured bandwidth-delay product ({@link AutoTuningFlowControlManager} for
 * the connection; streams refill with the seed's rule to the initial size it raises).
 */
public final class AutoFlowControlProvider implements FlowControlProvider {
    public static final String NAME = "auto";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public BaseFlowControlManager create(FlowWindow window) {
        return window.streamId() == 0 ? new AutoTuningFlowControlManager(window) : new FlowControlManager(window);
    }
}
