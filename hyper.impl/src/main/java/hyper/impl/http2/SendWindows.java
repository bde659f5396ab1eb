package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;

import hyper.api.ErrorCode;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Send-side flow control (RFC 9113 §5.2, §6.9): the connection's window, every stream's window, and the peer's
 * SETTINGS_INITIAL_WINDOW_SIZE, under one lock. Senders take credit before each DATA frame and wait, bounded, while
 * a window is empty; WINDOW_UPDATE and SETTINGS from the reader thread add credit and wake them.
 */
final class SendWindows {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int connectionWindow = DEFAULT_INITIAL_WINDOW_SIZE;
    private int initialWindowSize = DEFAULT_INITIAL_WINDOW_SIZE;

    /**
     * Gives a new stream its window and registers it in {@code streams}, atomically with respect to SETTINGS
     * changes (§6.9.2 applies to every stream in the map). When {@code inlineLength} octets fit both windows and
     * one frame, takes that credit too and returns true, so the caller can send the body with the headers.
     */
    boolean register(Http2Stream s, Map<Integer, Http2Stream> streams, int inlineLength, int maxFrameSize) {
        lock.lock();
        try {
            s.sendWindow = initialWindowSize;
            boolean inline = inlineLength > 0 && inlineLength <= maxFrameSize && inlineLength <= s.sendWindow
                    && inlineLength <= connectionWindow;
            if (inline) {
                s.sendWindow -= inlineLength;
                connectionWindow -= inlineLength;
            }
            streams.put(s.id, s);
            return inline;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code want} octets of credit (at most one frame) from the stream's and the connection's
     * windows, waiting while either is empty, at most {@code timeoutNanos} without progress.
     *
     * @param failure why the stream can no longer send (reset, connection failed), or null; checked on every wake-up
     */
    int reserve(Http2Stream s, int want, int maxFrameSize, long timeoutNanos, Supplier<IOException> failure) throws IOException {
        if (want == 0) {
            return 0;
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                IOException f = failure.get();
                if (f != null) {
                    throw f;
                }
                int available = Math.min(s.sendWindow, connectionWindow);
                if (available > 0) {
                    int n = Math.min(want, Math.min(available, maxFrameSize));
                    s.sendWindow -= n;
                    connectionWindow -= n;
                    return n;
                }
                if (ConnectionReader.isReaderThread()) {
                    // credit arrives through a reader thread: waiting on one would wait for the write timeout
                    throw new HyperException("flow control: no credit to send on stream " + s.id + ", and a stage "
                            + "running on a connection's reader thread cannot wait for it: send bodies from another thread");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HyperTimeoutException("flow control: no credit to send on stream " + s.id + " for "
                            + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (stream window " + s.sendWindow
                            + ", connection window " + connectionWindow + ", §6.9)");
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for flow-control credit");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** WINDOW_UPDATE on stream 0 (§6.9.1): beyond 2^31-1 is a connection FLOW_CONTROL_ERROR. */
    void connectionUpdate(int increment) throws ConnectionError {
        lock.lock();
        try {
            long w = (long) connectionWindow + increment;
            if (w > MAX_WINDOW_SIZE) {
                throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, "WINDOW_UPDATE makes the connection window exceed 2^31-1 (§6.9.1)");
            }
            connectionWindow = (int) w;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** WINDOW_UPDATE on a stream (§6.9.1): beyond 2^31-1 is a stream FLOW_CONTROL_ERROR. */
    void streamUpdate(Http2Stream s, int increment) throws StreamError {
        lock.lock();
        try {
            long w = (long) s.sendWindow + increment;
            if (w > MAX_WINDOW_SIZE) {
                throw new StreamError(s.id, ErrorCode.FLOW_CONTROL_ERROR, "WINDOW_UPDATE makes the window of stream "
                        + s.id + " exceed 2^31-1 (§6.9.1)");
            }
            s.sendWindow = (int) w;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A new SETTINGS_INITIAL_WINDOW_SIZE: every open stream's window moves by the difference and may go negative (§6.9.2). */
    void initialWindowSize(int value, Collection<Http2Stream> open) throws ConnectionError {
        lock.lock();
        try {
            long delta = (long) value - initialWindowSize;
            for (Http2Stream s : open) {
                if (s.sendWindow + delta > MAX_WINDOW_SIZE) {
                    throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, "SETTINGS_INITIAL_WINDOW_SIZE=" + value
                            + " makes the window of stream " + s.id + " exceed 2^31-1 (§6.9.2)");
                }
            }
            for (Http2Stream s : open) {
                s.sendWindow += (int) delta;
            }
            initialWindowSize = value;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting sender, so it re-checks whether its stream or the connection has failed. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
