package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;

import hyper.api.ErrorCode;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderFields;

/**
 * Encodes HTTP/2 frames (RFC 9113 §4.1, §6) by appending them to a reusable {@link BlockBuffer}. Stateless:
 * the connection decides what to send and serializes access to the buffer it writes into. Arguments are
 * trusted (the connection checks them); malformed frames for tests are built by hand, not here.
 */
final class FrameWriter {
    private FrameWriter() {
    }

    /** The 9-octet frame header, §4.1. */
    static void frameHeader(BlockBuffer out, int length, int type, int flags, int streamId) {
        out.ensureCapacity(FRAME_HEADER_LENGTH);
        byte[] b = out.array();
        int p = out.length();
        b[p] = (byte) (length >>> 16);
        b[p + 1] = (byte) (length >>> 8);
        b[p + 2] = (byte) length;
        b[p + 3] = (byte) type;
        b[p + 4] = (byte) flags;
        putInt(b, p + 5, streamId & 0x7fffffff);
        out.setLength(p + FRAME_HEADER_LENGTH);
    }

    /** A DATA frame without padding, §6.1. {@code length} must not exceed the peer's MAX_FRAME_SIZE. */
    static void data(BlockBuffer out, int streamId, boolean endStream, byte[] src, int offset, int length) {
        int start = out.length();
        frameHeader(out, length, TYPE_DATA, endStream ? FLAG_END_STREAM : FLAG_NONE, streamId);
        out.write(src, offset, length);
        logSent(out, start, null);
    }

    /** A PADDED DATA frame with {@code padding} zero octets (0..255), §6.1; the frame is {@code length + padding + 1} long. */
    static void paddedData(BlockBuffer out, int streamId, boolean endStream, byte[] src, int offset, int length, int padding) {
        int start = out.length();
        int flags = FLAG_PADDED | (endStream ? FLAG_END_STREAM : FLAG_NONE);
        frameHeader(out, 1 + length + padding, TYPE_DATA, flags, streamId);
        out.write(padding);
        out.write(src, offset, length);
        zeros(out, padding);
        logSent(out, start, null);
    }

    /**
     * A header block as one HEADERS frame followed by as many CONTINUATION frames as {@code maxFrameSize}
     * requires (§6.2, §6.10); END_HEADERS goes on the last of them, END_STREAM on the HEADERS frame.
     */
    static void headers(BlockBuffer out, int streamId, boolean endStream, byte[] block, int offset, int length,
            int maxFrameSize) {
        headers(out, streamId, endStream, block, offset, length, maxFrameSize, null);
    }

    /** {@link #headers} whose frames are logged with {@code fields}, the block before encoding (logs only). */
    static void headers(BlockBuffer out, int streamId, boolean endStream, byte[] block, int offset, int length,
            int maxFrameSize, HeaderFields fields) {
        int start = out.length();
        int first = Math.min(length, maxFrameSize);
        int flags = (endStream ? FLAG_END_STREAM : FLAG_NONE) | (first == length ? FLAG_END_HEADERS : FLAG_NONE);
        frameHeader(out, first, TYPE_HEADERS, flags, streamId);
        out.write(block, offset, first);
        continuations(out, streamId, block, offset + first, length - first, maxFrameSize);
        logSent(out, start, fields);
    }

    /** A PUSH_PROMISE (servers only; here for tests and completeness), split like {@link #headers}, §6.6. */
    static void pushPromise(BlockBuffer out, int streamId, int promisedStreamId, byte[] block, int offset, int length,
            int maxFrameSize) {
        int start = out.length();
        int first = Math.min(length, maxFrameSize - 4);
        frameHeader(out, 4 + first, TYPE_PUSH_PROMISE, first == length ? FLAG_END_HEADERS : FLAG_NONE, streamId);
        writeInt(out, promisedStreamId & 0x7fffffff);
        out.write(block, offset, first);
        continuations(out, streamId, block, offset + first, length - first, maxFrameSize);
        logSent(out, start, null);
    }

