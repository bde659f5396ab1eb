package hyper.impl.http2;

import static hyper.impl.http2.Frames.concat;
import static hyper.impl.http2.Frames.int32;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import hyper.api.ErrorCode;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A test-only HTTP/2 server endpoint on a loopback socket that does exactly what the test says: it writes the
 * frames it is told to (raw bytes included) and asserts the frames the client sends. Every read is bounded
 * by {@link #TIMEOUT_MS}, so a test that waits for a frame that never comes fails instead of hanging.
 *
 * <p>While waiting for a frame, {@code want*} methods skip the client's housekeeping frames (SETTINGS ACK,
 * WINDOW_UPDATE, PING ACK) unless that is the frame asked for; any other unexpected frame fails the test.
 */
final class ScriptedPeer implements AutoCloseable {
    static final int TIMEOUT_MS = 5_000;

    /** One frame as the client sent it. */
    record Frame(int type, int flags, int streamId, byte[] payload) {
        boolean has(int flag) {
            return (flags & flag) != 0;
        }

        ErrorCode errorCode() {
            int offset = type == TYPE_GOAWAY ? 4 : 0;
            return ErrorCode.of(readInt(payload, offset) & 0xffffffffL);
        }

        @Override
        public String toString() {
            return typeName(type) + "(stream " + streamId + ", flags 0x" + Integer.toHexString(flags) + ", "
                    + payload.length + " octets)";
        }
    }

    /** A decoded header block the client sent. */
    record Headers(int streamId, boolean endStream, List<String[]> fields, byte[] block) {
        String get(String name) {
            for (String[] f : fields) {
                if (f[0].equals(name)) {
                    return f[1];
                }
            }
            return null;
        }
    }

    private final ServerSocket server;
    private final HpackDecoder decoder = TestCodec.codec().newDecoder(HpackLimits.DEFAULT);
    private Socket socket;
    private DataInputStream in;
    private OutputStream out;
    private final List<Frame> skipped = new ArrayList<>();

