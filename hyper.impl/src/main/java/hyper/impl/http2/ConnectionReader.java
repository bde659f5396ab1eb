package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;

import hyper.api.ErrorCode;
import hyper.api.HpackDecodingException;
import hyper.api.HyperException;
import hyper.api.ProtocolException;
import hyper.api.StreamResetException;
import hyper.api.WindowManagerException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackDecoder;
import java.io.IOException;

/**
 * The connection's reader thread: reads frames and applies each to the connection and its streams (RFC 9113 §5,
 * §6). Stream errors become RST_STREAM and the reader goes on; connection errors become GOAWAY and end it.
 */
final class ConnectionReader implements FrameReader.Handler, Runnable {
    /** The payload of the PINGs that measure round trips for the window manager: "hyperRTT". */
    static final long ROUND_TRIP_PING = 0x6879706572525454L;
    /** Reads a wake may wait for its stream's DATA while input is pending (see wakeAll). */
    static final int MAX_WAKE_WAITS = 4;

    /** Marks reader threads: they must never wait for what only a reader delivers (see {@link #isReaderThread}). */
    private static final ThreadLocal<Boolean> READER = new ThreadLocal<>();

    private final Http2ClientConnection c;
    private final FrameReader reader;
    private final HpackDecoder decoder;
    private final ReceiveWindow connectionWindow; // ours, for the peer's DATA: this thread's alone, so no lock
    private long roundTripSentNanos;              // a round-trip PING for the window manager is out since; 0: none
    private long roundTripOctets;                 // flow-controlled octets that arrived since it went out
    private boolean roundTripReported;            // its sample was reported early (a whole window came before the ACK)
    private boolean roundTripWindowSeen;          // a whole window came: the early report was decided, once
    private long sinceRoundTrip = Long.MAX_VALUE / 2; // octets since the last one ended: the first DATA starts one
    private int lastPromisedStreamId;
    private Http2Stream cached; // consecutive frames are usually for one stream: skip the map lookup
    private Http2Stream[] toWake = new Http2Stream[16]; // streams changed in this read batch, woken before the next read
    private int toWakeCount;
    private int toWaitCount; // queued streams whose wake may still wait for their body (wakeMayWait, waits left)
    private volatile long waitedWakes; // wakes that waited one read, for tests

    ConnectionReader(Http2ClientConnection connection, FrameReader reader, HpackDecoder decoder, ReceiveWindow connectionWindow) {
        this.c = connection;
        this.reader = reader;
        this.decoder = decoder;
        this.connectionWindow = connectionWindow;
    }

    /** Test hook: the connection window's manager (read after a PING barrier). */
    hyper.api.spi.BaseFlowControlManager connectionManager() {
        return connectionWindow.manager();
    }

    /** Whether the current thread is some connection's reader thread. */
    static boolean isReaderThread() {
        return READER.get() != null;
    }

    @Override
    public void run() {
        READER.set(Boolean.TRUE);
        try {
            while (true) {
                try {
                    if (!reader.nextFrame(this)) {
                        break;
                    }
                    c.lastReadNanos = System.nanoTime();
                } catch (StreamError e) {
                    onStreamError(e);
                }
            }
            c.transportEnded(null);
        } catch (ConnectionError e) {
            c.protocolFailure(e);
        } catch (IOException e) {
            c.transportEnded(e);
        } catch (RuntimeException | Error e) {
            c.transportEnded(new HyperException("internal error in the HTTP/2 reader: " + e, e));
            throw e;
        } finally {
            c.readerBusy = false; // nobody may leave its frames to a reader that has stopped
            wakeAll(false, 0); // responses completed before the end still reach their threads
            decoder.close();
            READER.remove();
        }
    }

    /**
     * The batch of frames read so far is handled: wakes the threads waiting on streams it changed, then writes what
     * handling it queued (WINDOW_UPDATE, ACKs, requests from async stages) — after the wake-ups, so that requests
     * those threads make meanwhile can share the write.
     */
    @Override
    public void beforeRead() throws IOException {
        if (toWaitCount == 0) {
            wakeAll(false, 0);
        } else {
            wakeAll(reader.inputPending(), reader.partialDataStream());
        }
        c.readerBusy = false; // before draining: a thread that still sees true has queued its frames already
        c.flushQueued();
    }

    @Override
    public void afterRead() {
        c.readerBusy = true;
    }

