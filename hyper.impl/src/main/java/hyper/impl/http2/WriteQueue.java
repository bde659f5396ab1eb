package hyper.impl.http2;

import hyper.api.spi.BlockBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Coalesces the frames of every thread into few socket writes, by flat combining: callers append encoded frames
 * to {@link #pending} under the short {@code queueLock}, then try to take {@code writeLock}; whoever holds it swaps
 * the pending buffer out and writes all of it in one call, again and again until nothing is left. Nobody waits for
 * the socket on somebody else's behalf, and there is no writer thread to hand frames to.
 *
 * <p>Lock order: {@code writeLock} before {@code queueLock}; {@code queueLock} is a leaf (held for memory work only).
 */
final class WriteQueue {
    /** Buffers that grew past this during a burst are replaced after it, so a connection does not keep megabytes. */
    private static final int SHRINK_ABOVE = 1 << 20;
    private static final int INITIAL = 16 * 1024;

    private final OutputStream out;
    private final ReentrantLock queueLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private BlockBuffer pending = new BlockBuffer(INITIAL);
    private BlockBuffer writing = new BlockBuffer(INITIAL);
    private volatile int queuedBytes; // what pending held at the last unlock, for callers deciding whether to flush
    private volatile long writeStartedNanos; // non-zero while a socket write is in progress, for the watchdog
    private volatile IOException failure;

    WriteQueue(OutputStream out) {
        this.out = out;
    }

    /** Locks the queue and returns the buffer to append frames to; pair with {@link #unlock()}. */
    BlockBuffer lock() {
        queueLock.lock();
        return pending;
    }

    /** Releases the queue after appending. */
    void unlock() {
        queuedBytes = pending.length();
        queueLock.unlock();
    }

    /** About how many octets wait to be written (exact as of the last {@link #unlock()} or drain). */
    int queuedBytes() {
        return queuedBytes;
    }

    /**
     * Makes sure everything queued so far gets written: writes it now unless another thread is already writing,
     * in which case that thread will (it re-checks the queue after releasing the write lock).
     *
     * @throws IOException the socket write failed (also remembered, so later calls fail fast)
     */
    void flush() throws IOException {
        while (true) {
            if (!writeLock.tryLock()) {
                return; // the holder drains what we appended: it re-checks after unlocking
            }
            try {
                drain();
            } finally {
                writeLock.unlock();
            }
            if (!hasPending()) {
                return;
            }
        }
    }

    /** Like {@link #flush()}, but waits up to {@code timeoutNanos} for another writer instead of leaving it the work. */
    boolean flushAndWait(long timeoutNanos) throws IOException {
        try {
            if (!writeLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            drain();
        } finally {
            writeLock.unlock();
        }
        return true;
    }

    /** When the current socket write started, or 0 when none is in progress. */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** The write failure, if a write failed. */
    IOException failure() {
        return failure;
    }

    private boolean hasPending() {
        queueLock.lock();
        try {
            return pending.length() > 0;
        } finally {
            queueLock.unlock();
        }
    }

    private void drain() throws IOException {
        if (failure != null) {
            throw failure;
        }
        while (true) {
            BlockBuffer batch;
            queueLock.lock();
            try {
                if (pending.length() == 0) {
                    return;
                }
                batch = pending;
                pending = writing;
                writing = batch;
                queuedBytes = 0;
            } finally {
                queueLock.unlock();
            }
            writeStartedNanos = System.nanoTime() | 1; // never 0 while writing
            try {
                out.write(batch.array(), 0, batch.length());
            } catch (IOException e) {
                failure = e;
                throw e;
            } finally {
                writeStartedNanos = 0;
            }
            if (batch.array().length > SHRINK_ABOVE) {
                writing = new BlockBuffer(INITIAL);
            } else {
                batch.reset();
            }
        }
    }
}
