package hyper.impl.http2;

import static hyper.impl.http2.Frames.bytes;
import static hyper.impl.http2.Frames.concat;
import static hyper.impl.http2.Frames.frame;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import hyper.api.ErrorCode;
import hyper.api.spi.BlockBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Exact octets of every frame the writer produces (RFC 9113 §4.1, §6). */
class FrameWriterTest {
    private final BlockBuffer out = new BlockBuffer();

    @Test
    void dataFrame() {
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        FrameWriter.data(out, 3, true, hello, 0, 5);
        assertArrayEquals(bytes(0, 0, 5, 0x0, 0x1, 0, 0, 0, 3, 'h', 'e', 'l', 'l', 'o'), out.toByteArray());
    }

    @Test
    void paddedDataFrameCountsPadLengthAndPadding() {
        FrameWriter.paddedData(out, 1, false, bytes('a', 'b'), 0, 2, 3);
        assertArrayEquals(bytes(0, 0, 6, 0x0, 0x8, 0, 0, 0, 1, 3, 'a', 'b', 0, 0, 0), out.toByteArray());
    }

    @Test
    void headersFitInOneFrameCarryEndHeaders() {
        FrameWriter.headers(out, 1, true, bytes(0x82, 0x86), 0, 2, 16384);
        assertArrayEquals(bytes(0, 0, 2, 0x1, 0x5, 0, 0, 0, 1, 0x82, 0x86), out.toByteArray());
    }

    @Test
    void headersSplitIntoContinuationsAtMaxFrameSize() {
        byte[] block = new byte[40];
        Arrays.fill(block, (byte) 7);
        FrameWriter.headers(out, 5, false, block, 0, 40, 16);
        byte[] sixteen = Arrays.copyOf(block, 16);
        byte[] expected = concat(
                frame(TYPE_HEADERS, 0, 5, sixteen),
                frame(TYPE_CONTINUATION, 0, 5, sixteen),
                frame(TYPE_CONTINUATION, FLAG_END_HEADERS, 5, Arrays.copyOf(block, 8)));
        assertArrayEquals(expected, out.toByteArray());
    }

    @Test
    void headersOfExactlyMaxFrameSizeNeedNoContinuation() {
        byte[] block = new byte[16];
        FrameWriter.headers(out, 1, false, block, 0, 16, 16);
        assertArrayEquals(frame(TYPE_HEADERS, FLAG_END_HEADERS, 1, block), out.toByteArray());
    }

    @Test
    void pushPromise() {
        FrameWriter.pushPromise(out, 1, 2, bytes(0x82), 0, 1, 16384);
        assertArrayEquals(bytes(0, 0, 5, 0x5, 0x4, 0, 0, 0, 1, 0, 0, 0, 2, 0x82), out.toByteArray());
    }

    @Test
    void priority() {
        FrameWriter.priority(out, 3, 1, 256, true);
        assertArrayEquals(bytes(0, 0, 5, 0x2, 0, 0, 0, 0, 3, 0x80, 0, 0, 1, 255), out.toByteArray());
    }

    @Test
    void rstStream() {
        FrameWriter.rstStream(out, 7, ErrorCode.CANCEL);
        assertArrayEquals(bytes(0, 0, 4, 0x3, 0, 0, 0, 0, 7, 0, 0, 0, 8), out.toByteArray());
    }

    @Test
    void settingsInIdentifierOrder() {
        Settings s = new Settings().set(SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20).set(SETTINGS_ENABLE_PUSH, 0);
        FrameWriter.settings(out, s);
        assertArrayEquals(bytes(0, 0, 12, 0x4, 0, 0, 0, 0, 0,
                0, 2, 0, 0, 0, 0,
                0, 4, 0, 0x10, 0, 0), out.toByteArray());
    }

    @Test
    void settingsAck() {
        FrameWriter.settingsAck(out);
        assertArrayEquals(bytes(0, 0, 0, 0x4, 0x1, 0, 0, 0, 0), out.toByteArray());
    }

    @Test
    void pingAndPingAck() {
        FrameWriter.ping(out, false, 0x0102030405060708L);
        FrameWriter.ping(out, true, -1L);
        assertArrayEquals(bytes(0, 0, 8, 0x6, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8,
                0, 0, 8, 0x6, 0x1, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255), out.toByteArray());
    }

    @Test
    void goAwayWithDebugData() {
        FrameWriter.goAway(out, 9, ErrorCode.ENHANCE_YOUR_CALM, bytes('x', 'y'));
        assertArrayEquals(bytes(0, 0, 10, 0x7, 0, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0xb, 'x', 'y'), out.toByteArray());
    }

    @Test
    void windowUpdate() {
        FrameWriter.windowUpdate(out, 0, Integer.MAX_VALUE);
        assertArrayEquals(bytes(0, 0, 4, 0x8, 0, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff), out.toByteArray());
    }

    @Test
    void frameHeaderMasksTheReservedBit() {
        FrameWriter.frameHeader(out, 0, TYPE_DATA, 0, -1);
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff), out.toByteArray());
    }
}
