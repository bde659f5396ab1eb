package hyper.impl.http1;

import hyper.api.HyperTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket's output with a bound on each write. A blocking socket write has no timeout of its own (SO_TIMEOUT
 * only bounds reads), so a peer that stops reading would block the writer for ever; a watchdog closes the socket
 * when one write takes longer than the write timeout, and the writer sees a {@link HyperTimeoutException}.
 *
 * <p>Why a polling watchdog rather than a scheduled task per write: scheduling makes the timer thread wake up for
 * every request, a context switch each; registering in a map and scanning it every {@value #SCAN_MILLIS} ms costs
 * two map operations per write. Deadlines are therefore met to within that scan interval.
 */
final class TimedOutputStream extends OutputStream {
    private static final int SLICE = 256 * 1024;
    private static final long SCAN_MILLIS = 50;
    /** The watchdog thread ends after this long without a write, and starts again with the next one. */
    private static final long IDLE_EXIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Map<TimedOutputStream, Long> WRITING = new ConcurrentHashMap<>();
    private static final ReentrantLock START_LOCK = new ReentrantLock();
    private static volatile Thread watchdog;

    private final OutputStream out;
    private final Socket socket;
    private final long timeoutNanos;
    private final String peer;
    private volatile boolean fired;

    TimedOutputStream(OutputStream out, Socket socket, Duration timeout, String peer) {
        this.out = out;
        this.socket = socket;
        this.timeoutNanos = timeout.toNanos();
        this.peer = peer;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Writes in slices, each with its own deadline: a large body that keeps moving never times out. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; done += SLICE) {
            int n = Math.min(SLICE, len - done);
            WRITING.put(this, System.nanoTime() + timeoutNanos);
            ensureWatchdog(); // after registering: a watchdog that is just ending either sees this write or is replaced
            try {
                out.write(b, off + done, n);
            } catch (IOException e) {
                throw fired ? timedOut(e) : e;
            } finally {
                WRITING.remove(this);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void expire() {
        fired = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is the point; a failure to close leaves nothing else to do
        }
    }

    private HyperTimeoutException timedOut(IOException cause) {
        HyperTimeoutException t = new HyperTimeoutException("writing to " + peer + " took longer than "
                + Duration.ofNanos(timeoutNanos) + " (the peer is not reading); the connection was closed");
        t.initCause(cause);
        return t;
    }

    private static void ensureWatchdog() {
        if (watchdog != null) {
            return;
        }
        START_LOCK.lock();
        try {
            if (watchdog == null) {
                Thread t = new Thread(TimedOutputStream::scan, "hyper-http1-write-timeout");
                t.setDaemon(true);
                watchdog = t;
                t.start();
            }
        } finally {
            START_LOCK.unlock();
        }
    }

    /** Closes the sockets of writes past their deadline; ends after a long idle spell. */
    private static void scan() {
        long idleSince = System.nanoTime();
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(SCAN_MILLIS));
            long now = System.nanoTime();
            if (!WRITING.isEmpty()) {
                idleSince = now;
                for (Map.Entry<TimedOutputStream, Long> e : WRITING.entrySet()) {
                    if (now - e.getValue() > 0) {
                        e.getKey().expire();
                    }
                }
            } else if (now - idleSince > IDLE_EXIT_NANOS) {
                START_LOCK.lock();
                try {
                    watchdog = null; // a write from now on starts a new one; one already registered is seen below
                } finally {
                    START_LOCK.unlock();
                }
                if (WRITING.isEmpty()) {
                    return;
                }
                ensureWatchdog();
                return;
            }
        }
    }
}
