package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;

import hyper.api.Body;
import hyper.api.ConnectionException;
import hyper.api.ErrorCode;
import hyper.api.HeaderMap;
import hyper.api.HpackEncodingException;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.Response;
import hyper.api.WindowManagerException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackEncoder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Opens a connection's streams for requests, and holds its {@code streamLock}, the outermost lock (see
 * {@link Http2ClientConnection}) with what it guards: stream ids, slots (MAX_CONCURRENT_STREAMS), the HPACK encoder,
 * our SETTINGS_INITIAL_WINDOW_SIZE, and enqueueing HEADERS — one lock so that HPACK state and stream-id order
 * follow wire order (§5.1.1, RFC 7541 §2.3.2).
 */
final class StreamOpener {
    private static final System.Logger LOG = System.getLogger("hyper.http2");
    static final int INITIAL_MAX_CONCURRENT_STREAMS = 100;
    /** Tries at {@code streamLock} before parking for it (see lockStreams). */
    private static final int LOCK_SPINS = 64;

    private final Http2ClientConnection c;
    private final long slotTimeoutNanos;
    private final byte[] scheme;
    private final byte[] authority;

    // streamLock: ids, slots, encoder
    private final ReentrantLock streamLock = new ReentrantLock();
    private final Condition slotFreed = streamLock.newCondition();
    private final HpackEncoder encoder;
    private boolean encoderClosed; // guarded by streamLock: a native encoder must not be used once freed
    private final BlockBuffer headerBlock = new BlockBuffer(512);
    private int nextStreamId = 1;
    /** Open streams: raised under streamLock, lowered by whoever closes a stream without taking it (closeStream). */
    private final AtomicInteger activeStreams = new AtomicInteger();
    private volatile int slotWaiters; // threads waiting on slotFreed; changed under streamLock
    /**
     * Unlimited by the RFC until the peer's SETTINGS arrive (§5.1.2), but a burst sent before then would be refused
     * by any server with a limit; so, like Go's client, assume the recommended minimum of 100 until we know.
     */
    private int peerMaxConcurrentStreams = INITIAL_MAX_CONCURRENT_STREAMS;
    private boolean peerSettingsSeen;

    // receive-side flow control: our SETTINGS_INITIAL_WINDOW_SIZE, which only the reader thread raises (under
    // streamLock, so that a new stream and the SETTINGS frame agree on it)
    private volatile int ourInitialWindowSize;
    // the connection manager's window for a stream that opens while no other is open (0: none); set before any request
    private int soleStreamWindow;

    /**
     * The opener of {@code c}'s streams, encoding with {@code encoder}: new streams' receive windows start at
     * {@code initialWindowSize}; requests carry {@code scheme} and {@code authority}.
     */
    StreamOpener(Http2ClientConnection c, HpackEncoder encoder, int initialWindowSize, long slotTimeoutNanos, byte[] scheme,
            byte[] authority) {
        this.c = c;
        this.encoder = encoder;
        this.ourInitialWindowSize = initialWindowSize;
        this.slotTimeoutNanos = slotTimeoutNanos;
        this.scheme = scheme;
        this.authority = authority;
    }

    /** The window a request stream gets when it opens while no other stream is open (0: the usual one). */
    void soleStreamWindow(int window) {
        soleStreamWindow = window;
    }

    /** After an h2c upgrade (RFC 7540 §3.2): stream 1 is open and takes a slot; our next stream is 3. */
    void upgraded() {
        activeStreams.set(1);
        nextStreamId = 3;
    }

    // ================= opening streams =================

    /** Like {@link #send}, with the response (or the failure) delivered through a new future. */
    CompletableFuture<Response> sendAsync(String method, String url, Body body, HeaderMap headers, boolean whole) {
        CompletableFuture<Response> f = new CompletableFuture<>();
        try {
            send(method, url, body, headers, f, whole);
        } catch (IOException | RuntimeException e) {
            f.completeExceptionally(e); // a stream that was opened failed it already; completing twice is a no-op
        }
        return f;
    }

