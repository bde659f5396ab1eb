package hyper.impl.http2;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for the whole JVM that runs each connection's periodic liveness check: stalled socket writes,
 * unanswered PINGs and SETTINGS. The checks only look at timestamps and close sockets; they never block.
 */
final class Watchdog {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Watchdog() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "hyper-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** Runs {@code check} every {@code periodNanos} until the returned future is cancelled. */
    static ScheduledFuture<?> every(long periodNanos, Runnable check) {
        return TIMER.scheduleWithFixedDelay(check, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} once after {@code delayNanos}, off the watchdog thread (see {@link #offload}). */
    static ScheduledFuture<?> once(long delayNanos, Runnable task) {
        return TIMER.schedule(() -> offload(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code task} on another thread: closing a socket or writing to one can block (an SSLSocket's close
     * writes close_notify), and the one watchdog thread serves every connection.
     */
    static void offload(Runnable task) {
        ForkJoinPool.commonPool().execute(task);
    }
}
