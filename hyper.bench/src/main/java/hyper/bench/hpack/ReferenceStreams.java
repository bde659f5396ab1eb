package hyper.bench.hpack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The header blocks every decoder decodes, encoded once by one reference encoder, so all decoders read the
 * same octets. The reference is Netty's encoder configured to Huffman-code whenever that is shorter (as
 * browsers, nghttp2 and hyper do), with the shared {@link IndexingPolicy}: neutral, and close to what a
 * client actually receives. No decoder reads its own encoder's output, and none is favoured.
 *
 * <p>A warm decoder must hold exactly the table the reference encoder had when it produced the measured
 * octets, after every measured operation too. Encoding a sequence over and over does not always settle on
 * one table: with a 4,096-octet table some stories cycle (every 2, 6, even 120 passes). So the reference
 * encodes each sequence until its passes repeat with some period {@code q}, identically, for
 * {@value #STEADY_CYCLES} whole cycles. Identical passes insert identical entries, and that many cycles
 * (each entry costs at least 32 octets, RFC 7541 §4.1) replace every entry of the table, so the table at a
 * cycle boundary is then a fixed point: decoding the cycle's passes in turn, forever, stays valid.
 */
final class ReferenceStreams {
    /** Enough repeated cycles to replace every entry of a 4,096-octet table, plus margin. */
    static final int STEADY_CYCLES = Contender.TABLE_SIZE / 32 + 2;
    /** The longest cycle looked for; the raw-data stories need 120. */
    private static final int MAX_PERIOD = 250;
    private static final int MAX_PASSES = (STEADY_CYCLES + 2) * MAX_PERIOD;
    private static final Map<String, ReferenceStreams> CACHE = new ConcurrentHashMap<>();

    /** Per sequence: the first pass, from an empty table. */
    final List<byte[][]> coldPasses;
    /** Per sequence: the passes to decode, in order, to bring a decoder to the steady table. */
    final List<List<byte[][]>> warmUpPasses;
    /** Per sequence: the passes of the steady cycle, in the order they follow the warm-up passes. */
    final List<List<byte[][]>> steadyCycles;

    private ReferenceStreams(List<byte[][]> cold, List<List<byte[][]>> warmUp, List<List<byte[][]>> steady) {
        this.coldPasses = cold;
        this.warmUpPasses = warmUp;
        this.steadyCycles = steady;
    }

    /** The reference octets for input {@code name} (computed once per JVM). */
    static ReferenceStreams forInput(String name) {
        return CACHE.computeIfAbsent(name, n -> encode(Inputs.named(n)));
    }

    static ReferenceStreams encode(List<List<HeaderBlock>> sequences) {
        List<byte[][]> cold = new ArrayList<>();
        List<List<byte[][]>> warmUp = new ArrayList<>();
        List<List<byte[][]>> steady = new ArrayList<>();
        for (List<HeaderBlock> sequence : sequences) {
            Steady steadyPasses = passesUntilSteady(sequence);
            List<byte[][]> passes = steadyPasses.passes;
            int period = steadyPasses.period;
            cold.add(passes.get(0));
            warmUp.add(List.copyOf(passes));
            steady.add(List.copyOf(passes.subList(passes.size() - period, passes.size())));
        }
        return new ReferenceStreams(List.copyOf(cold), List.copyOf(warmUp), List.copyOf(steady));
    }

    /** Encodes {@code sequence} pass after pass until the passes have cycled {@value #STEADY_CYCLES} times. */
    private static Steady passesUntilSteady(List<HeaderBlock> sequence) {
        Contender reference = Contender.named("netty-huff");
        Object[] prepared = new Object[sequence.size()];
        for (int i = 0; i < prepared.length; i++) {
            prepared[i] = reference.prepare(sequence.get(i));
        }
        List<byte[][]> passes = new ArrayList<>();
        Map<Pass, byte[][]> distinct = new HashMap<>(); // repeated passes share one copy of their octets
        // runs[q]: how many passes in a row have equalled the pass q before them
        int[] runs = new int[MAX_PERIOD + 1];
        try (Contender.BlockEncoder encoder = reference.newEncoder()) {
            while (passes.size() < MAX_PASSES) {
                byte[][] pass = distinct.computeIfAbsent(new Pass(encodePass(encoder, prepared)), p -> p.octets);
                passes.add(pass);
                int n = passes.size() - 1;
                for (int q = 1; q <= MAX_PERIOD && q <= n; q++) {
                    runs[q] = passes.get(n - q) == pass ? runs[q] + 1 : 0;
                    if (runs[q] >= STEADY_CYCLES * q) {
                        return new Steady(passes, q);
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reference encoding failed", e);
        }
        throw new IllegalStateException("the reference encoder's passes over a " + sequence.size()
                + "-block sequence did not cycle within " + MAX_PASSES + " passes");
    }

    private static byte[][] encodePass(Contender.BlockEncoder encoder, Object[] prepared) throws Exception {
        byte[][] pass = new byte[prepared.length][];
        for (int i = 0; i < prepared.length; i++) {
            encoder.encode(prepared[i]);
            pass[i] = encoder.lastBlock();
        }
        return pass;
    }

    /** Every pass encoded, and the period {@code q} of the last {@value #STEADY_CYCLES} cycles. */
    private record Steady(List<byte[][]> passes, int period) {
    }

    /** One pass's octets as a map key, compared by content. */
    private record Pass(byte[][] octets) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Pass p && Arrays.deepEquals(octets, p.octets);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(octets);
        }
    }
}