    /** Opens a stream for a whole request and sends its body; the response goes to {@code future} when given. */
    Http2Stream send(String method, String url, Body body, HeaderMap headers, CompletableFuture<Response> future,
            boolean whole) throws IOException {
        Body b = body == null ? Body.empty() : body;
        RequestHeaders fields = RequestHeaders.of(method, scheme, authority, url, headers, b.length());
        checkStreamBody(b, fields);
        byte[] bytes = b.bytes();
        boolean endStream = b.isEmpty();
        Http2Stream s = open(fields, 0, endStream, bytes, future, whole);
        if (!endStream && !s.localClosed) {
            c.bodies.sendBody(s, b, fields.contentLength(), true);
        }
        return s;
    }

    /** The headers of a request begun with putRequest are complete (endHeaders): opens its stream, sends the body. */
    void endHeaders(PendingRequests.Request p, int streamId, Body body, boolean last) throws IOException {
        Body b = body == null ? Body.empty() : body;
        RequestHeaders fields = RequestHeaders.of(p.method(), scheme, authority, p.selector(), p.headers(), b.length());
        checkStreamBody(b, fields);
        boolean endStream = last && b.isEmpty();
        Http2Stream s = open(fields, streamId, endStream, last ? b.bytes() : null, null, false);
        if (!b.isEmpty() && !s.localClosed) {
            c.bodies.sendBody(s, b, fields.contentLength(), last);
        }
    }

    /** A body read from an InputStream needs a known length: the body's own, or the request's Content-Length. */
    private static void checkStreamBody(Body b, RequestHeaders fields) throws HyperException {
        if (b.stream() != null && b.length() < 0 && fields.contentLength() < 0) {
            throw new HyperException("a request body from an InputStream needs a Content-Length header (seed §3.1.5), "
                    + "or use Body.of(stream, length)");
        }
    }

