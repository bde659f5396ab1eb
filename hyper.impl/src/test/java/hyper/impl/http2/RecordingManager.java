package hyper.impl.http2;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlFactory;
import hyper.api.spi.FlowWindow;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

/** A test manager that writes down every call, with what it could read then, and answers as the test says. */
final class RecordingManager extends BaseFlowControlManager {
    /** One call: which method, the frame size given (0 for blocked), and the view at that moment. */
    record Call(int streamId, String method, int frameSize, int windowSize, long documentSize) {
    }

    /** Every call of every manager the factory made, in order. */
    static final class Log {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        List<Call> of(int streamId, String method) {
            return calls.stream().filter(c -> c.streamId() == streamId && c.method().equals(method)).toList();
        }
    }

    private final Log log;
    private final IntUnaryOperator increase;
    private final IntSupplier blocked;

    RecordingManager(FlowWindow window, Log log, IntUnaryOperator increase, IntSupplier blocked) {
        super(window);
        this.log = log;
        this.increase = increase;
        this.blocked = blocked;
    }

    /** Managers that record into {@code log} and never increase any window. */
    static FlowControlFactory neverIncreasing(Log log) {
        return w -> new RecordingManager(w, log, f -> 0, () -> 0);
    }

    @Override
    public int increaseWindowSize(int frameSize) {
        log.calls.add(new Call(streamId(), "increase", frameSize, windowSize(), documentSize()));
        return increase.applyAsInt(frameSize);
    }

    @Override
    public int blocked() {
        log.calls.add(new Call(streamId(), "blocked", 0, windowSize(), documentSize()));
        return blocked.getAsInt();
    }
}
