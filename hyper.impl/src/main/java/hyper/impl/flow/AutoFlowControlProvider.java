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

    /** The most of a stream window used before it is refilled, unless that is under a sixteenth of the window. */
    static final int REFILL_STEP = 1 << 20;

    @Override
    public BaseFlowControlManager create(FlowWindow window) {
        return window.streamId() == 0 ? new AutoTuningFlowControlManager(window) : new StreamManager(window);
    }

    /**
     * A stream's manager: refill to the maximum as soon as a step of it has been used (not only when a quarter is
     * left, the seed's rule), so the peer's window stays nearly full and one round trip can carry close to a whole
     * window. The step is a quarter of the window, but at most 1 MiB, and at least a sixteenth: with a quarter, a
     * 64 MiB window let the peer send only 48 MiB before the first credit came back, and the sender stalled for part
     * of every round trip at 50 ms (hyper.bench/RESULTS.md, bulk download); with 1 MiB a 100 MiB download costs
     * about a hundred refills, and a small window still gets one per quarter, never one per DATA frame. The
     * maximum is the initial size, which the connection's estimate raises.
     */
    static final class StreamManager extends FlowControlManager {
        StreamManager(FlowWindow window) {
            super(window);
        }

        @Override
        protected boolean isLow(long window, int max) {
            return window < max - refillStep(max);
        }
    }

    /** How much of a stream window of {@code max} is used before it is refilled: a quarter, at most 1 MiB, at least a sixteenth. */
    static int refillStep(int max) {
        return Math.max(max / 16, Math.min(max / 4, REFILL_STEP));
    }
}