    private static void continuations(BlockBuffer out, int streamId, byte[] block, int offset, int remaining, int maxFrameSize) {
        while (remaining > 0) {
            int n = Math.min(remaining, maxFrameSize);
            remaining -= n;
            frameHeader(out, n, TYPE_CONTINUATION, remaining == 0 ? FLAG_END_HEADERS : FLAG_NONE, streamId);
            out.write(block, offset, n);
            offset += n;
        }
    }

    /** PRIORITY, §6.3; {@code weight} is 1..256 as in the RFC (sent minus one). */
    static void priority(BlockBuffer out, int streamId, int dependency, int weight, boolean exclusive) {
        int start = out.length();
        frameHeader(out, 5, TYPE_PRIORITY, FLAG_NONE, streamId);
        writeInt(out, (dependency & 0x7fffffff) | (exclusive ? 0x80000000 : 0));
        out.write(weight - 1);
        logSent(out, start, null);
    }

    /** RST_STREAM, §6.4. */
    static void rstStream(BlockBuffer out, int streamId, ErrorCode code) {
        int start = out.length();
        frameHeader(out, 4, TYPE_RST_STREAM, FLAG_NONE, streamId);
        writeInt(out, code.code());
        logSent(out, start, null);
    }

    /** SETTINGS with every value {@code settings} holds, in identifier order, §6.5. */
    static void settings(BlockBuffer out, Settings settings) {
        int start = out.length();
        frameHeader(out, 6 * settings.size(), TYPE_SETTINGS, FLAG_NONE, 0);
        for (int id = 1; id <= SETTINGS_MAX_HEADER_LIST_SIZE; id++) {
            if (settings.isSet(id)) {
                out.write(id >>> 8);
                out.write(id);
                writeInt(out, settings.get(id, 0));
            }
        }
        logSent(out, start, null);
    }

    /** An empty SETTINGS with ACK, §6.5.3. */
    static void settingsAck(BlockBuffer out) {
        int start = out.length();
        frameHeader(out, 0, TYPE_SETTINGS, FLAG_ACK, 0);
        logSent(out, start, null);
    }

    /** PING, or its ACK echoing the same payload, §6.7. */
    static void ping(BlockBuffer out, boolean ack, long payload) {
        int start = out.length();
        frameHeader(out, 8, TYPE_PING, ack ? FLAG_ACK : FLAG_NONE, 0);
        writeInt(out, (int) (payload >>> 32));
        writeInt(out, (int) payload);
        logSent(out, start, null);
    }

    /** GOAWAY, §6.8. */
    static void goAway(BlockBuffer out, int lastStreamId, ErrorCode code, byte[] debugData) {
        int start = out.length();
        frameHeader(out, 8 + debugData.length, TYPE_GOAWAY, FLAG_NONE, 0);
        writeInt(out, lastStreamId & 0x7fffffff);
        writeInt(out, code.code());
        out.write(debugData, 0, debugData.length);
        logSent(out, start, null);
    }

    /** WINDOW_UPDATE, §6.9; {@code increment} is 1..2^31-1. */
    static void windowUpdate(BlockBuffer out, int streamId, int increment) {
        int start = out.length();
        frameHeader(out, 4, TYPE_WINDOW_UPDATE, FLAG_NONE, streamId);
        writeInt(out, increment & 0x7fffffff);
        logSent(out, start, null);
    }

    /** DEBUG-logs the frames just appended from {@code start}; one level check and nothing else when off. */
    private static void logSent(BlockBuffer out, int start, HeaderFields fields) {
        if (FrameLog.enabled()) {
            FrameLog.frames(FrameLog.SENT, out.array(), start, out.length(), fields);
        }
    }

    private static void writeInt(BlockBuffer out, int v) {
        out.ensureCapacity(4);
        int p = out.length();
        putInt(out.array(), p, v);
        out.setLength(p + 4);
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }

    private static void zeros(BlockBuffer out, int n) {
        out.ensureCapacity(n);
        int p = out.length();
        java.util.Arrays.fill(out.array(), p, p + n, (byte) 0);
        out.setLength(p + n);
    }
}