    /**
     * Queues {@code s} to be woken at the end of the batch. {@code bodyFollows}: only its final headers came, and
     * DATA is expected; a thread woken for them would mostly read the body next and park again at once, so while
     * more input is already there the wake may wait for the DATA (see {@link #wakeAll}).
     */
    private void wakeLater(Http2Stream s, boolean bodyFollows) {
        if (s.wakeQueued) {
            if (!bodyFollows && s.wakeMayWait) {
                s.wakeMayWait = false; // its DATA came: no reason left to wait
                if (s.wakeWaits < MAX_WAKE_WAITS) {
                    toWaitCount--;
                }
            }
            return;
        }
        s.wakeQueued = true;
        s.wakeMayWait = bodyFollows;
        s.wakeWaits = 0;
        if (bodyFollows) {
            toWaitCount++;
        }
        if (toWakeCount == toWake.length) {
            toWake = java.util.Arrays.copyOf(toWake, toWakeCount * 2);
        }
        toWake[toWakeCount++] = s;
    }

    /**
     * Wakes the threads waiting on the streams the batch changed. A stream that got only its headers stays queued
     * for the next read, so that its thread wakes once, with the body there, rather than twice — when that read
     * cannot wait on the peer ({@code inputPending}: the transport holds octets), or when the peer is in the middle
     * of that stream's own DATA frame ({@code partialDataStream}). Never for another stream's partial frame: a peer
     * that stalls there would hold back a response that is complete. And for {@link #MAX_WAKE_WAITS} reads at most:
     * a response whose body is slow to come, or that other streams' data keeps behind, still reaches its thread.
     */
    private void wakeAll(boolean inputPending, int partialDataStream) {
        int kept = 0;
        int canWait = 0;
        for (int i = 0; i < toWakeCount; i++) {
            Http2Stream s = toWake[i];
            toWake[i] = null;
            if ((inputPending || s.id == partialDataStream) && s.wakeMayWait && s.wakeWaits < MAX_WAKE_WAITS) {
                if (++s.wakeWaits < MAX_WAKE_WAITS) {
                    canWait++;
                }
                toWake[kept++] = s;
                continue;
            }
            s.wakeQueued = false;
            s.wakeMayWait = false;
            s.wakeWaiters();
        }
        toWakeCount = kept;
        toWaitCount = canWait;
        if (kept > 0) {
            waitedWakes += kept;
        }
    }

    /** Test hook: how many times a wake waited a read for its body (the reader's count, read after a barrier). */
    long waitedWakes() {
        return waitedWakes;
    }

    /** RST_STREAM for a stream we are not idle on; its caller gets a typed error (§5.4.2). */
    private void onStreamError(StreamError e) throws IOException {
        int id = e.streamId();
        if (isIdle(id)) {
            return; // e.g. a bad PRIORITY for a stream not yet opened: RST_STREAM is not allowed on idle streams (§6.4)
        }
        IOException cause;
        if (e.getCause() instanceof HpackDecodingException) {
            cause = (HpackDecodingException) e.getCause(); // typed: HEADER_LIST_TOO_LARGE or TOO_MANY_FIELDS
        } else {
            ProtocolException p = new ProtocolException(e.errorCode(), e.getMessage());
            p.initCause(e);
            cause = p;
        }
        c.resetStream(id, e.errorCode(), cause);
    }

    private Http2Stream stream(int id) {
        Http2Stream s = cached;
        if (s != null && s.id == id && !s.isClosed()) {
            return s;
        }
        s = c.streams.get(id);
        if (s != null) {
            cached = s;
        }
        return s;
    }

    /** Whether a stream id was never opened (§5.1 idle): odd ids above what we sent, even ids never promised. */
    private boolean isIdle(int id) {
        if ((id & 1) == 1) {
            return id > c.highestSentStreamId;
        }
        return id > lastPromisedStreamId;
    }

