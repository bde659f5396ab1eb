package hyper.impl.http1;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One socket of an HTTP/1.1 connection, with its read buffer and write buffer. A connection replaces its wire
 * when the server closes it; responses keep reading the wire they arrived on.
 *
 * <p>Locks: requests are written under the connection's request lock; everything read (heads, bodies, the
 * 100-continue wait) happens under {@link #readLock}. The request lock may be held when taking the read lock,
 * never the other way round.
 */
final class Wire {
    /** A wire idle for longer than this is probed for a close by the server before it is reused. */
    private static final long PROBE_AFTER_IDLE_NANOS = Duration.ofSeconds(1).toNanos();

    final Socket socket;
    final Http1Source source;
    final OutputStream out;
    final boolean plainProxy;
    final ReentrantLock readLock = new ReentrantLock();

    private volatile boolean closed;
    /** False once no further request may go on this wire (Connection: close, a withheld body, an error). */
    volatile boolean reusable = true;
    /** Requests written and responses whose head was read; a request is outstanding while they differ. */
    volatile int sent;
    volatile int answered;
    /** The response whose body is being read on this wire, or null (guarded by readLock). */
    Http1Response current;
    private volatile long idleSince = System.nanoTime();

    Wire(Dialer.Dialed dialed, int bufferSize, Duration writeTimeout, String peer) throws IOException {
        this.socket = dialed.socket();
        this.plainProxy = dialed.plainProxy();
        this.source = new Http1Source(socket.getInputStream(), socket, peer, bufferSize);
        this.out = new BufferedOutputStream(new TimedOutputStream(socket.getOutputStream(), socket, writeTimeout, peer),
                Math.min(bufferSize, 16 * 1024));
    }

    boolean isClosed() {
        return closed || socket.isClosed();
    }

    /** Whether nothing is in flight: every request answered and the last body read. Call under readLock. */
    boolean isIdle() {
        return sent == answered && (current == null || current.bodyComplete());
    }

    void markIdle() {
        idleSince = System.nanoTime();
    }

    /**
     * Whether an idle wire can take another request. One idle for a while is probed: a server that closed it
     * (keep-alive timeout) shows end of stream within a millisecond, and octets arriving unasked mean it is broken.
     */
    boolean healthyForReuse() throws IOException {
        if (isClosed() || !reusable) {
            return false;
        }
        if (!readLock.tryLock()) {
            return true; // a response is being read right now: the wire is alive
        }
        try {
            if (!isIdle() || System.nanoTime() - idleSince < PROBE_AFTER_IDLE_NANOS) {
                return true;
            }
            if (source.buffered() > 0 || source.await(1) || source.isEof()) {
                close();
                return false;
            }
            return true;
        } finally {
            readLock.unlock();
        }
    }

    /** Closes the socket; idempotent. Reads and writes in progress fail. */
    void close() {
        closed = true;
        reusable = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // the socket is unusable either way
        }
    }
}
