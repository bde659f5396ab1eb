package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;

import hyper.api.ErrorCode;
import hyper.api.HpackDecodingException;
import hyper.api.spi.HpackDecoder;
import hyper.impl.http1.ReadAheadSocket;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads HTTP/2 frames from a stream and hands each one, validated, to a {@link Handler} (RFC 9113 §4, §6).
 *
 * <p>Bytes are read into one large reusable buffer, so one {@code read} call usually brings in many frames, and
 * DATA payloads are passed to the handler as slices of that buffer (valid only during the call). Header blocks
 * are fed fragment by fragment to the connection's HPACK decoder and the handler receives the decoded fields
 * once END_HEADERS arrives. Rule violations are thrown as {@link ConnectionError} or {@link StreamError}; a
 * stream error is thrown only after the offending frame has been consumed, so reading can go on.
 *
 * <p>Holds no locks: the connection's reader thread is its only user.
 */
final class FrameReader {

    /** Receives each frame. Exceptions thrown from here propagate out of {@link #nextFrame}. */
    interface Handler {
        /** A DATA frame; {@code flowControlled} counts padding too (§6.1) and is what the windows are charged. */
        void data(int streamId, boolean endStream, byte[] buf, int offset, int length, int flowControlled)
                throws IOException;

        /** A complete header block from HEADERS (+ CONTINUATION). {@code block} is reused after the call. */
        void headers(int streamId, boolean endStream, HeaderBlock block) throws IOException;

        /** RST_STREAM, §6.4. */
        void rstStream(int streamId, ErrorCode code) throws IOException;

        /** A SETTINGS frame that is not an ACK, validated per §6.5.2; unknown identifiers are already dropped. */
        void settings(Settings settings) throws IOException;

        /** A SETTINGS ACK. */
        void settingsAck() throws IOException;

        /** A complete PUSH_PROMISE header block, §6.6. */
        void pushPromise(int streamId, int promisedStreamId, HeaderBlock block) throws IOException;

        /**
         * A PUSH_PROMISE whose header block was decoded (the HPACK state is in step) but refused: over our header
         * list limit, or too many fields. The promise still reserved {@code promisedStreamId} (§6.6); {@code error}
         * is the stream error for it.
         */
        void pushPromiseUndecodable(int streamId, int promisedStreamId, StreamError error) throws IOException;

        /** PING, §6.7, with its 8 opaque octets as a long. */
        void ping(boolean ack, long payload) throws IOException;

        /** GOAWAY, §6.8. */
        void goAway(int lastStreamId, ErrorCode code, byte[] debugData) throws IOException;

        /** WINDOW_UPDATE with a non-zero increment, §6.9; {@code streamId} 0 is the connection. */
        void windowUpdate(int streamId, int increment) throws IOException;

        /**
         * Every frame read so far has been handled and the reader is about to read from the stream, which may block:
         * the moment to write what handling the frames queued, once per batch instead of once per frame. Skipped
         * while the next read cannot block (octets are already available), for at most {@link #BATCH_LIMIT} octets.
         */
        default void beforeRead() throws IOException {
        }

        /** A read returned: the reader is handling frames again until the next {@link #beforeRead()}. */
        default void afterRead() {
        }
    }

    /**
     * Octets read without a {@link Handler#beforeRead()} while more were available at once: a batch ends at the first
     * read that might block or after this many octets. Waking the application once per batch, not once per socket
     * read (a TLS read returns one 16 KiB record), saves a thread switch per frame on a fast download. Frames other
     * threads queued meanwhile (requests, WINDOW_UPDATEs) wait at most one batch for the reader's flush.
     */
    static final int BATCH_LIMIT = 256 * 1024;
    /** A header block longer than this (compressed, over all its frames) ends the connection. */
    static final int DEFAULT_MAX_HEADER_BLOCK = 256 * 1024;
    /** CONTINUATION frames allowed in one block; bounds floods of empty ones (CVE-2024-27316 and kin). */
    static final int MAX_CONTINUATIONS = 512;

    private final InputStream in;
    private final InputStream pending; // in, or the TCP socket's stream under a TLS in: see inputPending()
    private final HpackDecoder decoder;
    private final HeaderBlock block = new HeaderBlock();

