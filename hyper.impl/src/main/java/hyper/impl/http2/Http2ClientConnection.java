package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;

import hyper.api.Body;
import hyper.api.ConnectionException;
import hyper.api.ConnectionOptions;
import hyper.api.ErrorCode;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Http2Push;
import hyper.api.HyperException;
import hyper.api.Response;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.FlowControlFactory;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.HuffmanPolicy;
import hyper.impl.Http2Bootstrap;
import hyper.impl.flow.StartingWindows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client HTTP/2 connection (RFC 9113; the seed's {@code HTTP20Connection}) over a connected socket.
 *
 * <p>Threads: one reader thread ({@link ConnectionReader}) decodes every frame and completes streams directly;
 * application threads encode and enqueue their own frames, and whichever holds the write lock writes everything
 * queued in one call ({@link WriteQueue}). The watchdog thread only checks timestamps.
 *
 * <p>Lock order, outer to inner; no other nesting happens:
 * <ol>
 *   <li>{@code streamLock}, held by {@link StreamOpener}: stream ids, slots (MAX_CONCURRENT_STREAMS), the HPACK
 *       encoder, our SETTINGS_INITIAL_WINDOW_SIZE, enqueueing HEADERS — one lock so that HPACK state and stream-id
 *       order follow wire order (§5.1.1, RFC 7541 §2.3.2);</li>
 *   <li>the lock of {@link SendWindows}: send windows of the connection and of every stream (§6.9);</li>
 *   <li>the write queue's locks ({@link WriteQueue}), writeLock only ever try-locked by callers.</li>
 * </ol>
 * A stream's own lock is taken with no other held, with one exception: when HPACK encoding fails, {@code open} fails
 * the connection under {@code streamLock}, which takes each stream's lock; a stream's lock never takes another, so
 * that makes no cycle. No lock is held across a blocking socket write except the write lock.
 * ({@link StreamOpener#raiseStreamWindows} takes {@code streamLock}, then the write queue's; each stream's own lock only
 * after releasing them.)
 */
final class Http2ClientConnection implements Http2Connection {
    private static final System.Logger LOG = System.getLogger("hyper.http2");
    /** Queued octets that a busy reader may be left to write (see flush()). */
    private static final int LEAVE_TO_READER = 64 * 1024;

    private final String host;
    private final int port;
    private final boolean secure;
    private final Socket socket;
    final ConnectionOptions options;
    final WriteQueue writer;
    private final long readTimeoutNanos;
    private final long writeTimeoutNanos;
    final long pingTimeoutNanos;
    private final ConnectionReader readerLoop;
    volatile Thread readerThread; // its writes are flushed once per read batch, see flush()
    /** True while the reader handles a batch it has read; it flushes the queue before it reads again. */
    volatile boolean readerBusy;
    private final Liveness liveness;
    /** The read timeouts of threads waiting on streams, enforced by the liveness tick. */
    final StreamWaits streamWaits = new StreamWaits();
    final DataSender bodies;

    /** Opens streams; holds {@code streamLock} and what it guards (ids, slots, the HPACK encoder, our initial window). */
    final StreamOpener streamOpener;
    /** The highest stream id we opened; written under StreamOpener's streamLock, read by the reader. */
    volatile int highestSentStreamId;

    // send-side flow control, with its own lock
    final SendWindows sendWindows = new SendWindows();

    // receive-side flow control: the managers' factory (our SETTINGS_INITIAL_WINDOW_SIZE is the streamOpener's)
    final FlowControlFactory flowControl;

    // written by the reader thread, read by others
    volatile int peerMaxFrameSize = DEFAULT_MAX_FRAME_SIZE;
    volatile int peerMaxHeaderListSize = Integer.MAX_VALUE;
    final Settings ourSettings;
    volatile boolean ourSettingsAcked;
    volatile long lastReadNanos;

    final Map<Integer, Http2Stream> streams = new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<Integer, Http2Stream> untaken = new ConcurrentSkipListMap<>();
    private final PendingRequests pending = new PendingRequests();
    private final ResetStreams resetByUs = new ResetStreams();
    final ServerPushes pushes;
    /** The highest stream id the server promised, accepted or not: GOAWAY's last-stream-id (§6.8). Set by the reader. */
    volatile int lastPromisedStreamId;

    private volatile GoAway goAwayReceived;
    private volatile ConnectionException failure;
    private final AtomicBoolean closing = new AtomicBoolean();

    /** What a GOAWAY from the peer said. */
    record GoAway(int lastStreamId, ErrorCode code, byte[] debugData) {
    }

    /**
     * Runs HTTP/2 on a dialed socket: sends the preface and our SETTINGS, starts the reader thread.
     *
     * @param upgraded after an h2c upgrade: stream 1 exists already and octets may have been read past the 101
     */
    static Http2ClientConnection start(Socket socket, String host, int port, boolean secure, ConnectionOptions options,
            Http2Bootstrap.Upgraded upgraded, HpackCodecProvider hpack) throws IOException {
        return start(socket, socket, host, port, secure, options, upgraded, hpack);
    }

    /**
     * Like {@link #start(Socket, String, int, boolean, ConnectionOptions, Http2Bootstrap.Upgraded, HpackCodecProvider)};
     * {@code transport} is the TCP socket a TLS {@code socket} is layered on (or {@code socket} itself): the reader
     * asks it whether input is pending (ConnectionReader.wakeAll), which a TLS socket's stream cannot tell.
     */
    static Http2ClientConnection start(Socket socket, Socket transport, String host, int port, boolean secure,
            ConnectionOptions options, Http2Bootstrap.Upgraded upgraded, HpackCodecProvider hpack) throws IOException {
        try {
            socket.setSoTimeout(0); // the reader waits for frames for as long as the connection lives; other waits have bounds
            Http2ClientConnection c = new Http2ClientConnection(host, port, secure, socket, transport, options, upgraded, hpack);
            c.start();
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private Http2ClientConnection(String host, int port, boolean secure, Socket socket, Socket transport,
            ConnectionOptions options, Http2Bootstrap.Upgraded upgraded, HpackCodecProvider hpack) throws IOException {
        this.host = host;
        this.port = port;
        this.secure = secure;
        this.socket = socket;
        this.options = options;
        byte[] scheme = secure ? RequestHeaders.HTTPS : RequestHeaders.HTTP;
        byte[] authority = ((host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (port == (secure ? 443 : 80) ? "" : ":" + port))
                .getBytes(StandardCharsets.US_ASCII);
        this.readTimeoutNanos = options.readTimeout().toNanos();
        this.writeTimeoutNanos = options.writeTimeout().toNanos();
        this.pingTimeoutNanos = options.pingTimeout().toNanos();
        HpackEncoder encoder = hpack.newEncoder(DEFAULT_HEADER_TABLE_SIZE, HuffmanPolicy.select(options.hpackHuffman()));
        // A string can be no longer than the block that carries it, so the block limit bounds strings too; a
        // smaller string limit would turn an oversized header list into a fatal error instead of a stream error.
        int maxHeaderBlock = Math.max(FrameReader.DEFAULT_MAX_HEADER_BLOCK, options.maxHeaderListSize());
        // Until our SETTINGS are acknowledged the server may still use the default table size (RFC 7541 §4.2,
        // RFC 9113 §6.5.3); a smaller HEADER_TABLE_SIZE of ours takes effect on the ACK (ConnectionReader).
        HpackDecoder decoder = hpack.newDecoder(new HpackLimits(Math.max(DEFAULT_HEADER_TABLE_SIZE, options.headerTableSize()),
                options.maxHeaderListSize(), HpackLimits.DEFAULT.maxFields(), maxHeaderBlock));
        this.writer = new WriteQueue(socket.getOutputStream());
        StartingWindows windows = StartingWindows.of(options);
        this.flowControl = windows.policy();
        this.streamOpener = new StreamOpener(this, encoder, windows.stream(), options.streamSlotTimeout().toNanos(), scheme, authority);

        // The same values an h2c upgrade sends in HTTP2-Settings (Http2Bootstrap.upgradeSettings), always all of them.
        ourSettings = new Settings()
                .set(SETTINGS_HEADER_TABLE_SIZE, options.headerTableSize())
                .set(SETTINGS_ENABLE_PUSH, options.enablePush() ? 1 : 0)
                .set(SETTINGS_INITIAL_WINDOW_SIZE, windows.stream())
                .set(SETTINGS_MAX_FRAME_SIZE, options.maxFrameSize())
                .set(SETTINGS_MAX_HEADER_LIST_SIZE, options.maxHeaderListSize());
        if (options.enablePush()) {
            ourSettings.set(SETTINGS_MAX_CONCURRENT_STREAMS, options.maxPushedStreams()); // §8.4: bounds pushed streams
        }
        this.pushes = new ServerPushes(this, new PushAuthority(secure, host, port, socket), options.maxPushedStreams(), readTimeoutNanos);

        InputStream in = socket.getInputStream();
        if (upgraded != null && upgraded.buffered().length > 0) {
            in = new SequenceInputStream(new ByteArrayInputStream(upgraded.buffered()), in); // read past the 101
        }
        // Whether input is pending: a TLS socket's stream only knows what it decrypted, the TCP socket what arrived
        InputStream pending = transport != null && transport != socket ? transport.getInputStream() : in;
        FrameReader frameReader = new FrameReader(in, pending, decoder, options.networkBufferSize());
        frameReader.setMaxFrameSize(options.maxFrameSize()); // larger frames may come as soon as the peer reads our SETTINGS
        frameReader.setMaxHeaderBlock(maxHeaderBlock);
        ReceiveWindow connectionWindow = new ReceiveWindow(0, windows.connection()).streamInitialWindowSize(windows.stream())
                .managedBy(flowControl);
        streamOpener.soleStreamWindow(connectionWindow.soleStreamWindow()); // asked once, before the reader runs
        this.readerLoop = new ConnectionReader(this, frameReader, decoder, connectionWindow);

        // §3.4: preface, SETTINGS and the connection window raise go out in one write.
        BlockBuffer q = writer.lock();
        try {
            q.write(CONNECTION_PREFACE, 0, CONNECTION_PREFACE.length);
            FrameWriter.settings(q, ourSettings);
            int raise = windows.connection() - DEFAULT_INITIAL_WINDOW_SIZE;
            if (raise > 0) {
                FrameWriter.windowUpdate(q, 0, raise); // the reader's receive window starts raised by as much
            }
        } finally {
            writer.unlock();
        }
        if (upgraded != null) {
            // RFC 7540 §3.2: the upgrade request is stream 1, half-closed (local); its response comes over HTTP/2
            Http2Stream first = new Http2Stream(1, "HEAD".equalsIgnoreCase(upgraded.method()), streamOpener.ourInitialWindowSize(),
                    flowControl, streamWaits);
            first.localClosed = true;
            sendWindows.register(first, streams, 0, DEFAULT_MAX_FRAME_SIZE);
            untaken.put(1, first);
            streamOpener.upgraded();
            highestSentStreamId = 1;
        }
        long settingsSent = System.nanoTime();
        lastReadNanos = settingsSent;
        this.liveness = new Liveness(this, writeTimeoutNanos, pingTimeoutNanos, readTimeoutNanos, settingsSent);
        this.bodies = new DataSender(this, writeTimeoutNanos);
        flush();
    }

    /** Starts the reader thread and the liveness checks. */
    private void start() {
        Thread t = ReaderThreads.newThread(readerLoop, "hyper-h2-reader " + host + ":" + port);
        readerThread = t;
        t.start();
        liveness.start();
    }

    // ================= requests =================

    @Override
    public int request(String method, String url, Body body, HeaderMap headers) throws IOException {
        return streamOpener.send(method, url, body, headers, null, false).id;
    }

    @Override
    public CompletableFuture<Response> requestAsync(String method, String url, Body body, HeaderMap headers) {
        return streamOpener.sendAsync(method, url, body, headers, false);
    }

    @Override
    public CompletableFuture<Response> fetchAsync(String method, String url, Body body, HeaderMap headers) {
        return streamOpener.sendAsync(method, url, body, headers, true);
    }

    /** Completes the stream's future if its response is ready (reader thread): the response, taken by nobody else. */
    void deliver(Http2Stream s) {
        CompletableFuture<Response> f = s.takeReadyFuture();
        if (f != null) {
            f.complete(new Http2Response(this, s, s.status(), readTimeoutNanos)); // dependent stages run here
        }
    }

    @Override
    public int putRequest(String method, String selector) throws IOException {
        checkUsable();
        return streamOpener.reserve(pending, method, selector);
    }

    @Override
    public void putHeader(int streamId, String name, String value, boolean replace) throws IOException {
        pending.putHeader(streamId, name, value, replace);
    }

    @Override
    public void endHeaders(int streamId, Body body, boolean last) throws IOException {
        streamOpener.endHeaders(pending.take(streamId), streamId, body, last);
    }

    @Override
    public void send(int streamId, byte[] data, boolean last) throws IOException {
        Http2Stream s = streams.get(streamId);
        if (s == null) {
            Http2Stream ended = untaken.get(streamId);
            IOException f = ended != null && ended.failure() != null ? ended.failure() : failure;
            if (f != null) {
                throw f; // why it ended: reset, GOAWAY, connection lost
            }
            throw new HyperException("stream " + streamId + " is not open for sending");
        }
        bodies.sendData(s, data, 0, data.length, last);
    }

    @Override
    public Response getResponse(int streamId) throws IOException {
        Http2Stream s = untaken.remove(streamId);
        if (s == null) {
            throw new HyperException("no response is outstanding on stream " + streamId + " (unknown id, or already taken)");
        }
        return response(s);
    }

    @Override
    public Response getResponse() throws IOException {
        Map.Entry<Integer, Http2Stream> oldest = untaken.pollFirstEntry();
        if (oldest == null) {
            throw new HyperException("no response is outstanding on this connection");
        }
        return response(oldest.getValue());
    }

    @Override
    public Iterable<Http2Push> getPushes(int streamId, boolean captureAll) throws IOException {
        return pushes.pushes(streamId, captureAll);
    }

    @Override
    public Iterable<Http2Push> getPushes(boolean captureAll) throws IOException {
        return pushes.pushes(highestSentStreamId, captureAll);
    }

    /** The stream of a request whose response has not been taken yet, or null. */
    Http2Stream untaken(int streamId) {
        return untaken.get(streamId);
    }

    private Response response(Http2Stream s) throws IOException {
        int status = s.awaitResponse(readTimeoutNanos);
        return new Http2Response(this, s, status, readTimeoutNanos);
    }

    /** Test hook: octets in the HPACK encoder's dynamic table. */
    int encoderTableSize() {
        return streamOpener.encoderTableSize();
    }

    /** Test hook: the next stream id this connection will use. */
    void setNextStreamIdForTest(int id) {
        streamOpener.setNextStreamIdForTest(id);
    }

    // ================= stream lifecycle =================

    /** Closes the stream once both sides are done or it was reset: frees its slot (§5.1.2). */
    void maybeClose(Http2Stream s) {
        if ((s.localClosed && s.isRemoteClosed()) || s.failure() != null) {
            closeStream(s);
        }
    }

    void closeStream(Http2Stream s) {
        if (!s.markClosed()) {
            return;
        }
        streams.remove(s.id);
        pushes.onStreamClosed(s);
        if (s.push == null) { // a pushed stream never took one of the server's slots
            streamOpener.releaseSlot();
        }
        if (goAwayReceived != null && streams.isEmpty()) {
            shutdown(); // the peer is going away and nothing is left to finish
        }
    }

    /** Resets a stream from our side: RST_STREAM with {@code code}; the stream's caller sees {@code cause}. */
    void resetStream(int streamId, ErrorCode code, IOException cause) throws IOException {
        Http2Stream s = streams.get(streamId);
        resetByUs.add(streamId);
        enqueueRstStream(streamId, code);
        if (s != null) {
            s.fail(cause, false); // a response that was already complete stays readable
            wakeSenders();
            closeStream(s);
        }
        flush();
    }

    /** The application closed a response: cancel the stream unless it already ended, and free what it buffered. */
    void closeResponse(Http2Stream s) throws IOException {
        boolean open = !s.isRemoteClosed() && s.failure() == null;
        s.cancel();
        if (open && streams.containsKey(s.id)) {
            resetByUs.add(s.id);
            enqueueRstStream(s.id, ErrorCode.CANCEL);
            s.fail(new HyperException("the response on stream " + s.id + " was closed"), true);
            wakeSenders();
            closeStream(s);
        }
        flush();
    }

    boolean wasResetByUs(int streamId) {
        return resetByUs.contains(streamId);
    }

    void markResetByUs(int streamId) {
        resetByUs.add(streamId);
    }

    void wakeSenders() {
        sendWindows.wake();
    }

    // ================= flow control, receiving =================

    /** Announces stream credit the stream's window manager decided on. */
    void sendStreamCredit(int streamId, int increment) throws IOException {
        if (increment > 0) {
            enqueueWindowUpdate(streamId, increment);
        }
    }

    /** Test hook: how many times the reader let a stream's wake wait a read for its body (see ConnectionReader.wakeAll). */
    long waitedWakes() {
        return readerLoop.waitedWakes();
    }

    /**
     * Whether every open stream's reader keeps up: none holds more than half of our SETTINGS_INITIAL_WINDOW_SIZE
     * unread. Reader thread; one lock at a time.
     */
    boolean readersKeepUp() {
        int half = streamOpener.ourInitialWindowSize() / 2;
        for (Http2Stream s : streams.values()) {
            if (s.bufferedOctets() > half) {
                return false;
            }
        }
        return true;
    }

    /** Test hook: the manager of the connection's receive window. */
    hyper.api.spi.BaseFlowControlManager connectionManager() {
        return readerLoop.connectionManager();
    }

    /** Our current SETTINGS_INITIAL_WINDOW_SIZE: the receive window new streams start with. */
    int ourInitialWindowSize() {
        return streamOpener.ourInitialWindowSize();
    }

    void enqueueWindowUpdate(int streamId, int increment) throws IOException {
        BlockBuffer q = writer.lock();
        try {
            FrameWriter.windowUpdate(q, streamId, increment);
        } finally {
            writer.unlock();
        }
        flush();
    }

    // ================= GOAWAY, failure and close =================

    /**
     * GOAWAY from the peer (§6.8): our streams above its last-stream-id were not processed; no new streams. Streams
     * the server pushed are its own and go on.
     */
    void onGoAway(int lastStreamId, ErrorCode code, byte[] debugData) {
        goAwayReceived = new GoAway(lastStreamId, code, debugData);
        for (Http2Stream s : streams.values()) {
            if (s.id > lastStreamId && s.push == null) {
                s.fail(new ConnectionException(code, debugData, true, true, "the server sent GOAWAY without processing stream "
                        + s.id + " (last stream " + lastStreamId + "); it is safe to retry on a new connection"), false);
                closeStream(s);
            }
        }
        wakeSenders();
        streamOpener.wakeSlotWaiters();
        if (streams.isEmpty()) {
            shutdown();
        }
    }

    /** The peer broke a connection-level rule: fail everything, GOAWAY with its code, close (§5.4.1). */
    void protocolFailure(ConnectionError e) {
        byte[] debug = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
        ConnectionException f = new ConnectionException(e.errorCode(), debug, false, false, "HTTP/2 connection error: " + e.getMessage());
        f.initCause(e);
        boolean first = failure == null && !closing.get();
        fail(f, false); // callers see the error before the peer can see the GOAWAY
        if (first) {
            BlockBuffer q = writer.lock();
            try {
                FrameWriter.goAway(q, lastPromisedStreamId, e.errorCode(), debug);
            } finally {
                writer.unlock();
            }
            try {
                writer.flushAndWait(Math.min(writeTimeoutNanos, TimeUnit.SECONDS.toNanos(1)));
            } catch (IOException ignored) {
                // the GOAWAY is a courtesy; the connection is failing anyway
            }
        }
        closeGracefully();
    }

    /** The transport ended (end of stream or an I/O error) while the reader was running. */
    void transportEnded(IOException cause) {
        if (closing.get() && failure != null) {
            closeSocketQuietly();
            return;
        }
        GoAway g = goAwayReceived;
        ConnectionException e;
        if (g != null) {
            e = new ConnectionException(g.code(), g.debugData(), true, false, "the server closed the connection after GOAWAY");
        } else if (cause == null) {
            e = new ConnectionException(ErrorCode.INTERNAL_ERROR, null, true, false, "the server closed the connection without GOAWAY");
        } else {
            e = new ConnectionException(ErrorCode.INTERNAL_ERROR, "connection lost: " + cause.getMessage(), cause);
        }
        fail(e, true);
    }

    /**
     * Fails the connection once: every stream whose response is not complete gets {@code e}, waiters wake up,
     * and the socket closes.
     */
    void fail(ConnectionException e, boolean closeSocket) {
        if (failure == null) {
            failure = e;
            closing.set(true);
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "connection to " + host + ":" + port + " failed: " + e.getMessage());
            }
        }
        for (Http2Stream s : streams.values()) {
            s.fail(failure, false);
            closeStream(s);
        }
        for (Http2Stream s : untaken.values()) {
            s.fail(failure, false);
        }
        wakeSenders();
        streamOpener.connectionFailed();
        liveness.stop();
        if (closeSocket) {
            closeSocketQuietly();
        }
    }

    @Override
    public void close(ErrorCode errorCode) throws IOException {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        ErrorCode code = errorCode == null ? ErrorCode.NO_ERROR : errorCode;
        BlockBuffer q = writer.lock();
        try {
            FrameWriter.goAway(q, lastPromisedStreamId, code, new byte[0]); // the server's streams: the pushes it promised
        } finally {
            writer.unlock();
        }
        try {
            writer.flushAndWait(Math.min(writeTimeoutNanos, TimeUnit.SECONDS.toNanos(1)));
        } catch (IOException ignored) {
            // closing anyway
        }
        fail(new ConnectionException(code, null, false, false, "the connection was closed by the application"), false);
        closeGracefully();
    }

    /**
     * Half-closes, then closes a moment later: closing at once with unread input would send a TCP reset, which
     * can destroy our GOAWAY before the peer reads it. The reader closes sooner if the peer closes first.
     */
    private void closeGracefully() {
        try {
            if (!(socket instanceof javax.net.ssl.SSLSocket)) {
                socket.shutdownOutput();
            }
        } catch (IOException ignored) {
            // already closed
        }
        Watchdog.once(TimeUnit.MILLISECONDS.toNanos(500), this::closeSocketQuietly);
    }

    /** No streams remain after a GOAWAY: close the socket. */
    private void shutdown() {
        if (closing.compareAndSet(false, true)) {
            GoAway g = goAwayReceived;
            fail(new ConnectionException(g.code(), g.debugData(), true, true, "the server sent GOAWAY; no new streams"), true);
        }
    }

    void closeSocketQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    /** Throws unless new streams may be opened: not closed, not failed, no GOAWAY received (§6.8). */
    void checkUsable() throws IOException {
        GoAway g = goAwayReceived;
        if (g != null) {
            throw new ConnectionException(g.code(), g.debugData(), true, true,
                    "the server sent GOAWAY: no new streams on this connection (§6.8)");
        }
        ConnectionException f = failure;
        if (f != null) {
            throw new ConnectionException(f.errorCode(), f.debugData(), f.isRemote(), true,
                    "the connection is closed: " + f.getMessage());
        }
        if (closing.get()) {
            throw new ConnectionException(ErrorCode.NO_ERROR, null, false, true, "the connection is closed");
        }
    }

    /** A PING ACK: the liveness probe, if it was ours, is answered. */
    void onPingAck(long payload) {
        liveness.onPingAck(payload);
    }

    ConnectionException failure() {
        return failure;
    }

    boolean isClosing() {
        return closing.get();
    }

    // ================= writing =================

    /**
     * Writes what is queued (or leaves it to the thread already writing); a write failure fails the connection. On
     * the reader thread, or while the reader is handling frames, it only returns: the reader flushes once it has
     * handled every frame it has read ({@link #flushQueued}), so the frames queued meanwhile (WINDOW_UPDATE, ACKs,
     * requests of async stages and of other threads) share one write.
     */
    void flush() throws IOException {
        if ((readerBusy && writer.queuedBytes() < LEAVE_TO_READER) || Thread.currentThread() == readerThread) {
            // The reader clears readerBusy before it drains the queue, so what we queued before reading true goes
            // out with its write: on a busy connection, the requests of many threads share one write (and one TLS
            // record) instead of one each. Past LEAVE_TO_READER octets, we write: a big body is held back by the
            // socket, not buffered in the queue.
            return;
        }
        flushQueued();
    }

    /** Writes what is queued now, on any thread. */
    void flushQueued() throws IOException {
        try {
            writer.flush();
        } catch (IOException e) {
            ConnectionException f = new ConnectionException(ErrorCode.INTERNAL_ERROR, "connection lost while writing: " + e.getMessage(), e);
            fail(f, true);
            throw failure;
        }
    }

    void enqueueRstStream(int streamId, ErrorCode code) {
        BlockBuffer q = writer.lock();
        try {
            FrameWriter.rstStream(q, streamId, code);
        } finally {
            writer.unlock();
        }
    }

    // ================= Http2Connection =================

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String toString() {
        return "Http2Connection{" + host + ":" + port + (secure ? ", tls" : ", h2c") + "}";
    }
}
