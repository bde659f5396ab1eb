package hyper.tls.openssl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One TLS session over a TCP socket: OpenSSL encrypts and decrypts in memory, this class moves the ciphertext.
 *
 * <p>Lock order: {@code readLock} (the one reader), {@code writeLock} (the one writer), {@code sslLock} (every
 * native call on the session). {@code sslLock} is never held across socket I/O, so a writer blocked on a full socket
 * never stops the reader decrypting. For its own output (what OpenSSL queued while reading: an alert, a refusal,
 * RFC 8446 §4.6.3's KeyUpdate answer) the reader takes {@code writeLock} only with {@code tryLock}: if a writer holds
 * it, that writer sends the output when it lets go, so the reader never waits for a writer that waits for the peer.
 * The reading thread may also write as the engine's writer (hyper flushes from its read loop, just before the socket
 * read would wait, inside this class's read): it then holds {@code readLock} and takes {@code writeLock} like any
 * writer; the engine's own write lock already keeps every other writer out.
 */
final class OpenSslTransport {
    /** Ciphertext read per system call: four full TLS records, like the JSSE path's read-ahead. */
    static final int INPUT_SIZE = 64 * 1024;
    /** Plaintext encrypted per native call; the ciphertext it makes fits {@link #OUTPUT_SIZE}. */
    static final int WRITE_CHUNK = 64 * 1024;
    /** 64 KiB plus the per-record overhead of four records (header, tag, content type) with room to spare. */
    static final int OUTPUT_SIZE = WRITE_CHUNK + 1024;

    /** Sessions made and not yet freed, process-wide: lets tests see that connections use OpenSSL and free it. */
    private static final java.util.concurrent.atomic.AtomicInteger LIVE = new java.util.concurrent.atomic.AtomicInteger();

    private final Socket socket;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock sslLock = new ReentrantLock();
    /** The SSL handle (0 once freed), shared with the Cleaner that frees it should this be dropped unclosed. */
    private final Session session;
    private final java.lang.ref.Cleaner.Cleanable freeing;
    /** Ciphertext read from the socket; OpenSSL has yet to take {@code input[inputStart, inputEnd)}. Guarded by readLock. */
    private final byte[] input = new byte[INPUT_SIZE];
    private int inputStart;
    private int inputEnd;
    /** Ciphertext on its way to the socket. Guarded by writeLock. */
    private final byte[] output = new byte[OUTPUT_SIZE];
    /** OpenSSL queued output that no writer has taken yet. */
    private volatile boolean outputQueued;
    private volatile boolean closed;
    /** The TCP stream ended. Guarded by readLock. */
    private boolean inputEnded;
    /** shutdownInput was called: reads see the end. */
    private volatile boolean inputShut;
    /** shutdownOutput sent close_notify: writes fail. Guarded by writeLock. */
    private boolean outputShut;

    OpenSslTransport(Socket socket, long ssl) throws IOException {
        this.socket = socket;
        this.rawIn = socket.getInputStream();
        this.rawOut = socket.getOutputStream();
        this.session = new Session(ssl);
        LIVE.incrementAndGet();
        this.freeing = NativeLibrary.CLEANER.register(this, session);
    }

    /**
     * The handle and its freeing, apart from the transport so that a Cleaner can free it when a transport is dropped
     * without {@link #close}: then nothing else can be using it. {@code close} frees it under sslLock.
     */
    private static final class Session implements Runnable {
        volatile long ssl;

        Session(long ssl) {
            this.ssl = ssl;
        }

        @Override
        public void run() {
            long s = ssl;
            if (s != 0) {
                ssl = 0;
                OpenSslJni.sessionFree(s);
                LIVE.decrementAndGet();
            }
        }
    }

    static int liveSessions() {
        return LIVE.get();
    }

    /** Runs the handshake to its end, each socket read bounded by the socket's timeout until {@code deadline}. */
    void handshake(long deadlineNanos) throws IOException {
        readLock.lock();
        try {
            while (true) {
                long r;
                sslLock.lock();
                try {
                    r = OpenSslJni.handshake(handle(), input, inputStart, inputEnd - inputStart);
                } finally {
                    sslLock.unlock();
                }
                inputStart += OpenSslJni.taken(r); // what the server sent after its Finished stays for read()
                sendQueued();
                if ((int) r == 0) {
                    return;
                }
                if (inputStart < inputEnd) {
                    throw new SSLHandshakeException("OpenSSL wants more input but left " + (inputEnd - inputStart) + " octets");
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("TLS handshake timed out");
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                if (!fillInput()) {
                    throw new SSLHandshakeException("the server closed the connection during the TLS handshake");
                }
            }
        } finally {
            readLock.unlock();
            java.lang.ref.Reference.reachabilityFence(this); // the Cleaner must not free the session mid-call
        }
    }

    /** Reads plaintext, waiting for the peer when OpenSSL holds none; -1 at close_notify or the end of TCP. */
    int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (inputShut) {
            return -1;
        }
        readLock.lock();
        try {
            while (true) {
                long r;
                sslLock.lock();
                try {
                    r = OpenSslJni.read(handle(), input, inputStart, inputEnd - inputStart, b, off, len);
                } catch (SSLException e) {
                    outputQueued = true; // OpenSSL may have queued a fatal alert that tells the peer why
                    sslLock.unlock();
                    sendQueuedQuietly();
                    throw e;
                } finally {
                    if (sslLock.isHeldByCurrentThread()) {
                        sslLock.unlock();
                    }
                }
                inputStart += OpenSslJni.taken(r);
                if (OpenSslJni.outputQueued(r)) {
                    outputQueued = true;
                    sendQueuedIfFree();
                }
                int n = (int) r;
                if (n != 0) {
                    return n; // plaintext, or -1 after close_notify
                }
                if (inputStart < inputEnd) { // it asks for more only once it has taken all it was given
                    throw new SSLException("OpenSSL wants more input but left " + (inputEnd - inputStart) + " octets");
                }
                if (inputEnded || inputShut || !fillInput()) {
                    inputEnded = true; // TCP ended without close_notify; every whole record has been returned
                    return -1;
                }
            }
        } catch (IOException e) {
            throw closed ? new SocketException("Socket closed") : e;
        } finally {
            readLock.unlock();
            java.lang.ref.Reference.reachabilityFence(this); // the Cleaner must not free the session mid-call
        }
    }

    /** Reads the socket into the emptied input buffer (the one place the reader waits); false at its end. */
    private boolean fillInput() throws IOException {
        int n = rawIn.read(input, 0, input.length);
        inputStart = 0;
        inputEnd = Math.max(n, 0);
        return n > 0;
    }

    /** Plaintext readable without waiting (what is left of a decrypted record). */
    int available() {
        if (!sslLock.tryLock()) {
            return 0; // a read is decrypting right now; 0 is always a correct answer
        }
        try {
            long ssl = session.ssl;
            return ssl == 0 ? 0 : OpenSslJni.pending(ssl);
        } finally {
            sslLock.unlock();
        }
    }

    /** Encrypts and sends {@code b[off, off+len)}; returns when the socket has taken all of it. */
    void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        writeLock.lock();
        try {
            if (outputShut) {
                throw new SocketException("Socket output is shutdown");
            }
            while (len > 0) {
                int chunk = Math.min(len, WRITE_CHUNK);
                sslLock.lock();
                try {
                    OpenSslJni.write(handle(), b, off, chunk);
                } finally {
                    sslLock.unlock();
                }
                off += chunk;
                len -= chunk;
                sendQueuedLocked();
            }
        } catch (IOException e) {
            throw closed ? new SocketException("Socket closed") : e;
        } finally {
            writeLock.unlock();
        }
        sendQueuedIfFree();
        java.lang.ref.Reference.reachabilityFence(this);
    }

    /** Sends what OpenSSL queued, waiting for the write lock (handshake and close only). */
    private void sendQueued() throws IOException {
        writeLock.lock();
        try {
            sendQueuedLocked();
        } finally {
            writeLock.unlock();
        }
    }

    /** Sends what OpenSSL queued if no writer is busy; a busy writer sends it when it finishes. */
    private void sendQueuedIfFree() throws IOException {
        while (outputQueued && writeLock.tryLock()) {
            try {
                sendQueuedLocked();
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** {@link #sendQueuedIfFree} on a connection that is failing anyway: a write error adds nothing. */
    private void sendQueuedQuietly() {
        try {
            sendQueuedIfFree();
        } catch (IOException ignored) {
            // the original failure is the one to report
        }
    }

    /** Drains OpenSSL's output to the socket. Caller holds writeLock. */
    private void sendQueuedLocked() throws IOException {
        outputQueued = false; // before draining: output queued after this is either drained below or flagged again
        if (outputShut) {
            return; // close_notify has gone: nothing may follow it (RFC 8446 §6.1)
        }
        while (true) {
            int n;
            sslLock.lock();
            try {
                long ssl = session.ssl;
                n = ssl == 0 ? 0 : OpenSslJni.drain(ssl, output, 0, output.length);
            } finally {
                sslLock.unlock();
            }
            if (n == 0) {
                return;
            }
            rawOut.write(output, 0, n);
        }
    }

    /** What the handshake negotiated, or the peer sent; see {@link OpenSslJni#negotiated}. */
    String negotiated(int what) throws SocketException {
        sslLock.lock();
        try {
            return OpenSslJni.negotiated(handle(), what);
        } finally {
            sslLock.unlock();
        }
    }

    byte[][] peerChain() throws IOException {
        sslLock.lock();
        try {
            return OpenSslJni.peerChain(handle());
        } finally {
            sslLock.unlock();
        }
    }

    boolean certificateNames(String host, boolean ip) throws SocketException {
        sslLock.lock();
        try {
            return OpenSslJni.checkHost(handle(), host, ip);
        } finally {
            sslLock.unlock();
        }
    }

    /** Reads see the end of stream from now on; the TCP input is shut, which ends a read waiting on it. */
    void shutdownInput() throws IOException {
        inputShut = true;
        socket.shutdownInput();
    }

    /** Sends close_notify (RFC 8446 §6.1), then shuts the TCP output; the input stays open. */
    void shutdownOutput() throws IOException {
        writeLock.lock();
        try {
            if (outputShut) {
                return;
            }
            sslLock.lock();
            try {
                OpenSslJni.shutdown(handle());
            } finally {
                sslLock.unlock();
            }
            sendQueuedLocked();
            outputShut = true;
            socket.shutdownOutput();
        } finally {
            writeLock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Sends close_notify when no writer is busy (a writer stuck on a full socket must not hold up the close), closes
     * the socket, which wakes a blocked reader or writer, then frees the session once no native call is running.
     */
    void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (writeLock.tryLock()) {
                try {
                    sslLock.lock();
                    try {
                        long ssl = session.ssl;
                        if (ssl != 0) {
                            OpenSslJni.shutdown(ssl);
                        }
                    } finally {
                        sslLock.unlock();
                    }
                    sendQueuedLocked();
                } catch (IOException alreadyBroken) {
                    // the peer is gone: nothing more to tell it
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            try {
                socket.close();
            } finally {
                sslLock.lock();
                try {
                    freeing.clean(); // at most once, whoever comes first
                } finally {
                    sslLock.unlock();
                }
            }
        }
    }

    /** The live handle. Caller holds sslLock. */
    private long handle() throws SocketException {
        long ssl = session.ssl;
        if (ssl == 0) {
            throw new SocketException("Socket closed");
        }
        return ssl;
    }
}
