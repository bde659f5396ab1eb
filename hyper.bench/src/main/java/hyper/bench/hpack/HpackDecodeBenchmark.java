package hyper.bench.hpack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * HPACK decoding of one whole input per operation, from the same octets for every implementation
 * ({@link ReferenceStreams}): every block of every sequence, each sequence in its own decoding context.
 *
 * <ul>
 *   <li>{@code cold}: a new decoder per sequence per operation, decoding the reference encoder's first pass
 *       (from an empty table), creation cost included, as on a new connection;</li>
 *   <li>{@code warm}: one decoder per sequence for the whole run, brought in setup to the reference
 *       encoder's steady table; each operation decodes the next pass of the reference's steady cycle, so the
 *       decoder's table always matches the octets (a cycle is one pass for most inputs, up to 120 for one
 *       story; ops then differ slightly, and JMH averages over the cycle).</li>
 * </ul>
 * Decoded fields go to a Blackhole: hyper's and Twitter's one by one as octet arrays, Netty's as the
 * {@code Http2Headers} its decoder returns.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class HpackDecodeBenchmark {

    @Param({"java", "netty", "twitter"})
    public String codec;

    @Param({"stories", "small", "medium", "large"})
    public String input;

    @Param({"cold", "warm"})
    public String table;

    private Contender contender;
    /** Per sequence, per pass of its cycle, the contender's form of each block's octets. */
    private Object[][][] encoded;
    /** Per sequence, which pass of its cycle comes next. */
    private int[] next;
    private Contender.BlockDecoder[] warmDecoders;
    private FieldSink sink;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        init(new BlackholeSink(blackhole));
    }

    /** Prepares the reference octets and, for a warm table, the primed decoders (priming output goes to {@code sink}). */
    void init(FieldSink sink) throws Exception {
        this.sink = sink;
        contender = Contender.named(codec);
        ReferenceStreams reference = ReferenceStreams.forInput(input);
        boolean warm = switch (table) {
            case "cold" -> false;
            case "warm" -> true;
            default -> throw new IllegalArgumentException("table must be cold or warm, not " + table);
        };
        List<List<byte[][]>> cycles = new ArrayList<>();
        for (int s = 0; s < reference.coldPasses.size(); s++) {
            cycles.add(warm ? reference.steadyCycles.get(s) : List.<byte[][]>of(reference.coldPasses.get(s)));
        }
        encoded = new Object[cycles.size()][][];
        next = new int[cycles.size()];
        for (int s = 0; s < encoded.length; s++) {
            encoded[s] = new Object[cycles.get(s).size()][];
            for (int c = 0; c < encoded[s].length; c++) {
                byte[][] pass = cycles.get(s).get(c);
                encoded[s][c] = new Object[pass.length];
                for (int i = 0; i < pass.length; i++) {
                    encoded[s][c][i] = contender.prepareEncoded(pass[i]);
                }
            }
        }
        warmDecoders = null;
        if (warm) {
            warmDecoders = new Contender.BlockDecoder[encoded.length];
            for (int s = 0; s < encoded.length; s++) {
                warmDecoders[s] = contender.newDecoder(sink);
                for (byte[][] pass : reference.warmUpPasses.get(s)) {
                    for (byte[] block : pass) {
                        warmDecoders[s].decode(contender.prepareEncoded(block));
                    }
                }
            }
        }
    }

    @Benchmark
    public void decode() throws Exception {
        for (int s = 0; s < encoded.length; s++) {
            if (warmDecoders != null) {
                // the next pass of this sequence's steady cycle (most cycles are one pass long)
                Object[][] cycle = encoded[s];
                int c = next[s];
                next[s] = c + 1 == cycle.length ? 0 : c + 1;
                decodePass(cycle[c], warmDecoders[s]);
            } else {
                try (Contender.BlockDecoder decoder = contender.newDecoder(sink)) {
                    decodePass(encoded[s][0], decoder);
                }
            }
        }
    }

    private static void decodePass(Object[] blocks, Contender.BlockDecoder decoder) throws Exception {
        for (Object block : blocks) {
            decoder.decode(block);
        }
    }

    @TearDown
    public void tearDown() {
        if (warmDecoders != null) {
            for (Contender.BlockDecoder d : warmDecoders) {
                d.close();
            }
        }
    }

    /** Consumes every decoded field, so no decoder's work can be optimized away. */
    private static final class BlackholeSink implements FieldSink {
        private final Blackhole blackhole;

        BlackholeSink(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void field(byte[] name, byte[] value) {
            blackhole.consume(name);
            blackhole.consume(value);
        }

        @Override
        public void block(Iterable<Map.Entry<CharSequence, CharSequence>> headers) {
            blackhole.consume(headers);
        }
    }
}