    /**
     * Opens a stream: waits for a slot, takes the next id (or the reserved one), encodes the headers and queues
     * HEADERS — with the whole body as one DATA frame when it fits the windows — then flushes.
     */
    private Http2Stream open(RequestHeaders fields, int reservedId, boolean endStream, byte[] smallBody,
            CompletableFuture<Response> future, boolean whole) throws IOException {
        long limit = c.peerMaxHeaderListSize;
        if (fields.listSize() > limit) {
            throw new HyperException("request headers of " + fields.listSize() + " octets exceed the server's "
                    + "SETTINGS_MAX_HEADER_LIST_SIZE of " + limit);
        }
        Http2Stream s;
        lockStreams();
        try {
            long deadline = System.nanoTime() + slotTimeoutNanos;
            while (true) {
                c.checkUsable();
                if (activeStreams.get() < peerMaxConcurrentStreams) {
                    break;
                }
                if (Thread.currentThread() == c.readerThread) {
                    // slots are freed by this very thread: waiting here would wait for the slot timeout, then fail
                    throw new HyperException("no stream slot is free (the server allows " + peerMaxConcurrentStreams
                            + " concurrent streams, §5.1.2), and a stage running on the connection's reader thread "
                            + "cannot wait for one: issue the request from another thread");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new HyperTimeoutException("no stream slot within " + TimeUnit.NANOSECONDS.toMillis(slotTimeoutNanos)
                            + " ms: the server allows " + peerMaxConcurrentStreams + " concurrent streams (§5.1.2)");
                }
                slotWaiters++; // announced before the re-check: a closer then either sees us or we see its slot
                try {
                    if (activeStreams.get() < peerMaxConcurrentStreams) {
                        continue;
                    }
                    slotFreed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a stream slot");
                } finally {
                    slotWaiters--;
                }
            }
            int id;
            if (reservedId == 0) {
                id = allocateStreamId();
            } else {
                if (reservedId <= c.highestSentStreamId) {
                    throw new HyperException("stream " + reservedId + " can no longer be opened: stream " + c.highestSentStreamId
                            + " was opened first, which closed it (§5.1.1); call putRequest again");
                }
                id = reservedId;
            }
            // alone on the connection, the stream may start with a larger window: the raise follows its HEADERS, so
            // the peer reads it before it could send anything (§6.9: WINDOW_UPDATE is allowed once HEADERS are sent)
            int window = ourInitialWindowSize;
            int raise = soleStreamWindow > window && c.streams.isEmpty() ? soleStreamWindow - window : 0;
            s = new Http2Stream(id, fields.isHead(), window + raise, c.flowControl, c.streamWaits);
            if (future != null) {
                s.deliverTo(future, whole);
            }
            headerBlock.reset();
            try {
                encoder.encode(fields, headerBlock);
            } catch (HpackEncodingException | RuntimeException e) {
                // the encoder's table may have changed without the peer seeing it: the connection cannot go on
                c.fail(new ConnectionException(ErrorCode.COMPRESSION_ERROR, "HPACK encoding failed: " + e.getMessage(), e), true);
                throw e;
            }
            boolean inline = c.sendWindows.register(s, c.streams, smallBody == null ? 0 : smallBody.length, c.peerMaxFrameSize);
            activeStreams.incrementAndGet();
            if (future == null) {
                c.untaken.put(id, s); // an async response goes to its future, not to getResponse
            }
            BlockBuffer q = c.writer.lock();
            try {
                FrameWriter.headers(q, id, endStream, headerBlock.array(), 0, headerBlock.length(), c.peerMaxFrameSize, fields);
                if (raise > 0) {
                    FrameWriter.windowUpdate(q, id, raise);
                }
                if (inline) {
                    FrameWriter.data(q, id, true, smallBody, 0, smallBody.length);
                }
            } finally {
                c.writer.unlock();
            }
            c.highestSentStreamId = id;
            if (endStream || inline) {
                s.localClosed = true;
            }
        } finally {
            streamLock.unlock();
        }
        c.flush();
        return s;
    }

    /** Takes the next stream id for a request whose headers follow later (putRequest), recorded in {@code pending}. */
    int reserve(PendingRequests pending, String method, String selector) throws ConnectionException {
        streamLock.lock();
        try {
            int id = allocateStreamId();
            pending.add(id, method, selector);
            return id;
        } finally {
            streamLock.unlock();
        }
    }

    /**
     * Takes {@code streamLock}, trying a few times before queueing for it: it is held for about a microsecond, while
     * parking and being woken costs a context switch each, which many threads opening streams at once would pay.
     */
    private void lockStreams() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (streamLock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        streamLock.lock();
    }

    /** The next odd stream id; ids never pass 2^31-1 (§5.1.1), after which a new connection is needed. */
    private int allocateStreamId() throws ConnectionException {
        int id = nextStreamId;
        if (id <= 0 || id > MAX_STREAM_ID) {
            throw new ConnectionException(ErrorCode.NO_ERROR, null, false, true,
                    "stream ids are exhausted on this connection (2^31-1 reached, §5.1.1); open a new connection");
        }
        nextStreamId = id + 2; // wraps negative after 2^31-1, caught above next time
        return id;
    }

    // ================= slots and the encoder, for the rest of the connection =================

    /** A stream of ours closed: its slot is free (§5.1.2), and a thread waiting for one wakes. */
    void releaseSlot() {
        activeStreams.decrementAndGet();
        if (slotWaiters > 0) { // the lock only when someone waits: the reader closes a stream per response
            streamLock.lock();
            try {
                slotFreed.signal();
            } finally {
                streamLock.unlock();
            }
        }
    }

    /** Wakes every thread waiting for a slot, to see that none will come (GOAWAY, §6.8). */
    void wakeSlotWaiters() {
        streamLock.lock();
        try {
            slotFreed.signalAll();
        } finally {
            streamLock.unlock();
        }
    }

