package hyper.impl.flow;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlProvider;
import hyper.api.spi.FlowWindow;

/**
 * {@code "seed"}: the seed's default {@link FlowControlManager} for the connection and every stream, with fixed
 * windows (the options' sizes). hyper's default policy is {@code "auto"}.
 */
public final class SeedFlowControlProvider implements FlowControlProvider {
    public static final String NAME = "seed";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public BaseFlowControlManager create(FlowWindow window) {
        return new FlowControlManager(window);
    }
}
