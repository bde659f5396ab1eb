package hyper.bench.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks that the benchmarks measure real work: the exact code each {@code @Benchmark} method runs, for every
 * implementation, input and table state, turns the input into blocks that decode back to the input, or
 * decodes the reference octets back to the input. A broken adapter, a decoder fed the wrong table, or a
 * silently truncating limit fails here instead of yielding a fast, meaningless number.
 */
class HarnessRoundTripTest {
    private static final List<String> ENCODERS = List.of("java", "netty-huff", "java-t512", "netty", "twitter");
    private static final List<String> DECODERS = List.of("java", "netty", "twitter");

    static Stream<Arguments> encodeCases() {
        return cases(ENCODERS);
    }

    static Stream<Arguments> decodeCases() {
        return cases(DECODERS);
    }

    private static Stream<Arguments> cases(List<String> codecs) {
        List<Arguments> all = new ArrayList<>();
        for (String codec : codecs) {
            for (String input : Inputs.NAMES) {
                for (String table : List.of("cold", "warm")) {
                    all.add(Arguments.of(codec, input, table));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "encode {0} {1} {2}")
    @MethodSource("encodeCases")
    void everyEncodedBlockDecodesBackToItsInput(String codec, String input, String table) throws Exception {
        HpackEncodeBenchmark benchmark = new HpackEncodeBenchmark();
        benchmark.codec = codec;
        benchmark.input = input;
        benchmark.table = table;
        List<List<HeaderBlock>> sequences = Inputs.named(input);
        RoundTripChecker checker = new RoundTripChecker(codec, sequences, table.equals("cold"));

        benchmark.init(checker);
        benchmark.encode();
        benchmark.encode();
        benchmark.tearDown();

        int passes = table.equals("warm") ? 3 : 2; // a warm table had one pass in setup
        assertEquals(passes * Inputs.blockCount(sequences), checker.blocksChecked());
    }

    /**
     * Like for like: on the size sets (no field there is one hyper's indexing policy treats differently),
     * hyper with the 512-octet Huffman minimum writes exactly Netty's default octets, and hyper's default
     * exactly Netty's with Huffman whenever shorter.
     */
    @ParameterizedTest(name = "{0} writes what {1} does on {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "java-t512, netty, small", "java-t512, netty, medium", "java-t512, netty, large",
        "java, netty-huff, small", "java, netty-huff, medium", "java, netty-huff, large"})
    void hyperSettingsWriteTheOctetsOfTheMatchingNettySetting(String hyper, String netty, String input) throws Exception {
        Contender ours = Contender.named(hyper);
        Contender theirs = Contender.named(netty);
        for (List<HeaderBlock> sequence : Inputs.named(input)) {
            try (Contender.BlockEncoder a = ours.newEncoder(); Contender.BlockEncoder b = theirs.newEncoder()) {
                for (int pass = 0; pass < 2; pass++) { // a cold table, then a warm one
                    for (HeaderBlock block : sequence) {
                        a.encode(ours.prepare(block));
                        b.encode(theirs.prepare(block));
                        assertEquals(java.util.HexFormat.of().formatHex(b.lastBlock()),
                                java.util.HexFormat.of().formatHex(a.lastBlock()), input + " pass " + pass);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "decode {0} {1} {2}")
    @MethodSource("decodeCases")
    void everyOperationDecodesTheReferenceOctetsToTheInput(String codec, String input, String table) throws Exception {
        HpackDecodeBenchmark benchmark = new HpackDecodeBenchmark();
        benchmark.codec = codec;
        benchmark.input = input;
        benchmark.table = table;
        CollectingSink sink = new CollectingSink();
        List<String> expected = new ArrayList<>();
        for (List<HeaderBlock> sequence : Inputs.named(input)) {
            expected.addAll(CollectingSink.expected(sequence));
        }

        sink.discard(true); // a warm benchmark primes its decoders with thousands of passes
        benchmark.init(sink);
        sink.discard(false);
        // enough operations for every warm sequence to go round its whole steady cycle and start again
        int operations = 2;
        for (List<byte[][]> cycle : ReferenceStreams.forInput(input).steadyCycles) {
            operations = Math.max(operations, cycle.size() + 1);
        }
        for (int op = 0; op < operations; op++) {
            benchmark.decode();
            CollectingSink.assertSameFields(expected, sink.take(), "operation " + op);
        }
        benchmark.tearDown();
    }

    @org.junit.jupiter.api.Test
    void theSizeSetsHaveTheAgreedShape() {
        assertShape(Inputs.named("small"), 5, 20, 40);
        assertShape(Inputs.named("medium"), 20, 40, 80);
        assertShape(Inputs.named("large"), 100, 100, 300);
        assertEquals(Inputs.named("small"), Inputs.named("small"), "seeded, so the same every time");
    }

    @org.junit.jupiter.api.Test
    void theStoriesAreAllRawDataStoriesWithPseudoHeadersFirst() {
        List<List<HeaderBlock>> stories = Inputs.named(Inputs.STORIES);
        assertEquals(32, stories.size());
        assertEquals(3384, Inputs.blockCount(stories));
        int fields = 0;
        for (List<HeaderBlock> story : stories) {
            for (HeaderBlock block : story) {
                fields += block.size();
                boolean regularSeen = false;
                for (int i = 0; i < block.size(); i++) {
                    boolean pseudo = block.name(i)[0] == ':';
                    assertFalse(pseudo && regularSeen, "pseudo-header after a regular one in " + block);
                    regularSeen |= !pseudo;
                }
            }
        }
        assertEquals(39359, fields);
    }

    @org.junit.jupiter.api.Test
    void theReferenceStreamsCycleForEveryStory() {
        ReferenceStreams reference = ReferenceStreams.forInput(Inputs.STORIES);
        assertEquals(32, reference.steadyCycles.size());
        for (int s = 0; s < 32; s++) {
            List<byte[][]> warmUp = reference.warmUpPasses.get(s);
            List<byte[][]> cycle = reference.steadyCycles.get(s);
            assertTrue(warmUp.size() >= ReferenceStreams.STEADY_CYCLES * cycle.size(), "story " + s);
            assertTrue(warmUp.get(warmUp.size() - cycle.size()) == cycle.get(0), "story " + s);
        }
    }

    private static void assertShape(List<List<HeaderBlock>> input, int fields, int nameLength, int valueLength) {
        assertEquals(1, input.size());
        assertEquals(1, input.get(0).size());
        HeaderBlock block = input.get(0).get(0);
        assertEquals(fields, block.size());
        for (int i = 0; i < fields; i++) {
            assertEquals(nameLength, block.name(i).length);
            assertEquals(valueLength, block.value(i).length);
            for (byte b : block.value(i)) {
                assertTrue(b >= 'a' && b <= 'z');
            }
        }
    }
}
