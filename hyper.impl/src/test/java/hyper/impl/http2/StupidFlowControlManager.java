package hyper.impl.http2;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowWindow;

/** The seed's example (§3.1.7), in Java: "a very stupid flow control manager that always resizes the window in response to incoming data". */
public final class StupidFlowControlManager extends BaseFlowControlManager {
    public StupidFlowControlManager(FlowWindow window) {
        super(window);
    }

    @Override
    public int increaseWindowSize(int frameSize) {
        return frameSize;
    }
}
