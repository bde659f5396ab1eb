package hyper.impl.http2;

import hyper.api.ErrorCode;
import hyper.api.Http2Push;
import hyper.api.HyperException;
import hyper.api.WindowManagerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server pushes of one connection (RFC 9113 §8.4; seed §3.1.8). The reader thread accepts or declines each
 * PUSH_PROMISE whose frame-level checks passed ({@link ConnectionReader}), and queues accepted ones on their
 * request stream ({@link Http2Stream#addPromise}); application threads take them with {@link #pushes}.
 *
 * <p>A promise is declined with RST_STREAM on the promised stream, never with a connection error:
 * <ul>
 * <li>PROTOCOL_ERROR when the promised request is malformed, not GET or HEAD, has content (§8.4.1), or names a
 *     scheme or authority this connection is not authoritative for ({@link PushAuthority}, §8.4.1, §10.1);</li>
 * <li>REFUSED_STREAM when {@code maxPushedStreams} pushes are outstanding (§8.4.2 allows CANCEL or
 *     REFUSED_STREAM; REFUSED_STREAM tells the server nothing was processed);</li>
 * <li>CANCEL when we reset the request stream it was promised on, or push is disabled but our SETTINGS saying
 *     so are not acknowledged yet (§6.5.2, §6.6).</li>
 * </ul>
 * No lock of its own: an atomic counter and a concurrent map; the queues are guarded by their stream's lock.
 */
final class ServerPushes {
    private static final System.Logger LOG = System.getLogger("hyper.http2");

    private final Http2ClientConnection c;
    private final PushAuthority authority;
    private final int max;
    private final long timeoutNanos;
    private final AtomicInteger outstanding = new AtomicInteger();
    /** Request streams with pushes not yet taken, kept after the stream closes until they are taken. */
    private final Map<Integer, Http2Stream> parents = new ConcurrentHashMap<>();

    ServerPushes(Http2ClientConnection c, PushAuthority authority, int max, long timeoutNanos) {
        this.c = c;
        this.authority = authority;
        this.max = max;
        this.timeoutNanos = timeoutNanos;
    }

    // ================= reader thread =================

    /**
     * A PUSH_PROMISE on {@code parent}, an open request stream of ours, promising {@code promisedId}: accepted, or
     * declined with RST_STREAM.
     */
    void onPromise(Http2Stream parent, int promisedId, HeaderBlock block) throws IOException {
        PromisedRequest request;
        try {
            request = PromisedRequest.parse(block, promisedId);
        } catch (StreamError e) {
            decline(promisedId, ErrorCode.PROTOCOL_ERROR, e.getMessage());
            return;
        }
        String notAuthoritative = authority.refusal(request.scheme(), request.authority());
        if (notAuthoritative != null) {
            decline(promisedId, ErrorCode.PROTOCOL_ERROR, "push promise of stream " + promisedId + " refused: " + notAuthoritative);
            return;
        }
        if (!reserve()) {
            decline(promisedId, ErrorCode.REFUSED_STREAM, max + " pushes are outstanding (maxPushedStreams)");
            return;
        }
        // §6.5.2: a pushed stream's receive window starts at our SETTINGS_INITIAL_WINDOW_SIZE, like any other (only
        // this thread, the reader, raises it: see StreamOpener.raiseStreamWindows)
        Http2Stream pushed;
        try {
            pushed = new Http2Stream(promisedId, request.isHead(), c.ourInitialWindowSize(), c.flowControl, c.streamWaits,
                    s -> new PushPromise(c, this, parent.id, s, request, timeoutNanos));
        } catch (WindowManagerException e) {
            release();
            decline(promisedId, ErrorCode.INTERNAL_ERROR, e.getMessage()); // the window manager's bug: not this connection's
            return;
        }
        c.sendWindows.register(pushed, c.streams, 0, c.peerMaxFrameSize);
        parent.addPromise(pushed.push, parents);
    }

    /** Resets the promised stream with {@code code}: the promise is not wanted. Late frames on it are ignored. */
    void decline(int promisedId, ErrorCode code, String why) throws IOException {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "declined pushed stream " + promisedId + " with " + code + ": " + why);
        }
        c.markResetByUs(promisedId);
        c.enqueueRstStream(promisedId, code);
        c.flush();
    }

    private boolean reserve() {
        while (true) {
            int n = outstanding.get();
            if (n >= max) {
                return false;
            }
            if (outstanding.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    // ================= any thread =================

    /** A push is no longer outstanding: taken, and its stream closed. */
    void release() {
        outstanding.decrementAndGet();
    }

    /** Pushes counted against the limit now. */
    int outstanding() {
        return outstanding.get();
    }

    /** A stream left the connection: a pushed stream stops counting once taken; a drained request stream is forgotten. */
    void onStreamClosed(Http2Stream s) {
        if (s.push != null) {
            s.push.markStreamClosed();
        } else if (!parents.isEmpty()) {
            s.forgetIfExhausted(parents);
        }
    }

    /**
     * The pushes promised on request stream {@code streamId}, lazily, each once; 0 means no request was sent.
     *
     * @throws HyperException {@code streamId} was never a request stream of ours
     */
    Iterable<Http2Push> pushes(int streamId, boolean captureAll) throws IOException {
        if (streamId == 0) {
            throw new HyperException("no request has been sent on this connection, so no push can have been promised");
        }
        if ((streamId & 1) == 0 || streamId < 0 || streamId > c.highestSentStreamId) {
            throw new HyperException("no request was sent on stream " + streamId + ": pushes are promised on request streams");
        }
        Http2Stream s = parents.get(streamId); // holding untaken pushes, maybe closed
        if (s == null) {
            s = c.streams.get(streamId);       // open
        }
        if (s == null) {
            s = c.untaken(streamId);           // ended, its response not taken yet
        }
        if (s == null) {
            return List.of(); // a request of ours that ended with every push taken, or none promised
        }
        Http2Stream parent = s;
        return () -> new Iterator<>() {
            private PushPromise next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = parent.takePromise(captureAll, timeoutNanos);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (next == null) {
                        done = true;
                        parent.forgetIfExhausted(parents);
                    } else {
                        next.markTaken();
                    }
                }
                return next != null;
            }

            @Override
            public Http2Push next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                PushPromise p = next;
                next = null;
                return p;
            }
        };
    }

}
