package hyper.impl.http2;

import static hyper.impl.http2.Frames.bytes;
import static hyper.impl.http2.Frames.concat;
import static hyper.impl.http2.Frames.emptySettings;
import static hyper.impl.http2.Frames.frame;
import static hyper.impl.http2.Frames.int32;
import static hyper.impl.http2.Frames.setting;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ErrorCode;
import hyper.api.HpackDecodingException;
import hyper.api.spi.BlockBuffer;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame parsing and every validation rule of RFC 9113 §4–§6 that the reader enforces. */
class FrameReaderTest {

    // ---- round trips: what the writer produces, the reader gives back ----

    @Test
    void everyFrameTypeRoundTrips() throws IOException {
        BlockBuffer out = new BlockBuffer();
        FrameWriter.settings(out, new Settings().set(SETTINGS_MAX_CONCURRENT_STREAMS, 100).set(SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20));
        FrameWriter.settingsAck(out);
        byte[] block = LiteralHpack.encode(":status", "200", "content-type", "text/plain");
        FrameWriter.headers(out, 1, false, block, 0, block.length, 16384);
        FrameWriter.data(out, 1, false, bytes('h', 'i'), 0, 2);
        FrameWriter.paddedData(out, 1, true, bytes('!'), 0, 1, 4);
        FrameWriter.priority(out, 3, 1, 16, false);
        FrameWriter.rstStream(out, 3, ErrorCode.REFUSED_STREAM);
        FrameWriter.ping(out, false, 0x1122334455667788L);
        FrameWriter.ping(out, true, 42);
        FrameWriter.windowUpdate(out, 0, 1000);
        FrameWriter.windowUpdate(out, 1, 7);
        byte[] promise = LiteralHpack.encode(":path", "/style.css");
        FrameWriter.pushPromise(out, 1, 2, promise, 0, promise.length, 16384);
        FrameWriter.goAway(out, 1, ErrorCode.NO_ERROR, bytes('b', 'y', 'e'));

        assertEquals(List.of(
                "SETTINGS Settings{MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=1048576}",
                "SETTINGS ACK",
                "HEADERS 1 [:status=200, content-type=text/plain]",
                "DATA 1 'hi' fc=2",
                "DATA 1 END_STREAM '!' fc=6",
                "RST_STREAM 3 REFUSED_STREAM",
                "PING 1122334455667788",
                "PING ACK 2a",
                "WINDOW_UPDATE 0 1000",
                "WINDOW_UPDATE 1 7",
                "PUSH_PROMISE 1 promised=2 [:path=/style.css]",
                "GOAWAY 1 NO_ERROR 'bye'"), read(out.toByteArray()));
    }

    @Test
    void headerBlockSplitAcrossContinuationsIsDecodedOnce() throws IOException {
        byte[] block = LiteralHpack.encode(":status", "200", "x-long", "v".repeat(100));
        BlockBuffer out = new BlockBuffer();
        FrameWriter.settings(out, new Settings());
        FrameWriter.headers(out, 3, true, block, 0, block.length, 30); // HEADERS + 4 CONTINUATIONs
        assertEquals(List.of("SETTINGS Settings{}", "HEADERS 3 END_STREAM [:status=200, x-long=" + "v".repeat(100) + "]"),
                read(out.toByteArray()));
    }

    @Test
    void paddedHeadersWithPriorityFields() throws IOException {
        byte[] block = LiteralHpack.encode(":status", "204");
        byte[] payload = concat(bytes(2), int32(0x80000000L | 0), bytes(15), block, bytes(0, 0));
        assertEquals(List.of("SETTINGS Settings{}", "HEADERS 1 END_STREAM [:status=204]"),
                read(emptySettings(), frame(TYPE_HEADERS, FLAG_END_STREAM | FLAG_END_HEADERS | FLAG_PADDED | FLAG_PRIORITY, 1, payload)));
    }

