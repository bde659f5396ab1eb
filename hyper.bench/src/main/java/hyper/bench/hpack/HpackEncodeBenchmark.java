package hyper.bench.hpack;

import java.util.List;
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
 * HPACK encoding of one whole input per operation: every block of every sequence, each sequence in its own
 * compression context.
 *
 * <ul>
 *   <li>{@code cold}: a new encoder per sequence per operation, so the table starts empty and the cost of
 *       creating an encoder is included, as on a new connection;</li>
 *   <li>{@code warm}: one encoder per sequence for the whole run, whose table was filled by a pass over the
 *       same blocks during setup (and stays filled by every operation since).</li>
 * </ul>
 * Each implementation encodes from its own input form built in setup (Netty: {@code Http2Headers} of
 * {@code AsciiString}s; hyper: the SPI's {@code HeaderFields} view of octet arrays; Twitter: octet arrays).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class HpackEncodeBenchmark {

    /** Where the benchmark puts each encoded block: a Blackhole when measuring, a checker in the harness test. */
    interface EncodedSink {
        void encoded(int sequence, Contender.BlockEncoder encoder, int length);
    }

    @Param({"java", "netty-huff", "java-t512", "netty", "twitter"})
    public String codec;

    @Param({"stories", "small", "medium", "large"})
    public String input;

    @Param({"cold", "warm"})
    public String table;

    private Contender contender;
    private Object[][] prepared;
    private Contender.BlockEncoder[] warmEncoders;
    private EncodedSink sink;

    @Setup
    public void setUp(Blackhole blackhole) throws Exception {
        init((sequence, encoder, length) -> blackhole.consume(length));
    }

    /** Builds the inputs and, for a warm table, the encoders with their prior pass (sent to {@code sink} too). */
    void init(EncodedSink sink) throws Exception {
        this.sink = sink;
        contender = Contender.named(codec);
        List<List<HeaderBlock>> sequences = Inputs.named(input);
        prepared = new Object[sequences.size()][];
        for (int s = 0; s < prepared.length; s++) {
            List<HeaderBlock> blocks = sequences.get(s);
            prepared[s] = new Object[blocks.size()];
            for (int i = 0; i < blocks.size(); i++) {
                prepared[s][i] = contender.prepare(blocks.get(i));
            }
        }
        switch (table) {
            case "cold" -> warmEncoders = null;
            case "warm" -> {
                warmEncoders = new Contender.BlockEncoder[prepared.length];
                for (int s = 0; s < prepared.length; s++) {
                    warmEncoders[s] = contender.newEncoder();
                    encodeSequence(s, warmEncoders[s]);
                }
            }
            default -> throw new IllegalArgumentException("table must be cold or warm, not " + table);
        }
    }

    @Benchmark
    public void encode() throws Exception {
        for (int s = 0; s < prepared.length; s++) {
            if (warmEncoders != null) {
                encodeSequence(s, warmEncoders[s]);
            } else {
                try (Contender.BlockEncoder encoder = contender.newEncoder()) {
                    encodeSequence(s, encoder);
                }
            }
        }
    }

    private void encodeSequence(int s, Contender.BlockEncoder encoder) throws Exception {
        Object[] blocks = prepared[s];
        for (Object block : blocks) {
            sink.encoded(s, encoder, encoder.encode(block));
        }
    }

    @TearDown
    public void tearDown() {
        if (warmEncoders != null) {
            for (Contender.BlockEncoder e : warmEncoders) {
                e.close();
            }
        }
    }
}
