package hyper.impl.flow;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlProvider;
import hyper.api.spi.FlowWindow;

/** {@code "default"}: the seed's {@link FlowControlManager} for the connection and every stream. */
public final class DefaultFlowControlProvider implements FlowControlProvider {
    public static final String NAME = "default";

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
