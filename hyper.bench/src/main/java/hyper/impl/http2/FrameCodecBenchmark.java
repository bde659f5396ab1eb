package hyper.impl.http2;

import hyper.api.ErrorCode;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderFields;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.JavaHpackCodecProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The HTTP/2 frame codec ({@link FrameWriter}, {@link FrameReader}): encoding and decoding HEADERS, DATA and
 * SETTINGS. This class sits in the engine's package (a split package on the class path, where hyper.bench runs)
 * because the codec is package-private. Decoding HEADERS includes HPACK-decoding a typical response block whose
 * fields are all in the decoder's tables, as they are on a busy connection; encoding HEADERS frames a block that is
 * already HPACK-encoded.
 *
 * <pre>
 *   java -cp ... org.openjdk.jmh.Main FrameCodecBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
    /** Frames per pre-encoded buffer that the reader cycles through. */
    private static final int FRAMES = 256;

    private BlockBuffer out;
    private byte[] block;      // an HPACK block of a typical response, every field a table hit
    private Settings settings;

    private FrameReader headersReader;
    private FrameReader settingsReader;
    private final CountingHandler handler = new CountingHandler();

    /** DATA frames of {@code dataLength} octets: a small body, and a full default-sized frame. */
    @State(Scope.Thread)
    public static class Data {
        @Param({"1024", "16384"})
        public int dataLength;

        BlockBuffer out;
        byte[] payload;
        FrameReader reader;
        final CountingHandler handler = new CountingHandler();

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            out = new BlockBuffer(64 * 1024);
            payload = new byte[dataLength];
            new Random(1).nextBytes(payload);
            BlockBuffer primer = new BlockBuffer();
            FrameWriter.settings(primer, new Settings());
            BlockBuffer frames = new BlockBuffer();
            for (int i = 0; i < FRAMES; i++) {
                FrameWriter.data(frames, 1, false, payload, 0, payload.length);
            }
            reader = new FrameReader(new Cycle(primer, frames), new JavaHpackCodecProvider().newDecoder(HpackLimits.DEFAULT), 64 * 1024);
            reader.nextFrame(handler);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        out = new BlockBuffer(64 * 1024);
        settings = new Settings().set(Http2.SETTINGS_HEADER_TABLE_SIZE, 4096).set(Http2.SETTINGS_MAX_CONCURRENT_STREAMS, 100)
                .set(Http2.SETTINGS_INITIAL_WINDOW_SIZE, 65535).set(Http2.SETTINGS_MAX_FRAME_SIZE, 16384);

        JavaHpackCodecProvider hpack = new JavaHpackCodecProvider();
        HpackEncoder encoder = hpack.newEncoder(4096);
        HpackDecoder decoder = hpack.newDecoder(HpackLimits.DEFAULT);
        Fields response = new Fields(":status", "200", "server", "h2o/2.2.6", "date", "Tue, 25 Nov 2026 10:00:00 GMT",
                "content-type", "application/octet-stream", "last-modified", "Tue, 25 Nov 2026 09:00:00 GMT",
                "etag", "\"6925d0a0-400\"", "accept-ranges", "bytes", "content-length", "1024");
        BlockBuffer first = new BlockBuffer();
        encoder.encode(response, first); // inserts the fields into both tables...
        BlockBuffer second = new BlockBuffer();
        encoder.encode(response, second); // ...so this block is all index references
        block = java.util.Arrays.copyOf(second.array(), second.length());

        BlockBuffer primer = new BlockBuffer();
        FrameWriter.settings(primer, new Settings());
        FrameWriter.headers(primer, 1, false, first.array(), 0, first.length(), 16384);
        BlockBuffer headers = new BlockBuffer();
        BlockBuffer settingsFrames = new BlockBuffer();
        for (int i = 0; i < FRAMES; i++) {
            FrameWriter.headers(headers, 3 + 2 * i, false, block, 0, block.length, 16384);
            FrameWriter.settings(settingsFrames, settings);
        }
        headersReader = reader(primer, headers, decoder);
        settingsReader = reader(primer, settingsFrames, hpack.newDecoder(HpackLimits.DEFAULT));
    }

    /** A reader past the preface (SETTINGS, and the first block that fills the HPACK table), cycling over {@code frames}. */
    private FrameReader reader(BlockBuffer primer, BlockBuffer frames, HpackDecoder decoder) throws IOException {
        FrameReader r = new FrameReader(new Cycle(primer, frames), decoder, 64 * 1024);
        r.nextFrame(handler);
        r.nextFrame(handler);
        return r;
    }

    @Benchmark
    public int writeHeaders() {
        out.reset();
        FrameWriter.headers(out, 1, true, block, 0, block.length, 16384);
        return out.length();
    }

    @Benchmark
    public int writeData(Data d) {
        d.out.reset();
        FrameWriter.data(d.out, 1, false, d.payload, 0, d.payload.length);
        return d.out.length();
    }

    @Benchmark
    public int writeSettings() {
        out.reset();
        FrameWriter.settings(out, settings);
        return out.length();
    }

    @Benchmark
    public void readHeaders(Blackhole bh) throws IOException {
        headersReader.nextFrame(handler);
        bh.consume(handler.fields);
    }

    @Benchmark
    public void readData(Data d, Blackhole bh) throws IOException {
        d.reader.nextFrame(d.handler);
        bh.consume(d.handler.octets);
    }

    @Benchmark
    public void readSettings(Blackhole bh) throws IOException {
        settingsReader.nextFrame(handler);
        bh.consume(handler.settings);
    }

    /** The header fields to encode, as the HPACK encoder takes them. */
    private static final class Fields implements HeaderFields {
        private final byte[][] names;
        private final byte[][] values;

        Fields(String... namesAndValues) {
            names = new byte[namesAndValues.length / 2][];
            values = new byte[names.length][];
            for (int i = 0; i < names.length; i++) {
                names[i] = namesAndValues[2 * i].getBytes(StandardCharsets.US_ASCII);
                values[i] = namesAndValues[2 * i + 1].getBytes(StandardCharsets.US_ASCII);
            }
        }

        @Override
        public int size() {
            return names.length;
        }

        @Override
        public byte[] name(int i) {
            return names[i];
        }

        @Override
        public byte[] value(int i) {
            return values[i];
        }

        @Override
        public boolean sensitive(int i) {
            return false;
        }
    }

    /** The primer once, then {@code frames} over and over: an endless connection. */
    private static final class Cycle extends InputStream {
        private final byte[] primer;
        private final byte[] frames;
        private int primerPos;
        private int pos;

        Cycle(BlockBuffer primer, BlockBuffer frames) {
            this.primer = java.util.Arrays.copyOf(primer.array(), primer.length());
            this.frames = java.util.Arrays.copyOf(frames.array(), frames.length());
        }

        @Override
        public int read() {
            throw new IllegalStateException("the reader reads in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (primerPos < primer.length) {
                int n = Math.min(len, primer.length - primerPos);
                System.arraycopy(primer, primerPos, b, off, n);
                primerPos += n;
                return n;
            }
            int n = Math.min(len, frames.length - pos);
            System.arraycopy(frames, pos, b, off, n);
            pos = (pos + n) % frames.length;
            return n;
        }
    }

    /** Takes each frame and keeps a little of it, so nothing is optimized away. */
    private static final class CountingHandler implements FrameReader.Handler {
        int fields;
        long octets;
        int settings;

        @Override
        public void data(int streamId, boolean endStream, byte[] buf, int offset, int length, int flowControlled) {
            octets += length + buf[offset];
        }

        @Override
        public void headers(int streamId, boolean endStream, HeaderBlock block) {
            fields += block.size();
        }

        @Override
        public void rstStream(int streamId, ErrorCode code) {
        }

        @Override
        public void settings(Settings s) {
            settings += s.size();
        }

        @Override
        public void settingsAck() {
        }

        @Override
        public void pushPromise(int streamId, int promisedStreamId, HeaderBlock block) {
        }

        @Override
        public void pushPromiseUndecodable(int streamId, int promisedStreamId, StreamError error) {
        }

        @Override
        public void ping(boolean ack, long payload) {
        }

        @Override
        public void goAway(int lastStreamId, ErrorCode code, byte[] debugData) {
        }

        @Override
        public void windowUpdate(int streamId, int increment) {
        }
    }
}
