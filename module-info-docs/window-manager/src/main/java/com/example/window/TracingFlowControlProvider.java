package com.example.window;

import hyper.api.spi.BaseFlowControlManager;
import hyper.api.spi.FlowControlProvider;
import hyper.api.spi.FlowWindow;

/**
 * A window-manager provider named {@code "tracing"}: its managers print every call they get, then answer as the
 * seed's StupidFlowControlManager does (give each frame back). Its priority is below hyper's own, so it is used
 * only when named: {@code -Dhyper.flowcontrol=tracing} or {@code ConnectionOptions.builder().flowControlProvider("tracing")}.
 */
public final class TracingFlowControlProvider implements FlowControlProvider {

    @Override
    public String name() {
        return "tracing";
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public BaseFlowControlManager create(FlowWindow window) {
        return new TracingManager(window);
    }

    /** Prints what it is told, and returns the frame size. */
    static final class TracingManager extends BaseFlowControlManager {
        TracingManager(FlowWindow window) {
            super(window);
        }

        @Override
        public int increaseWindowSize(int frameSize) {
            System.out.println("manager of stream " + streamId() + ": increaseWindowSize(" + frameSize + ") window="
                    + windowSize() + " initial=" + initialWindowSize() + " document=" + documentSize());
            return frameSize;
        }

        @Override
        public int blocked() {
            System.out.println("manager of stream " + streamId() + ": blocked()");
            return 0;
        }
    }
}