    /** A frame for a stream not in the map: an idle stream is a connection error; a closed one is ignored or not. */
    private void unknownStream(int id, String type) throws ConnectionError {
        if (isIdle(id)) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, type + " on idle stream " + id + " (§5.1)");
        }
        if (!c.wasResetByUs(id)) {
            // §5.1 closed: frames after END_STREAM in both directions may be treated as a connection error
            throw new ConnectionError(ErrorCode.STREAM_CLOSED, type + " on closed stream " + id + " (§5.1)");
        }
        // reset by us: frames in flight are ignored (§5.1, §6.4)
    }

    /** §5.1 reserved (remote): before its HEADERS, a pushed stream may get only HEADERS, RST_STREAM and PRIORITY. */
    private static ConnectionError reservedStreamError(String type, int streamId) {
        return new ConnectionError(ErrorCode.PROTOCOL_ERROR, type + " on pushed stream " + streamId
                + " before its response HEADERS (§5.1, reserved)");
    }

    @Override
    public void data(int streamId, boolean endStream, byte[] buf, int offset, int length, int flowControlled) throws IOException {
        // Connection credit is given back on arrival (batched), stream credit only as the application reads:
        // the stream windows bound what is buffered, and a stream nobody reads cannot starve the others of the
        // shared connection window when responses are read out of order.
        if (!connectionWindow.fits(flowControlled)) {
            throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR, "the server overran the connection window (§6.9.1)");
        }
        int connectionIncrement = connectionWindow.receive(flowControlled, 0); // a bad connection manager is replaced, never fatal
        if (connectionIncrement > 0) {
            c.enqueueWindowUpdate(0, connectionIncrement);
        }
        measureRoundTrip(flowControlled);
        Http2Stream s = stream(streamId);
        if (s == null) {
            unknownStream(streamId, "DATA");
            return;
        }
        if (s.reserved) {
            throw reservedStreamError("DATA", streamId);
        }
        int streamIncrement;
        try {
            streamIncrement = s.onData(buf, offset, length, flowControlled, endStream);
        } catch (WindowManagerException e) {
            c.resetStream(streamId, ErrorCode.INTERNAL_ERROR, e); // the manager's bug fails its stream alone
            return;
        }
        wakeLater(s, false);
        if (streamIncrement > 0) {
            c.sendStreamCredit(streamId, streamIncrement);
        }
        if (endStream) {
            c.maybeClose(s);
            if (s.isAsync()) {
                c.deliver(s); // after the slot is freed, so a dependent stage can open the next stream
            }
        }
    }

    /**
     * Round trips for a connection manager that wants them (a bandwidth-delay estimate): DATA arriving while no such
     * PING is out sends one; the octets that arrive from that DATA until its ACK are what one round trip carried.
     * When a whole stream window arrives before the ACK (and the application keeps up), the sample is reported at
     * once, with the time so far: whatever the round trip turns out to be, the window limited it (the network
     * delivered the window in less), so waiting for the ACK would only delay the growth by the rest of a round trip.
     */
    private void measureRoundTrip(int flowControlled) throws IOException {
        if (roundTripSentNanos != 0) {
            roundTripOctets += flowControlled;
            // decided once per round trip, not per frame: readersKeepUp() visits every open stream
            if (!roundTripWindowSeen && roundTripOctets >= c.ourInitialWindowSize()) {
                roundTripWindowSeen = true;
                if (c.readersKeepUp()) {
                    roundTripReported = true;
                    roundTripMeasured();
                }
            }
            return;
        }
        // The next round trip waits for a quarter of a stream window: only a round trip that carries 2/3 of one can
        // grow the windows, and at a short RTT a PING per round trip would be thousands per download for nothing.
        sinceRoundTrip += flowControlled;
        if (sinceRoundTrip < c.ourInitialWindowSize() / 4 || !connectionWindow.wantsRoundTrips()) {
            return;
        }
        roundTripOctets = flowControlled; // this frame too: with it, a whole window may have come before the ACK
        roundTripReported = false;
        roundTripWindowSeen = false;
        roundTripSentNanos = System.nanoTime() | 1;
        BlockBuffer q = c.writer.lock();
        try {
            FrameWriter.ping(q, false, ROUND_TRIP_PING);
        } finally {
            c.writer.unlock();
        }
        c.flush();
    }

    /** The sample of our round-trip PING: the manager hears it, and the windows it asks for are announced. */
    private void roundTripMeasured() throws IOException {
        long rtt = System.nanoTime() - roundTripSentNanos;
        long octets = roundTripOctets;
        // Reported only while the application keeps up: a window filled by a stream nobody reads says nothing about
        // the network, and growing it would let that stream buffer more (the memory bound is the window).
        growStreamWindows(c.readersKeepUp() ? connectionWindow.roundTrip(Math.max(1, rtt), octets) : 0);
    }

    /**
     * A response announced (Content-Length) a document larger than the stream window: the connection's manager may
     * raise the windows now. Waiting for a round-trip sample to show that the window limits the transfer would send
     * the raise later by the time a whole window takes to arrive, and a server that has sent its window waits for the
     * raise. Not while some open stream's reader lags (its window would grow with the others and let it buffer more).
     */
    private void documentStarted(Http2Stream s) throws IOException {
        long document = s.documentSize();
        if (document > c.ourInitialWindowSize() && c.readersKeepUp()) {
            int streamWindow = connectionWindow.documentStarted(s.id, document);
            if (streamWindow > c.ourInitialWindowSize()) {
                growStreamWindows(streamWindow);
            }
        }
    }

    /** Raises every stream window to what the connection's manager asked for, if larger; then its own refill. */
    private void growStreamWindows(int streamWindow) throws IOException {
        if (streamWindow > c.ourInitialWindowSize()) {
            c.streamOpener.raiseStreamWindows(streamWindow);
            connectionWindow.streamInitialWindowSize(c.ourInitialWindowSize()); // as raised (not if it could not be)
        }
        int increment = connectionWindow.reconsider();
        if (increment > 0) {
            c.enqueueWindowUpdate(0, increment);
        }
    }

    @Override
    public void headers(int streamId, boolean endStream, HeaderBlock block) throws IOException {
        Http2Stream s = stream(streamId);
        if (s == null) {
            unknownStream(streamId, "HEADERS");
            return;
        }
        boolean bodyFollows = s.onHeaders(block, endStream);
        if (bodyFollows) {
            documentStarted(s);
        }
        wakeLater(s, bodyFollows && !s.isAsync()); // a future is completed here, not by a wake: no reason to wait
        if (endStream) {
            c.maybeClose(s);
        }
        if (s.isAsync()) {
            c.deliver(s);
        }
    }

    @Override
    public void rstStream(int streamId, ErrorCode code) throws IOException {
        Http2Stream s = stream(streamId);
        if (s == null) {
            if (isIdle(streamId)) {
                throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "RST_STREAM on idle stream " + streamId + " (§6.4)");
            }
            return;
        }
        // §8.1: a server may end an upload with RST_STREAM(NO_ERROR) after a complete response, which stays readable
        s.fail(new StreamResetException(streamId, code, true, "the server reset the stream"), false);
        c.closeStream(s);
        c.wakeSenders();
    }

    @Override
    public void settings(Settings settings) throws IOException {
        if (settings.get(SETTINGS_ENABLE_PUSH, 0) == 1) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "a server must not send SETTINGS_ENABLE_PUSH=1 (§6.5.2)");
        }
        applySettings(settings);
    }

    /** Applies the peer's SETTINGS (§6.5.3), then acknowledges them. */
    private void applySettings(Settings s) throws IOException {
        if (s.isSet(SETTINGS_HEADER_TABLE_SIZE)) {
            c.streamOpener.setPeerHeaderTableSize(s.get(SETTINGS_HEADER_TABLE_SIZE, DEFAULT_HEADER_TABLE_SIZE));
        }
        if (s.isSet(SETTINGS_MAX_FRAME_SIZE)) {
            c.peerMaxFrameSize = s.get(SETTINGS_MAX_FRAME_SIZE, DEFAULT_MAX_FRAME_SIZE);
        }
        if (s.isSet(SETTINGS_MAX_HEADER_LIST_SIZE)) {
            c.peerMaxHeaderListSize = s.get(SETTINGS_MAX_HEADER_LIST_SIZE, Integer.MAX_VALUE);
        }
        if (s.isSet(SETTINGS_INITIAL_WINDOW_SIZE)) {
            c.sendWindows.initialWindowSize(s.get(SETTINGS_INITIAL_WINDOW_SIZE, DEFAULT_INITIAL_WINDOW_SIZE), c.streams.values());
        }
        c.streamOpener.setPeerMaxConcurrentStreams(s.get(SETTINGS_MAX_CONCURRENT_STREAMS, 0), s.isSet(SETTINGS_MAX_CONCURRENT_STREAMS));
        BlockBuffer q = c.writer.lock();
        try {
            FrameWriter.settingsAck(q); // §6.5.3: acknowledged once applied
        } finally {
            c.writer.unlock();
        }
        c.flush();
    }

    @Override
    public void settingsAck() {
        if (!c.ourSettingsAcked) {
            c.ourSettingsAcked = true;
            // RFC 7541 §4.2: the smaller table limit applies once the peer has seen it
            decoder.setMaxTableSize(c.ourSettings.get(SETTINGS_HEADER_TABLE_SIZE, DEFAULT_HEADER_TABLE_SIZE));
        }
    }

    @Override
    public void pushPromise(int streamId, int promisedStreamId, HeaderBlock block) throws IOException {
        Http2Stream parent = promiseParent(streamId, promisedStreamId);
        if (parent != null) {
            c.pushes.onPromise(parent, promisedStreamId, block);
        }
    }

    @Override
    public void pushPromiseUndecodable(int streamId, int promisedStreamId, StreamError error) throws IOException {
        // The block was too large to keep, but the decoder stayed in step and the promise reserved its stream: reset it
        Http2Stream parent = promiseParent(streamId, promisedStreamId);
        if (parent != null) {
            c.pushes.decline(promisedStreamId, error.errorCode(), error.getMessage());
        }
    }

    /**
     * Checks where a PUSH_PROMISE arrived and what it promises (§5.1.1, §6.6, §8.4). Broken rules are connection
     * errors, because a promise reserves a stream whatever becomes of it. Returns the request stream to accept it
     * on, or null when it was declined here already.
     */
    private Http2Stream promiseParent(int streamId, int promisedStreamId) throws IOException {
        boolean enabled = c.options.enablePush();
        if (!enabled && c.ourSettingsAcked) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE on stream " + streamId
                    + " after the server acknowledged SETTINGS_ENABLE_PUSH=0 (§6.5.2, §8.4)");
        }
        if (promisedStreamId == 0 || (promisedStreamId & 1) != 0 || promisedStreamId <= lastPromisedStreamId) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE promises stream " + promisedStreamId
                    + ", which is not an idle server stream (even, above " + lastPromisedStreamId + ") (§5.1.1, §6.6)");
        }
        lastPromisedStreamId = promisedStreamId;
        c.lastPromisedStreamId = promisedStreamId;
        if ((streamId & 1) == 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE on stream " + streamId
                    + ", which is not a request of ours (§8.4)");
        }
        Http2Stream parent = stream(streamId);
        if (parent == null || parent.failure() != null) {
            if (isIdle(streamId)) {
                throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE on idle stream " + streamId + " (§5.1)");
            }
            if (!c.wasResetByUs(streamId)) {
                throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE on closed stream " + streamId + " (§6.6)");
            }
            // §6.6: a promise sent before our RST_STREAM arrived still reserved its stream, which we close
            c.pushes.decline(promisedStreamId, ErrorCode.CANCEL, "its request stream " + streamId + " was reset");
            return null;
        }
        if (parent.isRemoteClosed()) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE on stream " + streamId
                    + " after its END_STREAM (§6.6)");
        }
        if (!enabled) {
            // §6.5.2: until our ENABLE_PUSH=0 is acknowledged the server may still push; decline politely
            c.pushes.decline(promisedStreamId, ErrorCode.CANCEL, "push is disabled");
            return null;
        }
        return parent;
    }

    @Override
    public void ping(boolean ack, long payload) throws IOException {
        if (ack) {
            if (payload == ROUND_TRIP_PING && roundTripSentNanos != 0) {
                if (!roundTripReported) {
                    roundTripMeasured();
                }
                roundTripSentNanos = 0; // only now: one round-trip PING out at a time, so its ACK is unambiguous
                sinceRoundTrip = 0;
            } else {
                c.onPingAck(payload); // a PING ACK is never answered (§6.7)
            }
            return;
        }
        BlockBuffer q = c.writer.lock();
        try {
            FrameWriter.ping(q, true, payload);
        } finally {
            c.writer.unlock();
        }
        c.flush();
    }

    @Override
    public void goAway(int lastStreamId, ErrorCode code, byte[] debugData) {
        c.onGoAway(lastStreamId, code, debugData);
    }

    @Override
    public void windowUpdate(int streamId, int increment) throws IOException {
        if (streamId == 0) {
            c.sendWindows.connectionUpdate(increment);
            return;
        }
        Http2Stream s = stream(streamId);
        if (s == null) {
            if (isIdle(streamId)) {
                throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + streamId + " (§5.1)");
            }
            return; // closed: WINDOW_UPDATE may legitimately arrive late (§6.9)
        }
        if (s.reserved) {
            throw reservedStreamError("WINDOW_UPDATE", streamId);
        }
        c.sendWindows.streamUpdate(s, increment);
    }
}
