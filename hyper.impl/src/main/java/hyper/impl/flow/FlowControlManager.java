package hyper.impl.flow;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowWindow;

/**
 * hyper's default flow-control manager (the seed's {@code FlowControlManager}, §6.1.7): it lets the window drain,
 * then refills it to the maximum in one increment, so WINDOW_UPDATEs are few (never one per DATA frame, the JDK's
 * old mistake, JDK-8161004) and the peer never stalls on a window that is merely low. The maximum is the window's
 * initial size, which for streams follows our SETTINGS_INITIAL_WINDOW_SIZE.
 *
 * <ul>
 *   <li>When the window after the frame falls below 1/4 of the maximum, increment back to the maximum.</li>
 *   <li>Otherwise, if it falls below 1 KiB, increment back to the maximum.</li>
 * </ul>
 */
public class FlowControlManager extends BaseFlowControlManager {
    private static final int SMALL_WINDOW = 1024;

    public FlowControlManager(FlowWindow window) {
        super(window);
    }

    @Override
    public int increaseWindowSize(int frameSize) {
        return refill(maximum(), windowSize() - (long) frameSize);
    }

    /** The peer is blocked: refill to the maximum. */
    @Override
    public int blocked() {
        return refill(maximum(), windowSize());
    }

    /** The size the window is refilled to. */
    protected int maximum() {
        return initialWindowSize();
    }

    /** The increment that takes {@code future} back to {@code max} when it is {@link #isLow low}, else 0. */
    private int refill(int max, long future) {
        return isLow(future, max) ? (int) Math.max(0, max - future) : 0;
    }

    /** The seed's rule: below a quarter of the maximum, or below 1 KiB. */
    protected boolean isLow(long window, int max) {
        return window < max / 4 || window < SMALL_WINDOW;
    }
}
