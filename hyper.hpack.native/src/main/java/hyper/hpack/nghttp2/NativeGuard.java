package hyper.hpack.nghttp2;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Owns one native handle and makes misuse an exception rather than a crash: a call after
 * {@link #close()} or a second thread entering at the same time gets {@link IllegalStateException};
 * a {@code close()} from another thread while a call is running frees the handle when that call leaves.
 * A {@link Cleaner} frees the handle of a codec that was dropped without being closed.
 *
 * <p>State moves IDLE -> BUSY -> IDLE per call, and to CLOSED exactly once; one compare-and-set on
 * the way in and one on the way out, no lock.
 */
final class NativeGuard {
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSE_WHEN_IDLE = 2;
    private static final int CLOSED = 3;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Cleaner.Cleanable release;
    private final String what;
    private Thread owner;

    /**
     * Guards {@code handle}, freed by {@code free} on close or once {@code owner} is unreachable.
     * {@code free} must not refer to {@code owner}, or the owner would never become unreachable.
     */
    NativeGuard(Object owner, String what, long handle, LongConsumer free) {
        this.what = what;
        this.release = Cleaners.CLEANER.register(owner, new Release(handle, free));
    }

    /** Call before touching the handle; pair with {@link #exit()} in a finally block. */
    void enter() {
        if (!state.compareAndSet(IDLE, BUSY)) {
            int s = state.get();
            if (s != BUSY) {
                throw new IllegalStateException("this " + what + " is closed");
            }
            // owner is a plain field, only read for this message: exact for the thread that wrote it
            throw new IllegalStateException(owner == Thread.currentThread()
                    ? "this " + what + " was called again from inside one of its own calls (a header listener?)"
                    : "this " + what + " is in use by another thread");
        }
        owner = Thread.currentThread();
    }

    /** Leaves a call; frees the handle if {@link #close()} came in the meantime. */
    void exit() {
        if (!state.compareAndSet(BUSY, IDLE)) { // only close() moves BUSY elsewhere: to CLOSE_WHEN_IDLE
            state.set(CLOSED);
            release.clean();
        }
    }

    /** True until closed; a hint only, {@link #enter()} is the check that counts. */
    boolean isOpen() {
        return state.get() < CLOSE_WHEN_IDLE;
    }

    /** Whether the handle has been freed. */
    boolean isFreed() {
        return state.get() == CLOSED;
    }

    /** Frees the handle now, or when the running call leaves. Idempotent. */
    void close() {
        while (true) {
            int s = state.get();
            if (s == IDLE) {
                if (state.compareAndSet(IDLE, CLOSED)) {
                    release.clean();
                    return;
                }
            } else if (s == BUSY) {
                if (state.compareAndSet(BUSY, CLOSE_WHEN_IDLE)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    /** Holds only the handle, never the codec, so the codec can become unreachable. Runs at most once. */
    private static final class Release implements Runnable {
        private final long handle;
        private final LongConsumer free;

        Release(long handle, LongConsumer free) {
            this.handle = handle;
            this.free = free;
        }

        @Override
        public void run() {
            free.accept(handle);
        }
    }

    /** One cleaner thread for the whole module, started on first use. */
    private static final class Cleaners {
        static final Cleaner CLEANER = Cleaner.create(task -> {
            Thread t = new Thread(task, "hyper.hpack.nghttp2 cleaner");
            t.setDaemon(true);
            return t;
        });
    }
}