    private byte[] buf;
    private int pos;
    private int limit;
    private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
    private int maxHeaderBlock = DEFAULT_MAX_HEADER_BLOCK;
    private boolean prefaceSeen;
    private int frameStart; // where the frame being dispatched starts in buf, for the frame log
    private Handler handler; // of the current nextFrame call, told before each read that may block
    private int batched;     // octets read since the last Handler.beforeRead()
    private final boolean transportWarns; // the transport calls transportBlocking() before it waits for the peer
    private boolean reading; // inside fill()'s read of the stream

    // A header block in progress: the stream its CONTINUATION frames must be on, or 0 when none is expected.
    private int continuationStream;
    private boolean continuationEndStream;
    private int continuationPromisedStream; // non-zero when the block belongs to a PUSH_PROMISE
    private int continuationFrames;
    private int blockOctets;
    private StreamError deferredError; // found in the first frame, thrown once the block is decoded

    FrameReader(InputStream in, HpackDecoder decoder, int bufferSize) {
        this(in, in, decoder, bufferSize);
    }

    /** A reader of {@code in} that asks {@code pending} (the transport under {@code in}) whether input is pending. */
    FrameReader(InputStream in, InputStream pending, HpackDecoder decoder, int bufferSize) {
        this.in = in;
        this.pending = pending;
        this.transportWarns = pending != in && ReadAheadSocket.beforeBlocking(pending, this::transportBlocking);
        this.decoder = decoder;
        this.buf = new byte[Math.max(bufferSize, FRAME_HEADER_LENGTH + DEFAULT_MAX_FRAME_SIZE)];
    }

    /** The largest frame payload we accept: our SETTINGS_MAX_FRAME_SIZE (§4.2). Grows the buffer if needed. */
    void setMaxFrameSize(int size) {
        maxFrameSize = size;
        if (buf.length < FRAME_HEADER_LENGTH + size) {
            buf = Arrays.copyOf(buf, FRAME_HEADER_LENGTH + size);
        }
    }

    /** The most compressed octets one header block may span. */
    void setMaxHeaderBlock(int octets) {
        maxHeaderBlock = octets;
    }