    @Test
    void emptyDataFramesAndPaddingOnlyFramesAreDelivered() throws IOException {
        assertEquals(List.of("SETTINGS Settings{}", "DATA 1 '' fc=0", "DATA 1 END_STREAM '' fc=3"),
                read(emptySettings(), frame(TYPE_DATA, 0, 1), frame(TYPE_DATA, FLAG_PADDED | FLAG_END_STREAM, 1, bytes(2, 0, 0))));
    }

    @Test
    void framesTricklingInOneOctetAtATimeAreReassembled() throws IOException {
        byte[] wire = concat(emptySettings(), frame(TYPE_DATA, 0, 1, bytes('a', 'b', 'c')), frame(TYPE_PING, 0, 0, new byte[8]));
        InputStream trickle = new ByteArrayInputStream(wire) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        assertEquals(List.of("SETTINGS Settings{}", "DATA 1 'abc' fc=3", "PING 0"),
                RecordingHandler.readAll(new FrameReader(trickle, new LiteralHpack.Decoder(1 << 16), 0)));
    }

    @Test
    void framesStraddlingTheEndOfTheBufferAreMovedToItsStart() throws IOException {
        byte[] big = new byte[10_000];
        Arrays.fill(big, (byte) 'z');
        BlockBuffer out = new BlockBuffer();
        FrameWriter.settings(out, new Settings());
        for (int i = 0; i < 10; i++) {
            FrameWriter.data(out, 1, false, big, 0, big.length);
        }
        FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()), new LiteralHpack.Decoder(1 << 16), 0);
        int[] total = {0};
        RecordingHandler counting = new RecordingHandler() {
            @Override
            public void data(int streamId, boolean endStream, byte[] buf, int offset, int length, int fc) {
                for (int i = offset; i < offset + length; i++) {
                    assertEquals('z', buf[i]);
                }
                total[0] += length;
            }
        };
        while (reader.nextFrame(counting)) {
            // read all
        }
        assertEquals(100_000, total[0]);
    }

    @Test
    void cleanEndOfStreamBetweenFramesIsNotAnError() throws IOException {
        FrameReader reader = reader(emptySettings());
        assertTrue(reader.nextFrame(new RecordingHandler()));
        assertFalse(reader.nextFrame(new RecordingHandler()));
    }

    @Test
    void endOfStreamInsideAFrameIsAnError() {
        byte[] truncated = Arrays.copyOf(frame(TYPE_DATA, 0, 1, bytes(1, 2, 3, 4)), 11);
        assertThrows(EOFException.class, () -> read(emptySettings(), truncated));
        assertThrows(EOFException.class, () -> read(emptySettings(), bytes(0, 0)));
    }

    // ---- §3.4, §4.1, §4.2, §5.5: preface, unknown types and flags, frame size ----

    @Test
    void serverPrefaceMustBeSettings() {
        ConnectionError ping = assertThrows(ConnectionError.class, () -> read(frame(TYPE_PING, 0, 0, new byte[8])));
        assertEquals(ErrorCode.PROTOCOL_ERROR, ping.errorCode());
        ConnectionError ack = assertThrows(ConnectionError.class, () -> read(frame(TYPE_SETTINGS, FLAG_ACK, 0)));
        assertEquals(ErrorCode.PROTOCOL_ERROR, ack.errorCode());
    }

    @Test
    void unknownTypesUnknownFlagsAndTheReservedBitAreIgnored() throws IOException {
        assertEquals(List.of("SETTINGS Settings{}", "PING 0", "DATA 1 'x' fc=1"), read(emptySettings(),
                frame(0xfa, 0xff, 0, bytes(1, 2, 3)),
                frame(TYPE_PING, 0xfe, 0x80000000, new byte[8]),
                frame(TYPE_DATA, 0xf6, 0x80000001, bytes('x'))));
    }

    @Test
    void frameLargerThanOurMaxFrameSizeIsFrameSizeError() {
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(16385, TYPE_DATA, 0, 1));
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(16385, 0xfa, 0, 0)); // even of an unknown type
    }

    @Test
    void raisedMaxFrameSizeAcceptsLargerFrames() throws IOException {
        FrameReader reader = reader(emptySettings(), frame(TYPE_DATA, 0, 1, new byte[20_000]));
        reader.setMaxFrameSize(1 << 15);
        RecordingHandler h = new RecordingHandler();
        while (reader.nextFrame(h)) {
            // read all
        }
        assertEquals(2, h.events.size());
    }

    // ---- §6.1 DATA ----

    @Test
    void dataOnStreamZeroIsProtocolError() {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_DATA, 0, 0, bytes(1)));
    }

    @Test
    void padLengthOfAtLeastThePayloadIsProtocolError() throws IOException {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_DATA, FLAG_PADDED, 1, bytes(3, 0, 0)));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_DATA, FLAG_PADDED, 1, bytes(255)));
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_DATA, FLAG_PADDED, 1));
        assertEquals(List.of("SETTINGS Settings{}", "DATA 1 '' fc=3"), read(emptySettings(), frame(TYPE_DATA, FLAG_PADDED, 1, bytes(2, 0, 0))));
    }

    // ---- §6.2 HEADERS, §4.3 HPACK, §6.10 CONTINUATION ----

    @Test
    void headersOnStreamZeroIsProtocolError() {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_HEADERS, FLAG_END_HEADERS, 0, LiteralHpack.encode("a", "b")));
    }

    @Test
    void paddingThatEatsThePriorityFieldsIsProtocolError() {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR,
                frame(TYPE_HEADERS, FLAG_END_HEADERS | FLAG_PADDED | FLAG_PRIORITY, 1, bytes(3, 0, 0, 0, 0, 0, 0)));
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_HEADERS, FLAG_END_HEADERS | FLAG_PRIORITY, 1, bytes(0, 0, 0)));
    }

    @Test
    void headersDependingOnTheirOwnStreamResetOnlyThatStream() throws IOException {
        byte[] payload = concat(int32(1), bytes(15), LiteralHpack.encode(":status", "200"));
        FrameReader reader = reader(emptySettings(), frame(TYPE_HEADERS, FLAG_END_HEADERS | FLAG_PRIORITY, 1, payload),
                frame(TYPE_PING, 0, 0, new byte[8]));
        RecordingHandler h = new RecordingHandler();
        reader.nextFrame(h);
        StreamError e = assertThrows(StreamError.class, () -> reader.nextFrame(h));
        assertEquals(1, e.streamId());
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
        assertTrue(reader.nextFrame(h));
        assertEquals(List.of("SETTINGS Settings{}", "PING 0"), h.events);
    }

    @Test
    void corruptHeaderBlockIsCompressionError() {
        ConnectionError e = assertConnectionError(ErrorCode.COMPRESSION_ERROR, frame(TYPE_HEADERS, FLAG_END_HEADERS, 1, bytes(0xff)));
        assertInstanceOf(HpackDecodingException.class, e.getCause());
    }

    @Test
    void headerListTooLargeResetsTheStreamAndReadingGoesOn() throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(concat(emptySettings(),
                frame(TYPE_HEADERS, FLAG_END_HEADERS, 1, LiteralHpack.encode("x-big", "v".repeat(200))),
                frame(TYPE_HEADERS, FLAG_END_HEADERS, 3, LiteralHpack.encode(":status", "200")))),
                new LiteralHpack.Decoder(100), 0);
        RecordingHandler h = new RecordingHandler();
        reader.nextFrame(h);
        StreamError e = assertThrows(StreamError.class, () -> reader.nextFrame(h));
        assertEquals(1, e.streamId());
        assertInstanceOf(HpackDecodingException.class, e.getCause());
        assertTrue(reader.nextFrame(h));
        assertEquals(List.of("SETTINGS Settings{}", "HEADERS 3 [:status=200]"), h.events);
    }

    @Test
    void continuationWithoutAHeaderBlockInProgressIsProtocolError() {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_CONTINUATION, FLAG_END_HEADERS, 1, LiteralHpack.encode("a", "b")));
    }

    @Test
    void continuationAfterEndHeadersIsProtocolError() {
        byte[] block = LiteralHpack.encode(":status", "200");
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_HEADERS, FLAG_END_HEADERS, 1, block),
                frame(TYPE_CONTINUATION, FLAG_END_HEADERS, 1));
    }

    @Test
    void continuationOnAnotherStreamIsProtocolError() {
        byte[] block = LiteralHpack.encode(":status", "200");
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_HEADERS, 0, 1, Arrays.copyOf(block, 3)),
                frame(TYPE_CONTINUATION, FLAG_END_HEADERS, 3, Arrays.copyOfRange(block, 3, block.length)));
    }

    @Test
    void framesInterleavedWithAHeaderBlockAreProtocolError() {
        byte[] block = LiteralHpack.encode(":status", "200");
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_HEADERS, 0, 1, Arrays.copyOf(block, 3)),
                frame(TYPE_PING, 0, 0, new byte[8]));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_HEADERS, 0, 1, Arrays.copyOf(block, 3)),
                frame(0xfa, 0, 1)); // not even unknown types may interleave
    }

    @Test
    void floodOfEmptyContinuationsEndsTheConnection() {
        byte[][] frames = new byte[FrameReader.MAX_CONTINUATIONS + 2][];
        frames[0] = frame(TYPE_HEADERS, 0, 1);
        for (int i = 1; i < frames.length; i++) {
            frames[i] = frame(TYPE_CONTINUATION, 0, 1);
        }
        assertConnectionError(ErrorCode.ENHANCE_YOUR_CALM, frames);
    }

    // ---- §6.3 PRIORITY ----

    @Test
    void priorityIsValidatedAndIgnored() throws IOException {
        assertEquals(List.of("SETTINGS Settings{}"), read(emptySettings(), frame(TYPE_PRIORITY, 0, 3, concat(int32(1), bytes(200)))));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_PRIORITY, 0, 0, concat(int32(1), bytes(200))));
    }

    @Test
    void priorityOfTheWrongLengthResetsOnlyItsStream() throws IOException {
        FrameReader reader = reader(emptySettings(), frame(TYPE_PRIORITY, 0, 3, bytes(0, 0, 0, 1)), frame(TYPE_PING, 0, 0, new byte[8]));
        RecordingHandler h = new RecordingHandler();
        reader.nextFrame(h);
        StreamError e = assertThrows(StreamError.class, () -> reader.nextFrame(h));
        assertEquals(3, e.streamId());
        assertEquals(ErrorCode.FRAME_SIZE_ERROR, e.errorCode());
        assertTrue(reader.nextFrame(h));
        assertEquals("PING 0", h.events.get(1));
    }

    // ---- §6.4 RST_STREAM ----

    @Test
    void rstStreamRules() throws IOException {
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_RST_STREAM, 0, 1, bytes(0, 0, 8)));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_RST_STREAM, 0, 0, int32(8)));
        assertEquals("RST_STREAM 1 INTERNAL_ERROR", read(emptySettings(), frame(TYPE_RST_STREAM, 0, 1, int32(0xdeadL))).get(1));
    }

    // ---- §6.5 SETTINGS ----

    @Test
    void settingsAckWithPayloadIsFrameSizeError() {
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_SETTINGS, FLAG_ACK, 0, setting(SETTINGS_ENABLE_PUSH, 0)));
    }

    @Test
    void settingsOnAStreamIsProtocolError() {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_SETTINGS, 0, 1));
    }

    @Test
    void settingsLengthNotAMultipleOfSixIsFrameSizeError() {
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_SETTINGS, 0, 0, bytes(0, 3, 0, 0, 0)));
    }

    @Test
    void settingsOutOfRange() {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, settingsFrame(SETTINGS_ENABLE_PUSH, 2));
        assertConnectionError(ErrorCode.FLOW_CONTROL_ERROR, settingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 1L << 31));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, settingsFrame(SETTINGS_MAX_FRAME_SIZE, 0));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, settingsFrame(SETTINGS_MAX_FRAME_SIZE, 16383));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, settingsFrame(SETTINGS_MAX_FRAME_SIZE, 1 << 24));
    }

    @Test
    void settingsAtTheEdgesOfTheirRangesAreAcceptedAndUnknownOnesDropped() throws IOException {
        byte[] payload = concat(setting(SETTINGS_MAX_FRAME_SIZE, (1 << 24) - 1), setting(SETTINGS_INITIAL_WINDOW_SIZE, (1L << 31) - 1),
                setting(SETTINGS_HEADER_TABLE_SIZE, 0xffffffffL), setting(SETTINGS_ENABLE_PUSH, 0), setting(0x99, 7));
        assertEquals(List.of("SETTINGS Settings{HEADER_TABLE_SIZE=2147483647, ENABLE_PUSH=0, INITIAL_WINDOW_SIZE=2147483647, "
                + "MAX_FRAME_SIZE=16777215}"), read(frame(TYPE_SETTINGS, 0, 0, payload)));
    }

    // ---- §6.6 PUSH_PROMISE, §6.7 PING, §6.8 GOAWAY, §6.9 WINDOW_UPDATE ----

    @Test
    void pushPromiseRules() {
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_PUSH_PROMISE, FLAG_END_HEADERS, 0, int32(2)));
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_PUSH_PROMISE, FLAG_END_HEADERS, 1, bytes(0, 0, 2)));
    }

    @Test
    void pingRules() {
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_PING, 0, 0, new byte[7]));
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_PING, FLAG_ACK, 0, new byte[9]));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_PING, 0, 1, new byte[8]));
    }

    @Test
    void goAwayRules() throws IOException {
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_GOAWAY, 0, 0, new byte[7]));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_GOAWAY, 0, 1, new byte[8]));
        assertEquals("GOAWAY 5 INTERNAL_ERROR ''", read(emptySettings(), frame(TYPE_GOAWAY, 0, 0, concat(int32(0x80000005L), int32(0xabcL)))).get(1));
    }

    @Test
    void windowUpdateRules() throws IOException {
        assertConnectionError(ErrorCode.FRAME_SIZE_ERROR, frame(TYPE_WINDOW_UPDATE, 0, 0, bytes(0, 0, 0, 1, 0)));
        assertConnectionError(ErrorCode.PROTOCOL_ERROR, frame(TYPE_WINDOW_UPDATE, 0, 0, int32(0)));
        FrameReader reader = reader(emptySettings(), frame(TYPE_WINDOW_UPDATE, 0, 5, int32(0)));
        reader.nextFrame(new RecordingHandler());
        StreamError e = assertThrows(StreamError.class, () -> reader.nextFrame(new RecordingHandler()));
        assertEquals(5, e.streamId());
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
        assertEquals("WINDOW_UPDATE 0 2147483647", read(emptySettings(), frame(TYPE_WINDOW_UPDATE, 0, 0, int32(0xffffffffL))).get(1));
    }

    // ---- helpers ----

    private static byte[] settingsFrame(int id, long value) {
        return frame(TYPE_SETTINGS, 0, 0, setting(id, value));
    }

    private static FrameReader reader(byte[]... frames) {
        return new FrameReader(new ByteArrayInputStream(concat(frames)), new LiteralHpack.Decoder(1 << 16), 0);
    }

    private static List<String> read(byte[]... frames) throws IOException {
        return RecordingHandler.readAll(reader(frames));
    }

    /** Reads an empty SETTINGS preface and then {@code frames}; the last of them must end the connection with {@code code}. */
    private static ConnectionError assertConnectionError(ErrorCode code, byte[]... frames) {
        byte[][] all = new byte[frames.length + 1][];
        all[0] = emptySettings();
        System.arraycopy(frames, 0, all, 1, frames.length);
        ConnectionError e = assertThrows(ConnectionError.class, () -> read(all));
        assertEquals(code, e.errorCode(), e.getMessage());
        return e;
    }
}