    /** The connection failed: wakes every thread waiting for a slot and frees the encoder. */
    void connectionFailed() {
        streamLock.lock();
        try {
            slotFreed.signalAll();
            if (!encoderClosed) {
                // checkUsable() fails from now on, so no request reaches the encoder again: free it (a native
                // codec holds C memory); the reader frees the decoder when it exits
                encoderClosed = true;
                encoder.close();
            }
        } finally {
            streamLock.unlock();
        }
    }

    /** Test hook: octets in the HPACK encoder's dynamic table. */
    int encoderTableSize() {
        streamLock.lock();
        try {
            return encoderClosed ? 0 : encoder.tableSize();
        } finally {
            streamLock.unlock();
        }
    }

    /** Test hook: the next stream id this connection will use. */
    void setNextStreamIdForTest(int id) {
        streamLock.lock();
        try {
            nextStreamId = id;
        } finally {
            streamLock.unlock();
        }
    }

    // ================= our SETTINGS_INITIAL_WINDOW_SIZE =================

    /** Our current SETTINGS_INITIAL_WINDOW_SIZE: the receive window new streams start with. */
    int ourInitialWindowSize() {
        return ourInitialWindowSize;
    }

    /**
     * Raises our SETTINGS_INITIAL_WINDOW_SIZE to {@code value} because the connection's window manager asked for it
     * after a round trip (reader thread). Never lowers it: a raise is safe to apply to our windows at once, since
     * whatever the peer sends before it reads the SETTINGS fits the smaller windows too (§6.9.2). Not done when it
     * would take an open stream's window past 2^31-1.
     */
    void raiseStreamWindows(int value) throws IOException {
        int current = ourInitialWindowSize;
        if (value <= current) {
            return;
        }
        int delta = value - current;
        for (Http2Stream s : c.streams.values()) {
            if (!s.canGrowReceiveWindow(delta)) {
                LOG.log(Level.DEBUG, "not raising SETTINGS_INITIAL_WINDOW_SIZE to " + value + ": stream " + s.id
                        + "'s window would pass 2^31-1");
                return;
            }
        }
        List<Http2Stream> open;
        streamLock.lock();
        try {
            ourInitialWindowSize = value;
            c.ourSettings.set(SETTINGS_INITIAL_WINDOW_SIZE, value);
            open = new ArrayList<>(c.streams.values()); // exactly the streams created with the old value
            BlockBuffer q = c.writer.lock();
            try {
                FrameWriter.settings(q, new Settings().set(SETTINGS_INITIAL_WINDOW_SIZE, value));
            } finally {
                c.writer.unlock();
            }
        } finally {
            streamLock.unlock();
        }
        for (Http2Stream s : open) {
            try {
                c.sendStreamCredit(s.id, s.raiseReceiveWindow(value, delta));
            } catch (WindowManagerException e) {
                c.resetStream(s.id, ErrorCode.INTERNAL_ERROR, e);
            }
        }
        c.flush();
    }

    // ================= settings from the peer (reader thread) =================

    /** The peer's SETTINGS_HEADER_TABLE_SIZE: the encoder follows it from the next block on (RFC 7541 §4.2). */
    void setPeerHeaderTableSize(int size) {
        streamLock.lock();
        try {
            if (!encoderClosed) {
                encoder.setPeerMaxTableSize(size);
            }
        } finally {
            streamLock.unlock();
        }
    }

    /**
     * The peer's SETTINGS_MAX_CONCURRENT_STREAMS, when {@code given}. A first SETTINGS without it means unlimited
     * (§6.5.2), replacing the 100 assumed until then.
     */
    void setPeerMaxConcurrentStreams(int value, boolean given) {
        streamLock.lock();
        try {
            if (given || !peerSettingsSeen) {
                peerMaxConcurrentStreams = given ? value : Integer.MAX_VALUE;
            }
            peerSettingsSeen = true;
            slotFreed.signalAll();
        } finally {
            streamLock.unlock();
        }
    }
}
