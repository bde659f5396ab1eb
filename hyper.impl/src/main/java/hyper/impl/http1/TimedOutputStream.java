package hyper.impl.http1;

import hyper.api.HyperTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A socket's output with a bound on each write. A blocking socket write has no timeout of its own (SO_TIMEOUT
 * only bounds reads), so a peer that stops reading would block the writer for ever; a watchdog closes the socket
 * when one write takes longer than the write timeout, and the writer sees a {@link HyperTimeoutException}.
 */
final class TimedOutputStream extends OutputStream {
    private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();
    private static final int SLICE = 256 * 1024;

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

    private static ScheduledThreadPoolExecutor watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hyper-http1-write-timeout");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true); // cancelled deadlines must not pile up in the queue
        return e;
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
            ScheduledFuture<?> deadline = WATCHDOG.schedule(this::expire, timeoutNanos, TimeUnit.NANOSECONDS);
            try {
                out.write(b, off + done, n);
            } catch (IOException e) {
                throw fired ? timedOut(e) : e;
            } finally {
                deadline.cancel(false);
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
}