    /**
     * Reads one frame and dispatches it. The first frame must be the server's SETTINGS (§3.4).
     *
     * @return false at a clean end of stream between frames
     * @throws EOFException the stream ended inside a frame
     * @throws java.net.SocketTimeoutException nothing arrived in time; the reader's state is intact and the call may be repeated
     */
    boolean nextFrame(Handler handler) throws IOException {
        this.handler = handler;
        if (!fill(FRAME_HEADER_LENGTH)) {
            return false;
        }
        // +-----------------------------------------------+
        // |                 Length (24)                   |
        // +---------------+---------------+---------------+
        // |   Type (8)    |   Flags (8)   |
        // +-+-------------+---------------+-------------------------------+
        // |R|                 Stream Identifier (31)                      |
        // +=+=============================================================+
        // |                   Frame Payload (0...)                      ...
        // +---------------------------------------------------------------+
        byte[] b = buf;
        int p = pos;
        int length = (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
        int type = b[p + 3] & 0xff;
        int flags = b[p + 4] & 0xff;
        int streamId = readInt(b, p + 5) & 0x7fffffff; // the reserved bit is ignored, §4.1

        if (length > maxFrameSize) {
            // §4.2: treated as a connection error always; simpler than deciding which frames may only be reset.
            throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, typeName(type) + " frame of " + length
                    + " octets exceeds our SETTINGS_MAX_FRAME_SIZE of " + maxFrameSize);
        }
        if (!prefaceSeen) {
            if (type != TYPE_SETTINGS || (flags & FLAG_ACK) != 0) {
                throw new ConnectionError(ErrorCode.PROTOCOL_ERROR,
                        "server connection preface must start with SETTINGS, got " + typeName(type) + " (§3.4)");
            }
            prefaceSeen = true;
        }
        if (!fill(FRAME_HEADER_LENGTH + length)) {
            throw new EOFException("connection closed in the frame header");
        }
        int payload = pos + FRAME_HEADER_LENGTH;
        pos = payload + length; // consumed before dispatch, so a StreamError leaves the reader ready for the next frame
        frameStart = payload - FRAME_HEADER_LENGTH;
        // Logged before validation, so a frame that breaks a rule shows up too. A frame that ends a header block
        // is logged once decoded instead, with its fields (see fragment).
        if (FrameLog.enabled() && !endsHeaderBlock(type, flags)) {
            FrameLog.frame(FrameLog.RECEIVED, buf, frameStart, null);
        }

        if (continuationStream != 0 && (type != TYPE_CONTINUATION || streamId != continuationStream)) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "expected CONTINUATION on stream " + continuationStream
                    + ", got " + typeName(type) + " on stream " + streamId + " (§6.10)");
        }
        switch (type) {
            case TYPE_DATA: readData(handler, length, flags, streamId, payload); break;
            case TYPE_HEADERS: readHeaders(handler, length, flags, streamId, payload); break;
            case TYPE_PRIORITY: readPriority(length, streamId, payload); break;
            case TYPE_RST_STREAM: readRstStream(handler, length, streamId, payload); break;
            case TYPE_SETTINGS: readSettings(handler, length, flags, streamId, payload); break;
            case TYPE_PUSH_PROMISE: readPushPromise(handler, length, flags, streamId, payload); break;
            case TYPE_PING: readPing(handler, length, flags, streamId, payload); break;
            case TYPE_GOAWAY: readGoAway(handler, length, streamId, payload); break;
            case TYPE_WINDOW_UPDATE: readWindowUpdate(handler, length, streamId, payload); break;
            case TYPE_CONTINUATION: readContinuation(handler, length, flags, streamId, payload); break;
            default: break; // unknown types are ignored, §4.1 and §5.5
        }
        return true;
    }

    // +---------------+
    // |Pad Length? (8)|
    // +---------------+-----------------------------------------------+
    // |                            Data (*)                         ...
    // +---------------------------------------------------------------+
    // |                           Padding (*)                       ...
    // +---------------------------------------------------------------+
    private void readData(Handler handler, int length, int flags, int streamId, int p) throws IOException {
        if (streamId == 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "DATA on stream 0 (§6.1)");
        }
        int padding = padLength(flags, length, p, 0, "DATA");
        int start = (flags & FLAG_PADDED) != 0 ? p + 1 : p;
        int dataLength = length - (start - p) - padding;
        handler.data(streamId, (flags & FLAG_END_STREAM) != 0, buf, start, dataLength, length);
    }

    // +---------------+
    // |Pad Length? (8)|
    // +-+-------------+-----------------------------------------------+
    // |E|                 Stream Dependency? (31)                     |
    // +-+-------------+-----------------------------------------------+
    // |  Weight? (8)  |
    // +-+-------------+-----------------------------------------------+
    // |                   Header Block Fragment (*)                 ...
    // +---------------------------------------------------------------+
    // |                           Padding (*)                       ...
    // +---------------------------------------------------------------+
    private void readHeaders(Handler handler, int length, int flags, int streamId, int p) throws IOException {
        if (streamId == 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "HEADERS on stream 0 (§6.2)");
        }
        int padding = padLength(flags, length, p, (flags & FLAG_PRIORITY) != 0 ? 5 : 0, "HEADERS");
        int start = (flags & FLAG_PADDED) != 0 ? p + 1 : p;
        deferredError = null;
        if ((flags & FLAG_PRIORITY) != 0) {
            int dependency = readInt(buf, start) & 0x7fffffff;
            if (dependency == streamId) {
                deferredError = new StreamError(streamId, ErrorCode.PROTOCOL_ERROR,
                        "stream " + streamId + " depends on itself (§5.3.1)");
            }
            start += 5;
        }
        int fragment = length - (start - p) - padding;
        startBlock(streamId, (flags & FLAG_END_STREAM) != 0, 0);
        fragment(handler, flags, start, fragment);
    }

    // +-+-------------------------------------------------------------+
    // |E|                  Stream Dependency (31)                     |
    // +-+-------------+-----------------------------------------------+
    // |   Weight (8)  |
    // +-+-------------+
    private void readPriority(int length, int streamId, int p) throws IOException {
        if (streamId == 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PRIORITY on stream 0 (§6.3)");
        }
        if (length != 5) {
            throw new StreamError(streamId, ErrorCode.FRAME_SIZE_ERROR, "PRIORITY of length " + length + " (§6.3)");
        }
        if ((readInt(buf, p) & 0x7fffffff) == streamId) {
            throw new StreamError(streamId, ErrorCode.PROTOCOL_ERROR, "stream " + streamId + " depends on itself (§5.3.1)");
        }
        // Valid and otherwise ignored: RFC 9113 deprecates the priority scheme (§5.3.2).
    }

    // +---------------------------------------------------------------+
    // |                        Error Code (32)                        |
    // +---------------------------------------------------------------+
    private void readRstStream(Handler handler, int length, int streamId, int p) throws IOException {
        if (length != 4) {
            throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "RST_STREAM of length " + length + " (§6.4)");
        }
        if (streamId == 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "RST_STREAM on stream 0 (§6.4)");
        }
        handler.rstStream(streamId, ErrorCode.of(readInt(buf, p) & 0xffffffffL));
    }

    // +-------------------------------+
    // |       Identifier (16)         |
    // +-------------------------------+-------------------------------+
    // |                        Value (32)                             |
    // +---------------------------------------------------------------+
    private void readSettings(Handler handler, int length, int flags, int streamId, int p) throws IOException {
        if (streamId != 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "SETTINGS on stream " + streamId + " (§6.5)");
        }
        if ((flags & FLAG_ACK) != 0) {
            if (length != 0) {
                throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS ACK with a payload (§6.5)");
            }
            handler.settingsAck();
            return;
        }
        if (length % 6 != 0) {
            throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "SETTINGS length " + length + " is not a multiple of 6 (§6.5)");
        }
        Settings settings = new Settings();
        for (int i = p; i < p + length; i += 6) {
            int id = (buf[i] & 0xff) << 8 | (buf[i + 1] & 0xff);
            long value = readInt(buf, i + 2) & 0xffffffffL;
            switch (id) {
                case SETTINGS_ENABLE_PUSH:
                    if (value > 1) {
                        throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH=" + value + " (§6.5.2)");
                    }
                    break;
                case SETTINGS_INITIAL_WINDOW_SIZE:
                    if (value > MAX_WINDOW_SIZE) {
                        throw new ConnectionError(ErrorCode.FLOW_CONTROL_ERROR,
                                "SETTINGS_INITIAL_WINDOW_SIZE=" + value + " exceeds 2^31-1 (§6.5.2)");
                    }
                    break;
                case SETTINGS_MAX_FRAME_SIZE:
                    if (value < DEFAULT_MAX_FRAME_SIZE || value > MAX_MAX_FRAME_SIZE) {
                        throw new ConnectionError(ErrorCode.PROTOCOL_ERROR,
                                "SETTINGS_MAX_FRAME_SIZE=" + value + " outside [16384, 2^24-1] (§6.5.2)");
                    }
                    break;
                default:
                    break;
            }
            settings.set(id, (int) Math.min(value, Integer.MAX_VALUE)); // unknown ids are ignored by set()
        }
        handler.settings(settings);
    }

    // +---------------+
    // |Pad Length? (8)|
    // +-+-------------+-----------------------------------------------+
    // |R|                  Promised Stream ID (31)                    |
    // +-+-----------------------------+-------------------------------+
    // |                   Header Block Fragment (*)                 ...
    // +---------------------------------------------------------------+
    // |                           Padding (*)                       ...
    // +---------------------------------------------------------------+
    private void readPushPromise(Handler handler, int length, int flags, int streamId, int p) throws IOException {
        if (streamId == 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE on stream 0 (§6.6)");
        }
        int padding = padLength(flags, length, p, 4, "PUSH_PROMISE");
        int start = (flags & FLAG_PADDED) != 0 ? p + 1 : p;
        int promised = readInt(buf, start) & 0x7fffffff;
        if (promised == 0) { // stream 0 is never idle (§5.1.1), and 0 marks "not a promise" below
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PUSH_PROMISE promises stream 0 (§6.6)");
        }
        start += 4;
        deferredError = null;
        startBlock(streamId, false, promised);
        fragment(handler, flags, start, length - (start - p) - padding);
    }

    // +---------------------------------------------------------------+
    // |                      Opaque Data (64)                         |
    // +---------------------------------------------------------------+
    private void readPing(Handler handler, int length, int flags, int streamId, int p) throws IOException {
        if (length != 8) {
            throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "PING of length " + length + " (§6.7)");
        }
        if (streamId != 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "PING on stream " + streamId + " (§6.7)");
        }
        long payload = (readInt(buf, p) & 0xffffffffL) << 32 | (readInt(buf, p + 4) & 0xffffffffL);
        handler.ping((flags & FLAG_ACK) != 0, payload);
    }

    // +-+-------------------------------------------------------------+
    // |R|                  Last-Stream-ID (31)                        |
    // +-+-------------------------------------------------------------+
    // |                      Error Code (32)                          |
    // +---------------------------------------------------------------+
    // |                  Additional Debug Data (*)                    |
    // +---------------------------------------------------------------+
    private void readGoAway(Handler handler, int length, int streamId, int p) throws IOException {
        if (length < 8) {
            throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "GOAWAY of length " + length + " (§6.8)");
        }
        if (streamId != 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, "GOAWAY on stream " + streamId + " (§6.8)");
        }
        int lastStreamId = readInt(buf, p) & 0x7fffffff;
        ErrorCode code = ErrorCode.of(readInt(buf, p + 4) & 0xffffffffL);
        byte[] debug = Arrays.copyOfRange(buf, p + 8, p + length);
        handler.goAway(lastStreamId, code, debug);
    }

    // +-+-------------------------------------------------------------+
    // |R|              Window Size Increment (31)                     |
    // +-+-------------------------------------------------------------+
    private void readWindowUpdate(Handler handler, int length, int streamId, int p) throws IOException {
        if (length != 4) {
            throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, "WINDOW_UPDATE of length " + length + " (§6.9)");
        }
        int increment = readInt(buf, p) & 0x7fffffff;
        if (increment == 0) {
            String message = "WINDOW_UPDATE with an increment of 0 (§6.9)";
            if (streamId == 0) {
                throw new ConnectionError(ErrorCode.PROTOCOL_ERROR, message);
            }
            throw new StreamError(streamId, ErrorCode.PROTOCOL_ERROR, message);
        }
        handler.windowUpdate(streamId, increment);
    }

    // +---------------------------------------------------------------+
    // |                   Header Block Fragment (*)                 ...
    // +---------------------------------------------------------------+
    private void readContinuation(Handler handler, int length, int flags, int streamId, int p) throws IOException {
        if (continuationStream == 0) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR,
                    "CONTINUATION on stream " + streamId + " without a header block in progress (§6.10)");
        }
        if (++continuationFrames > MAX_CONTINUATIONS) {
            throw new ConnectionError(ErrorCode.ENHANCE_YOUR_CALM,
                    "header block spans more than " + MAX_CONTINUATIONS + " CONTINUATION frames");
        }
        fragment(handler, flags, p, length);
    }

    private void startBlock(int streamId, boolean endStream, int promisedStream) {
        continuationStream = streamId;
        continuationEndStream = endStream;
        continuationPromisedStream = promisedStream;
        continuationFrames = 0;
        blockOctets = 0;
        block.clear();
    }

    /** Feeds one fragment to the decoder; on END_HEADERS hands the block to the handler. */
    private void fragment(Handler handler, int flags, int offset, int length) throws IOException {
        int streamId = continuationStream;
        boolean end = (flags & FLAG_END_HEADERS) != 0;
        blockOctets += length;
        if (blockOctets > maxHeaderBlock) {
            throw new ConnectionError(ErrorCode.ENHANCE_YOUR_CALM,
                    "header block on stream " + streamId + " exceeds " + maxHeaderBlock + " octets");
        }
        if (end) {
            continuationStream = 0;
        }
        try {
            decoder.decode(buf, offset, length, end, block);
        } catch (HpackDecodingException e) {
            if (end && FrameLog.enabled()) {
                FrameLog.frame(FrameLog.RECEIVED, buf, frameStart, null);
            }
            if (e.isConnectionFatal()) {
                throw new ConnectionError(ErrorCode.COMPRESSION_ERROR,
                        "undecodable header block on stream " + streamId + ": " + e.getMessage() + " (§4.3)", e);
            }
            // The decoder consumed the whole block, so its table is still in step: only this stream fails (§10.5.1).
            block.clear();
            if (continuationPromisedStream != 0) { // the promised stream fails, not the request it came on
                int promised = continuationPromisedStream;
                handler.pushPromiseUndecodable(streamId, promised, new StreamError(promised, e.errorCode(),
                        "push promise of stream " + promised + " refused: " + e.getMessage(), e));
                return;
            }
            throw new StreamError(streamId, e.errorCode(), "header block on stream " + streamId + " refused: " + e.getMessage(), e);
        }
        if (!end) {
            return;
        }
        if (FrameLog.enabled()) {
            FrameLog.frame(FrameLog.RECEIVED, buf, frameStart, block);
        }
        if (deferredError != null) {
            StreamError error = deferredError;
            deferredError = null;
            block.clear();
            throw error;
        }
        try {
            if (continuationPromisedStream != 0) {
                handler.pushPromise(streamId, continuationPromisedStream, block);
            } else {
                handler.headers(streamId, continuationEndStream, block);
            }
        } finally {
            block.clear();
        }
    }

    private static boolean endsHeaderBlock(int type, int flags) {
        return (flags & FLAG_END_HEADERS) != 0
                && (type == TYPE_HEADERS || type == TYPE_PUSH_PROMISE || type == TYPE_CONTINUATION);
    }

    /**
     * The pad length of a frame, 0 when it is not PADDED. {@code fixed} counts the octets of fields other than the
     * pad length that precede the fragment. Padding that leaves no room for them is a PROTOCOL_ERROR (§6.1, §6.2).
     */
    private int padLength(int flags, int length, int p, int fixed, String type) throws ConnectionError {
        boolean padded = (flags & FLAG_PADDED) != 0;
        int overhead = (padded ? 1 : 0) + fixed;
        if (length < overhead) {
            throw new ConnectionError(ErrorCode.FRAME_SIZE_ERROR, type + " of length " + length + " is too short for its fields");
        }
        if (!padded) {
            return 0;
        }
        int padding = buf[p] & 0xff;
        if (padding > length - overhead) {
            throw new ConnectionError(ErrorCode.PROTOCOL_ERROR,
                    type + " pad length " + padding + " leaves no room in its payload of " + length + " (§6.1)");
        }
        return padding;
    }

    /**
     * Whether the next read is sure not to wait for the peer: the transport holds octets already (for a socket, what
     * its receive buffer holds; under TLS, decrypted octets, or encrypted ones: a record on its way). A partial frame
     * in our buffer does not count: the peer may stall before sending its rest (see {@link #partialDataStream}).
     */
    boolean inputPending() throws IOException {
        return in.available() > 0 || (pending != in && pending.available() > 0);
    }

    /**
     * The stream of the DATA frame whose header is buffered but whose payload is not all here yet, or 0 when the
     * buffer holds no such frame (nothing, part of a header, or another type). The peer is in the middle of sending
     * that stream's body.
     */
    int partialDataStream() {
        if (limit - pos < FRAME_HEADER_LENGTH || (buf[pos + 3] & 0xff) != TYPE_DATA) {
            return 0;
        }
        int length = (buf[pos] & 0xff) << 16 | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff);
        if (limit - pos >= FRAME_HEADER_LENGTH + length) {
            return 0;
        }
        return (buf[pos + 5] & 0x7f) << 24 | (buf[pos + 6] & 0xff) << 16 | (buf[pos + 7] & 0xff) << 8 | (buf[pos + 8] & 0xff);
    }

    /** Makes {@code n} octets available from {@code pos}; false if the stream ends before any octet of them. */
    private boolean fill(int n) throws IOException {
        int available = limit - pos;
        if (available >= n) {
            return true;
        }
        if (buf.length - pos < n) { // not enough room after pos: move the partial frame to the front
            System.arraycopy(buf, pos, buf, 0, available);
            pos = 0;
            limit = available;
        }
        while (limit - pos < n) {
            // The batch ends before a read that may wait for the peer. A transport that warns before it blocks says
            // so itself (under TLS the decrypted octets run out at every record's end, while more records may be
            // buffered or on their way); otherwise the stream's available() tells.
            if (batched >= BATCH_LIMIT || (!transportWarns && in.available() <= 0)) {
                endBatch();
            }
            reading = true;
            int read;
            try {
                read = in.read(buf, limit, buf.length - limit);
            } finally {
                reading = false;
            }
            handler.afterRead();
            batched += Math.max(0, read);
            if (read < 0) {
                if (limit == pos) {
                    return false;
                }
                throw new EOFException("connection closed in the middle of a frame (" + (limit - pos) + " of "
                        + n + " octets)");
            }
            limit += read;
        }
        return true;
    }

    /** Ends the read batch: the handler wakes the threads waiting on what it changed and flushes what it queued. */
    private void endBatch() throws IOException {
        handler.beforeRead();
        batched = 0;
    }

    /** The transport is about to wait for the peer inside our read (e.g. for the rest of a TLS record). */
    private void transportBlocking() throws IOException {
        if (reading) {
            endBatch();
        }
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }
}
