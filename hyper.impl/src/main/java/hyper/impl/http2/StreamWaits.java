package hyper.impl.http2;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The read timeouts of the threads waiting on a connection's streams. A waiting thread parks with no timeout, and
 * the connection's watchdog tick ({@link Liveness}) wakes it once its deadline has passed, so a timeout fires late
 * by at most one tick: a quarter of the read timeout, between 10 ms and 1 s.
 *
 * <p>Why not {@code Condition.awaitNanos}: every blocking request waits once for its response, and a timed park
 * costs more than a plain one. On a virtual thread (Java 21+) each timed park schedules a timer task and wakes the
 * scheduler's timer thread, a platform thread; on JDK 25 that was a fifth of a blocking request's CPU (RESULTS.md,
 * issue 10). Registering here is two concurrent-set operations per wait, not per frame.
 */
final class StreamWaits {
    private final Set<Http2Stream> waiting = ConcurrentHashMap.newKeySet();

    /** The stream has its first waiting thread (called under the stream's lock). */
    void add(Http2Stream s) {
        waiting.add(s);
    }

    /** The stream's last waiting thread left (called under the stream's lock). */
    void remove(Http2Stream s) {
        waiting.remove(s);
    }

    /** Watchdog: wakes the threads of every stream whose earliest deadline is at or before {@code now}. */
    void expire(long now) {
        for (Http2Stream s : waiting) {
            s.expireWaits(now);
        }
    }

    /** Streams with a waiting thread (test hook). */
    int size() {
        return waiting.size();
    }

    /** How often the watchdog must look for a read timeout of {@code readTimeoutNanos} to fire at most a quarter late. */
    static long tickFor(long readTimeoutNanos) {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(TimeUnit.SECONDS.toNanos(1), readTimeoutNanos / 4));
    }
}
