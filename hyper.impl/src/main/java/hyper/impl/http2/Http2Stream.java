package hyper.impl.http2;

import hyper.api.ErrorCode;
import hyper.api.HeaderMap;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.Response;
import hyper.api.WindowManagerException;
import hyper.api.spi.FlowControlFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One stream (RFC 9113 §5.1): a request of ours, or a response the server pushed (an even id, §8.4). The request
 * side's send window and END_STREAM, the response side's headers, buffered body ({@link ResponseBuffer}) and
 * receive window, and the pushes promised on it. The reader thread fills it and wakes the application thread
 * waiting on it directly; the application thread empties it and returns flow-control credit as it goes.
 *
 * <p>Receive-side state is guarded by {@link #lock}; {@link #sendWindow} by {@link SendWindows}. The
 * stream lock is never held while taking another lock.
 */
final class Http2Stream {
    /** Interim responses allowed before the final one (§8.1); more is a PROTOCOL_ERROR. */
    static final int MAX_INFORMATIONAL = 16;
    /** Empty DATA frames buffered unread before the stream is reset: they cost no flow control, so are bounded. */
    static final int MAX_EMPTY_FRAMES = 1024;

    final int id;
    final boolean head;

    /** The push whose response this stream carries; null on our own requests. */
    final PushPromise push;
    /**
     * A pushed stream before its first HEADERS: "reserved (remote)" (§5.1), where only HEADERS, RST_STREAM and
     * PRIORITY may arrive. Reader thread only.
     */
    boolean reserved;

    // ---- request side ----
    /** Octets we may still send; may go negative (§6.9.2). Guarded by {@link SendWindows}. */
    int sendWindow;
    volatile boolean localClosed;

    // ---- response side, guarded by lock ----
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReceiveWindow recv;
    private int status = -1;
    private HeaderMap headers;
    private HeaderMap trailers;
    private int informational;
    private long contentLength = -1;
    private long received;
    private final ResponseBuffer buffer = new ResponseBuffer();
    private int prepaid;                  // buffered octets whose credit was returned early (trailers() buffering)
    private volatile boolean remoteClosed;
    private volatile IOException failure;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean cancelled;
    private ArrayDeque<PushPromise> promises; // pushes promised on this request stream and not yet taken
    private final StreamWaits waits;          // where a waiting thread's read timeout is kept (see awaitNanos)
    private int waiters;                      // threads waiting on changed
    private long waitDeadline;                // the earliest of their deadlines (nanoTime); 0 after the watchdog woke them

    // ---- the reader thread's own fields: its wake-up list (ConnectionReader.wakeLater / wakeAll) ----
    /** Queued for {@link #wakeWaiters} in the reader's current batch. */
    boolean wakeQueued;
    /** Queued only because its final headers came without the body: the wake may wait one read for the DATA. */
    boolean wakeMayWait;
    /** Reads its wake has waited for the DATA so far (at most ConnectionReader.MAX_WAKE_WAITS). */
    int wakeWaits;

    // ---- asynchronous delivery (requestAsync, fetchAsync): set before HEADERS go out, taken once under lock ----
    private volatile boolean async;
    private boolean whole;
    private CompletableFuture<Response> future;

    /**
     * A stream whose receive window starts at {@code receiveWindow}, managed by a manager from {@code flowControl}.
     *
     * @throws WindowManagerException the factory failed to make a manager
     */
    Http2Stream(int id, boolean head, int receiveWindow, FlowControlFactory flowControl, StreamWaits waits)
            throws WindowManagerException {
        this(id, head, receiveWindow, flowControl, waits, null);
    }

    /** A stream carrying the response to {@code push}, when non-null: reserved (remote), nothing to send. */
    Http2Stream(int id, boolean head, int receiveWindow, FlowControlFactory flowControl, StreamWaits waits,
            Function<Http2Stream, PushPromise> push) throws WindowManagerException {
        this.id = id;
        this.waits = waits;
        this.head = head;
        this.recv = new ReceiveWindow(id, receiveWindow).managedBy(flowControl);
        this.push = push == null ? null : push.apply(this);
        this.reserved = push != null;
        this.localClosed = push != null;
    }

    // ======== reader thread ========

    /**
     * A complete header block: an interim response (skipped), the final response, or trailers (§8.1).
     *
     * @return true when it was the final response's headers and body octets are to follow (DATA is expected)
     * @throws StreamError the block is malformed or comes in the wrong place
     */
    boolean onHeaders(HeaderBlock block, boolean endStream) throws StreamError {
        reserved = false; // a pushed response has begun: half-closed (local), §5.1
        lock.lock();
        try {
            if (remoteClosed) {
                throw new StreamError(id, ErrorCode.STREAM_CLOSED, "HEADERS on stream " + id + " after END_STREAM (§5.1)");
            }
            if (headers == null) {
                int code = ResponseHeaders.validateResponse(block, id);
                if (code < 200) {
                    if (endStream) {
                        throw ResponseHeaders.malformed(id, "interim response " + code + " ends the stream (§8.1)");
                    }
                    if (code == 101) {
                        throw ResponseHeaders.malformed(id, "101 Switching Protocols is not allowed in HTTP/2 (§8.6)");
                    }
                    if (++informational > MAX_INFORMATIONAL) {
                        throw ResponseHeaders.malformed(id, "more than " + MAX_INFORMATIONAL + " interim (1xx) responses");
                    }
                    return false; // interim responses are skipped, §8.1
                }
                contentLength = ResponseHeaders.contentLength(block, id);
                recv.documentSize(head ? -1 : contentLength);
                headers = ResponseHeaders.toMap(block);
                status = code;
            } else {
                if (!endStream) {
                    throw ResponseHeaders.malformed(id, "trailers without END_STREAM (§8.1)");
                }
                ResponseHeaders.validateTrailers(block, id);
                trailers = ResponseHeaders.toMap(block);
            }
            if (endStream) {
                checkContentLength();
                remoteClosed = true;
            }
            // no signal here: the reader wakes waiters once per read batch (wakeWaiters), when this stream's
            // DATA has usually arrived too, so a small response costs its reading thread one wake-up, not two
            return !endStream && trailers == null && !head && contentLength != 0 && status != 204 && status != 304;
        } finally {
            lock.unlock();
        }
    }

    /**
     * A DATA frame's payload, copied into the stream's buffer; the window manager hears of it first.
     *
     * @return a stream WINDOW_UPDATE increment to send now, or 0
     * @throws StreamError DATA before the final response, after END_STREAM, beyond the window or the content-length
     * @throws WindowManagerException the stream's window manager misbehaved: the stream must be reset
     */
    int onData(byte[] buf, int off, int len, int flowControlled, boolean endStream) throws StreamError, WindowManagerException {
        lock.lock();
        try {
            if (remoteClosed) {
                throw new StreamError(id, ErrorCode.STREAM_CLOSED, "DATA on stream " + id + " after END_STREAM (§5.1)");
            }
            if (headers == null) {
                throw new StreamError(id, ErrorCode.PROTOCOL_ERROR, "DATA on stream " + id + " before the response headers (§8.1)");
            }
            if (!recv.fits(flowControlled)) {
                throw new StreamError(id, ErrorCode.FLOW_CONTROL_ERROR, "stream " + id + " received more than its window (§6.9.1)");
            }
            // fetchAsync buffers the whole body: its octets are credited as they arrive, not when the application
            // reads them (kept 0: nothing waits to be read as far as the window is concerned); prepaid remembers them
            // so that reading does not credit them twice. The last frame needs no credit (§5.1 half-closed remote).
            boolean creditNow = whole && !endStream && !cancelled;
            int increment = recv.receive(flowControlled, cancelled || creditNow ? 0 : len); // padding is given back at once (§6.1)
            received += len;
            if (contentLength >= 0 && received > contentLength && !head) {
                throw ResponseHeaders.malformed(id, "more DATA than content-length " + contentLength + " (§8.1.1)");
            }
            if (len == 0 && buffer.countEmptyFrame() > MAX_EMPTY_FRAMES) {
                throw new StreamError(id, ErrorCode.ENHANCE_YOUR_CALM, "more than " + MAX_EMPTY_FRAMES + " empty DATA frames buffered");
            }
            if (!cancelled) {
                buffer.append(buf, off, len, contentLength, recv.initialWindowSize());
            }
            if (endStream) {
                checkContentLength();
                remoteClosed = true;
            }
            if (creditNow) {
                prepaid += len;
            }
            return endStream ? 0 : increment; // a finished stream needs no more credit; the reader wakes waiters (wakeLater)
        } finally {
            lock.unlock();
        }
    }

    private void checkContentLength() throws StreamError {
        if (contentLength >= 0 && received != contentLength && !head && status != 304) {
            throw ResponseHeaders.malformed(id, "content-length " + contentLength + " but " + received + " octets of DATA (§8.1.1)");
        }
    }

    /** Fails the stream unless its response is already complete (or {@code evenIfComplete}); wakes its waiters. */
    void fail(IOException cause, boolean evenIfComplete) {
        CompletableFuture<Response> f;
        lock.lock();
        try {
            if (failure != null || (remoteClosed && !evenIfComplete)) {
                return;
            }
            failure = cause;
            discard();
            changed.signalAll();
            f = future;
            future = null;
        } finally {
            lock.unlock();
        }
        if (f != null) {
            f.completeExceptionally(cause); // outside the lock: dependent stages run here
        }
    }

    /** Wakes the threads waiting on this stream after the reader changed it (once per read batch). */
    void wakeWaiters() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ======== asynchronous delivery ========

    /**
     * Delivers the response through {@code f} rather than {@code getResponse}: once the final headers arrive, or
     * with {@code wholeResponse} once the body has ended (each DATA frame is then credited as it arrives, so the
     * whole body is buffered). Called before the stream's HEADERS are queued.
     */
    void deliverTo(CompletableFuture<Response> f, boolean wholeResponse) {
        lock.lock();
        try {
            future = f;
            whole = wholeResponse;
            async = true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the response goes to a future (cheap check for the reader before {@link #takeReadyFuture}). */
    boolean isAsync() {
        return async;
    }

    /** The future to complete now, handed out once: its response is ready (headers, or the whole body) and not failed. */
    CompletableFuture<Response> takeReadyFuture() {
        lock.lock();
        try {
            CompletableFuture<Response> f = future;
            if (f == null || headers == null || failure != null || (whole && !remoteClosed)) {
                return null;
            }
            future = null;
            return f;
        } finally {
            lock.unlock();
        }
    }

    /** The final status; valid once the headers have arrived. */
    int status() {
        lock.lock();
        try {
            return status;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reader: the server promised {@code p} on this request stream (§8.4). This stream goes into {@code parents},
     * where {@code getPushes} finds it even after it closes; a waiting {@link #takePromise} wakes.
     */
    void addPromise(PushPromise p, Map<Integer, Http2Stream> parents) {
        lock.lock();
        try {
            if (promises == null) {
                promises = new ArrayDeque<>(4);
            }
            promises.add(p);
            parents.put(id, this); // under the lock, so forgetIfExhausted cannot drop it with a promise queued
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ======== application threads ========

    /**
     * The oldest push promised on this stream and not yet taken, or null when there is none: at once unless
     * {@code wait}, else once the server has ended the stream (no promise can follow END_STREAM or a reset, §6.6).
     * Each wait lasts at most {@code timeoutNanos}.
     */
    PushPromise takePromise(boolean wait, long timeoutNanos) throws IOException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (true) {
                PushPromise p = promises == null ? null : promises.poll();
                if (p != null || !wait || remoteClosed || failure != null || cancelled) {
                    return p;
                }
                if (left <= 0) {
                    throw new HyperTimeoutException("no push promise on stream " + id + ", and the stream did not end, within "
                            + millis(timeoutNanos) + " ms (read timeout)");
                }
                left = awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Leaves {@code parents} once the server has ended this stream and every push promised on it has been taken. */
    void forgetIfExhausted(Map<Integer, Http2Stream> parents) {
        lock.lock();
        try {
            if ((remoteClosed || failure != null || cancelled) && (promises == null || promises.isEmpty())) {
                parents.remove(id, this);
            }
        } finally {
            lock.unlock();
        }
    }


    /** Waits for the final response headers; returns the status. */
    int awaitResponse(long timeoutNanos) throws IOException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (headers == null) {
                throwIfFailed();
                if (left <= 0) {
                    throw new HyperTimeoutException("no response on stream " + id + " within " + millis(timeoutNanos) + " ms (read timeout)");
                }
                left = awaitNanos(left);
            }
            return status;
        } finally {
            lock.unlock();
        }
    }

    /** The response's content-length, or -1 when it has none (or is a HEAD response). */
    long contentLength() {
        lock.lock();
        try {
            return head ? -1 : contentLength;
        } finally {
            lock.unlock();
        }
    }

    HeaderMap headers() {
        lock.lock();
        try {
            return headers;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies up to {@code len} buffered body octets into {@code dst}, waiting up to {@code timeoutNanos} for some.
     * Returns the count, -1 at the end of the body. The caller credits the returned count with {@link #consumed}.
     */
    int read(byte[] dst, int off, int len, long timeoutNanos) throws IOException {
        lock.lock();
        try {
            if (!awaitData(timeoutNanos)) {
                return -1;
            }
            int n = Math.min(len, buffer.size());
            buffer.read(dst, off, n);
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The whole body, without copying, when it has fully arrived and fills the buffer exactly (see
     * {@link ResponseBuffer#append}); else null and nothing changes. A complete body needs no more stream credit.
     */
    byte[] takeWholeBody() {
        lock.lock();
        try {
            if (!remoteClosed || failure != null || cancelled || !buffer.fillsArray()) {
                return null;
            }
            byte[] body = buffer.array();
            discard();
            return body;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for body octets; returns how many are buffered, or -1 at the end of the body. */
    int awaitAvailable(long timeoutNanos) throws IOException {
        lock.lock();
        try {
            return awaitData(timeoutNanos) ? buffer.size() : -1;
        } finally {
            lock.unlock();
        }
    }

    /** The rest of the oldest buffered DATA frame (maybe empty), waiting for one; null at the end of the body. */
    byte[] readFrame(long timeoutNanos) throws IOException {
        lock.lock();
        try {
            if (!awaitFrame(timeoutNanos)) {
                return null;
            }
            return buffer.readFrame();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the body has ended, returning early credit for what is buffered so the peer can finish (§6.9). */
    void bufferToEnd(long timeoutNanos, Http2ClientConnection conn) throws IOException {
        while (true) {
            int credit;
            int streamIncrement;
            lock.lock();
            try {
                throwIfFailed();
                if (remoteClosed) {
                    return;
                }
                credit = buffer.size() - prepaid;
                if (credit <= 0) {
                    if (awaitNanos(timeoutNanos) <= 0 && buffer.size() - prepaid <= 0 && !remoteClosed) {
                        throw new HyperTimeoutException("the body of stream " + id + " did not end within "
                                + millis(timeoutNanos) + " ms (read timeout)");
                    }
                    continue;
                }
                prepaid += credit;
                streamIncrement = recv.consumed(credit);
            } finally {
                lock.unlock();
            }
            conn.sendStreamCredit(id, streamIncrement);
        }
    }

    /** Trailers after the body ended, or null. */
    HeaderMap trailers() {
        lock.lock();
        try {
            return trailers;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The application consumed {@code n} octets: returns the credit due, batched by the window manager. Octets
     * credited early by {@link #bufferToEnd} are not counted twice, and a finished stream needs no stream credit.
     */
    void consumed(int n, Http2ClientConnection conn) throws IOException {
        int fresh = n;
        int streamIncrement = 0;
        lock.lock();
        try {
            if (prepaid > 0) {
                int p = Math.min(prepaid, n);
                prepaid -= p;
                fresh -= p;
            }
            if (fresh > 0 && !remoteClosed) {
                streamIncrement = recv.consumed(fresh);
            }
        } finally {
            lock.unlock();
        }
        conn.sendStreamCredit(id, streamIncrement);
    }

    /** The application closed its response: drop the buffer and ignore later DATA. */
    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            discard();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether our SETTINGS_INITIAL_WINDOW_SIZE may grow by {@code delta} without this window passing 2^31-1. */
    boolean canGrowReceiveWindow(int delta) {
        lock.lock();
        try {
            return recv.canGrow(delta);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Our SETTINGS_INITIAL_WINDOW_SIZE went up by {@code delta} to {@code value} (§6.9.2); returns a WINDOW_UPDATE
     * increment to send.
     *
     * @throws WindowManagerException the stream's window manager misbehaved: the stream must be reset
     */
    int raiseReceiveWindow(int value, int delta) throws WindowManagerException {
        lock.lock();
        try {
            int increment = recv.initialWindowSize(value, delta);
            return remoteClosed || failure != null ? 0 : increment;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The response's Content-Length as its window manager sees it: -1 when unknown (or a HEAD response). Reader
     * thread only, which set it in onHeaders: no lock, as this is asked once per response on the frame loop.
     */
    long documentSize() {
        return recv.documentSize();
    }

    /** Test hook: octets received and buffered, not yet read. */
    int bufferedOctets() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    /** Test hook: the receive window, under the stream's lock. */
    <T> T withReceiveWindow(java.util.function.Function<ReceiveWindow, T> f) {
        lock.lock();
        try {
            return f.apply(recv);
        } finally {
            lock.unlock();
        }
    }

    boolean isRemoteClosed() {
        return remoteClosed;
    }

    /** The failure, if the stream failed. */
    IOException failure() {
        return failure;
    }

    /** Whether the stream has left the connection (closed or reset). */
    boolean isClosed() {
        return closed.get();
    }

    /** Marks the stream closed once; true for the caller that did it (who then releases its slot). */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    private void discard() {
        recv.discardedAll();
        prepaid = 0;
        buffer.clear();
    }

    private boolean awaitData(long timeoutNanos) throws IOException {
        long left = timeoutNanos;
        while (buffer.size() == 0) {
            throwIfFailed();
            if (remoteClosed) {
                return false;
            }
            if (left <= 0) {
                throw new HyperTimeoutException("no body data on stream " + id + " within " + millis(timeoutNanos) + " ms (read timeout)");
            }
            left = awaitNanos(left);
        }
        throwIfFailed();
        return true;
    }

    private boolean awaitFrame(long timeoutNanos) throws IOException {
        long left = timeoutNanos;
        while (!buffer.hasFrame()) {
            throwIfFailed();
            if (remoteClosed) {
                return false;
            }
            if (left <= 0) {
                throw new HyperTimeoutException("no body data on stream " + id + " within " + millis(timeoutNanos) + " ms (read timeout)");
            }
            left = awaitNanos(left);
        }
        throwIfFailed();
        return true;
    }

    /**
     * Waits (holding {@code lock}) until the stream changes or about {@code nanos} pass; returns the time left, as
     * {@code awaitNanos} does. The park itself is untimed: the deadline goes to {@link StreamWaits}, whose watchdog
     * tick wakes the stream's waiters once the earliest of their deadlines has passed ({@link #expireWaits}).
     */
    private long awaitNanos(long nanos) throws IOException {
        if (ConnectionReader.isReaderThread()) {
            // only a reader thread delivers data: waiting here, it would wait for itself (until the read timeout)
            throw new HyperException("stream " + id + ": a body or response cannot be waited for on a connection's "
                    + "reader thread (a non-async stage of requestAsync?): read it on another thread, or use fetchAsync");
        }
        // at most ~73 years ahead, so that deadline arithmetic never wraps; never 0, which means "none"
        long deadline = (System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 4)) | 1;
        if (waitDeadline == 0 || deadline - waitDeadline < 0) {
            waitDeadline = deadline;
        }
        if (waiters++ == 0) {
            waits.add(this);
        }
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting on stream " + id);
        } finally {
            if (--waiters == 0) {
                waitDeadline = 0;
                waits.remove(this);
            }
        }
        return deadline - System.nanoTime();
    }

    /**
     * Watchdog: when the earliest deadline of the threads waiting here has passed, wakes them all; each sees its
     * own time left, and those still within it wait again with their own deadlines.
     */
    void expireWaits(long now) {
        lock.lock();
        try {
            if (waiters > 0 && waitDeadline != 0 && now - waitDeadline >= 0) {
                waitDeadline = 0;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailed() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw f;
        }
        if (cancelled) {
            throw new HyperException("the response on stream " + id + " was closed");
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