    ScriptedPeer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSoTimeout(TIMEOUT_MS);
    }

    int port() {
        return server.getLocalPort();
    }

    // ================= connection setup =================

    /** Accepts the client and checks its preface: the magic octets, then a SETTINGS frame (§3.4). Returns that frame. */
    Frame acceptPreface() throws IOException {
        socket = server.accept();
        socket.setSoTimeout(TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] preface = new byte[CONNECTION_PREFACE.length];
        in.readFully(preface);
        assertArrayEquals(CONNECTION_PREFACE, preface, "client connection preface");
        Frame settings = readFrame();
        assertEquals(TYPE_SETTINGS, settings.type(), "the client preface continues with SETTINGS: " + settings);
        assertEquals(0, settings.flags() & FLAG_ACK, "the client's first SETTINGS is not an ACK");
        return settings;
    }

    /** Our SETTINGS (id, value pairs), then the ACK of the client's: the usual server preface. */
    void writeSettings(long... idsAndValues) throws IOException {
        writeSettingsFrame(idsAndValues);
        writeSettingsAck();
    }

    /** A SETTINGS frame alone (id, value pairs); the client should answer with an ACK. */
    void writeSettingsFrame(long... idsAndValues) throws IOException {
        byte[] payload = new byte[0];
        for (int i = 0; i < idsAndValues.length; i += 2) {
            payload = concat(payload, Frames.setting((int) idsAndValues[i], idsAndValues[i + 1]));
        }
        writeFrame(TYPE_SETTINGS, 0, 0, payload);
    }

    void writeSettingsAck() throws IOException {
        writeFrame(TYPE_SETTINGS, FLAG_ACK, 0);
    }

    // ================= frames to the client =================

    void writeHeaders(int streamId, String... namesAndValues) throws IOException {
        writeFrame(TYPE_HEADERS, FLAG_END_HEADERS, streamId, LiteralHpack.encode(namesAndValues));
    }

    void writeHeadersEndStream(int streamId, String... namesAndValues) throws IOException {
        writeFrame(TYPE_HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, streamId, LiteralHpack.encode(namesAndValues));
    }

    void writeData(int streamId, boolean endStream, String text) throws IOException {
        writeData(streamId, endStream, text.getBytes(StandardCharsets.UTF_8));
    }

    void writeData(int streamId, boolean endStream, byte[] data) throws IOException {
        writeFrame(TYPE_DATA, endStream ? FLAG_END_STREAM : 0, streamId, data);
    }

    /** A PUSH_PROMISE on {@code streamId} promising {@code promisedStreamId}, with these request fields. */
    void writePushPromise(int streamId, int promisedStreamId, String... namesAndValues) throws IOException {
        writeFrame(TYPE_PUSH_PROMISE, FLAG_END_HEADERS, streamId, concat(int32(promisedStreamId), LiteralHpack.encode(namesAndValues)));
    }

    void writeRstStream(int streamId, ErrorCode code) throws IOException {
        writeFrame(TYPE_RST_STREAM, 0, streamId, int32(code.code()));
    }

    void writeGoAway(int lastStreamId, ErrorCode code, String debug) throws IOException {
        writeFrame(TYPE_GOAWAY, 0, 0, concat(int32(lastStreamId), int32(code.code()), debug.getBytes(StandardCharsets.UTF_8)));
    }

    void writeWindowUpdate(int streamId, long increment) throws IOException {
        writeFrame(TYPE_WINDOW_UPDATE, 0, streamId, int32(increment));
    }

    void writePing(long payload) throws IOException {
        writeFrame(TYPE_PING, 0, 0, concat(int32(payload >>> 32), int32(payload)));
    }

    void writeFrame(int type, int flags, int streamId, byte... payload) throws IOException {
        writeRaw(Frames.frame(type, flags, streamId, payload));
    }

    /** Octets as given: malformed frames, partial frames, anything. */
    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    // ================= frames from the client =================

    /** The next HEADERS (+ CONTINUATION) block on {@code streamId}, decoded. */
    Headers wantHeaders(int streamId) throws IOException {
        Frame f = want(TYPE_HEADERS, streamId);
        List<String[]> fields = new ArrayList<>();
        byte[] block = f.payload();
        Frame last = f;
        while (!last.has(FLAG_END_HEADERS)) {
            last = readFrame();
            assertEquals(TYPE_CONTINUATION, last.type(), "a header block continues with CONTINUATION: " + last);
            assertEquals(streamId, last.streamId());
            block = concat(block, last.payload());
        }
        decoder.decode(block, 0, block.length, true, (n, v, s) -> fields.add(new String[] {
            new String(n, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)}));
        return new Headers(streamId, f.has(FLAG_END_STREAM), fields, block);
    }

    /** The next DATA frame on {@code streamId}. */
    Frame wantData(int streamId) throws IOException {
        return want(TYPE_DATA, streamId);
    }

    /** Reads DATA frames on {@code streamId} until END_STREAM; returns the body. */
    byte[] wantBody(int streamId) throws IOException {
        byte[] body = new byte[0];
        while (true) {
            Frame f = wantData(streamId);
            body = concat(body, f.payload());
            if (f.has(FLAG_END_STREAM)) {
                return body;
            }
        }
    }

    void wantRstStream(int streamId, ErrorCode code) throws IOException {
        Frame f = want(TYPE_RST_STREAM, streamId);
        assertEquals(code, f.errorCode(), "RST_STREAM error code on stream " + streamId);
    }

    /** The client's GOAWAY with {@code code}; returns its debug data as text. */
    String wantGoAway(ErrorCode code) throws IOException {
        Frame f = want(TYPE_GOAWAY, 0);
        assertEquals(code, f.errorCode(), "GOAWAY error code, debug data: "
                + new String(f.payload(), 8, f.payload().length - 8, StandardCharsets.UTF_8));
        return new String(f.payload(), 8, f.payload().length - 8, StandardCharsets.UTF_8);
    }

    /** The next WINDOW_UPDATE on {@code streamId}; returns its increment. */
    int wantWindowUpdate(int streamId) throws IOException {
        return readInt(want(TYPE_WINDOW_UPDATE, streamId).payload(), 0) & 0x7fffffff;
    }

    void wantSettingsAck() throws IOException {
        Frame f = want(TYPE_SETTINGS, 0);
        assertTrue(f.has(FLAG_ACK), "expected a SETTINGS ACK, got " + f);
        assertEquals(0, f.payload().length);
    }

    /** A PING from the client (not an ACK); returns its payload. */
    long wantPing() throws IOException {
        Frame f = want(TYPE_PING, 0);
        assertEquals(0, f.flags() & FLAG_ACK, "expected a PING, got its ACK");
        return readLong(f.payload());
    }

    /** The ACK of a PING we sent, with the same payload. */
    void wantPingAck(long payload) throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.type() == TYPE_PING && f.has(FLAG_ACK)) {
                assertEquals(payload, readLong(f.payload()), "PING ACK echoes the payload (§6.7)");
                return;
            }
            skipOrFail(f, "PING ACK");
        }
    }

    /**
     * A barrier: sends a PING and waits for its ACK. The client's reader handles frames in order, so everything
     * written before has been processed once this returns. Fails on any non-housekeeping frame in between.
     */
    void pingAndWantPong() throws IOException {
        long payload = ThreadLocalRandom.current().nextLong();
        writePing(payload);
        wantPingAck(payload);
    }

    /** The client closed the connection: end of stream within the timeout (frames before it are skipped if housekeeping). */
    void wantEof() throws IOException {
        while (true) {
            Frame f;
            try {
                f = readFrame();
            } catch (EOFException | SocketException e) {
                return;
            }
            skipOrFail(f, "end of stream");
        }
    }

    /** Frames skipped as housekeeping so far (SETTINGS ACK, WINDOW_UPDATE, PING ACK). */
    List<Frame> skipped() {
        return skipped;
    }

    /** The next frame of {@code type}, on whichever stream. */
    Frame wantAny(int type) throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.type() == type) {
                return f;
            }
            skipOrFail(f, typeName(type));
        }
    }

    Frame want(int type, int streamId) throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.type() == type) {
                assertEquals(streamId, f.streamId(), typeName(type) + " on the expected stream");
                return f;
            }
            skipOrFail(f, typeName(type) + " on stream " + streamId);
        }
    }

    private void skipOrFail(Frame f, String wanted) {
        boolean housekeeping = (f.type() == TYPE_SETTINGS && f.has(FLAG_ACK)) || f.type() == TYPE_WINDOW_UPDATE
                || (f.type() == TYPE_PING && f.has(FLAG_ACK));
        if (!housekeeping) {
            String detail = f.type() == TYPE_GOAWAY || f.type() == TYPE_RST_STREAM ? " code " + f.errorCode()
                    + (f.type() == TYPE_GOAWAY ? " debug '" + new String(f.payload(), 8, f.payload().length - 8, StandardCharsets.UTF_8) + "'" : "")
                    : "";
            fail("expected " + wanted + " but the client sent " + f + detail);
        }
        skipped.add(f);
    }

    /** The next frame, whatever it is. */
    Frame readFrame() throws IOException {
        byte[] header = new byte[FRAME_HEADER_LENGTH];
        try {
            in.readFully(header);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no frame from the client within " + TIMEOUT_MS + " ms", e);
        }
        int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | (header[2] & 0xff);
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(header[3] & 0xff, header[4] & 0xff, readInt(header, 5) & 0x7fffffff, payload);
    }

    /** Closes the peer's end of the connection (the client sees end of stream). */
    void closeConnection() throws IOException {
        socket.close();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
        server.close();
        decoder.close();
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }

    private static long readLong(byte[] b) {
        return (readInt(b, 0) & 0xffffffffL) << 32 | (readInt(b, 4) & 0xffffffffL);
    }
}
