package hyper.hpack.nghttp2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.CollectingListener;
import hyper.impl.hpack.HpackStories;
import hyper.impl.hpack.HpackStories.Case;
import hyper.impl.hpack.HpackStories.Field;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The nghttp2 decoder against the pure-Java one on hostile input: hyper.impl's Jazzer seed corpus (from
 * its test-jar), seeded random mutations of real blocks, and random octets; {@link NativeDecoderFuzzTest}
 * runs the same check under Jazzer. Whatever the input, neither decoder may crash or throw anything but
 * {@link HpackDecodingException}, and both must decode the same fields and fail for the same reason.
 *
 * <p>Inputs use the corpus's convention: the first octet's bit 7 selects tight limits, bit 6 an
 * acknowledged table size of 256, bits 0-5 the fragment length (0: whole); the rest is one block.
 */
class DifferentialDecodingTest {
    private static final String SHARED_CORPUS = "/hyper/impl/hpack/DecoderFuzzTestInputs/decode";
    private static final HpackLimits TIGHT = new HpackLimits(4096, 400, 8, 64);

    static Stream<Arguments> sharedCorpus() throws IOException, URISyntaxException {
        URL url = HpackStories.class.getResource(SHARED_CORPUS);
        if (url == null) {
            throw new IllegalStateException(SHARED_CORPUS + " is not on the test class path (hyper-impl test-jar)");
        }
        URI uri = url.toURI();
        List<Arguments> seeds = new ArrayList<>();
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                readSeeds(jar.provider().getPath(uri), seeds);
            }
        } else {
            readSeeds(Path.of(uri), seeds);
        }
        assertTrue(seeds.size() >= 20, "shared corpus has only " + seeds.size() + " seeds");
        return seeds.stream();
    }

    private static void readSeeds(Path dir, List<Arguments> into) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                into.add(Arguments.of(f.getFileName().toString(), Files.readAllBytes(f)));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedCorpus")
    void everySeedOfTheSharedCorpus(String name, byte[] data) {
        Codecs.requireNativeBuilt();
        check(data);
    }

    @Test
    void seededMutationsOfRealBlocks() {
        Codecs.requireNativeBuilt();
        List<byte[]> blocks = new ArrayList<>();
        for (String folder : HpackStories.IMPLEMENTATIONS) {
            for (Case c : HpackStories.load(folder).get(0).cases()) {
                blocks.add(c.wire());
            }
        }
        Random random = new Random(20240607); // fixed: a failure replays
        for (int i = 0; i < 4000; i++) {
            byte[] block = blocks.get(random.nextInt(blocks.size()));
            byte[] input = new byte[block.length + 1];
            input[0] = (byte) random.nextInt(256);
            System.arraycopy(block, 0, input, 1, block.length);
            check(mutate(input, random));
        }
    }

    @Test
    void seededRandomOctets() {
        Codecs.requireNativeBuilt();
        Random random = new Random(77);
        for (int i = 0; i < 4000; i++) {
            byte[] input = new byte[random.nextInt(64)];
            random.nextBytes(input);
            check(input);
        }
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] out = input;
        for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
            int at = 1 + random.nextInt(Math.max(1, out.length - 1));
            switch (random.nextInt(4)) {
                case 0 -> { // flip an octet
                    if (at < out.length) {
                        out[at] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> out = Arrays.copyOf(out, Math.min(out.length, at)); // cut
                case 2 -> { // insert an octet
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, Math.min(at, out.length));
                    longer[Math.min(at, out.length)] = (byte) random.nextInt(256);
                    System.arraycopy(out, Math.min(at, out.length), longer, Math.min(at, out.length) + 1,
                            out.length - Math.min(at, out.length));
                    out = longer;
                }
                default -> { // duplicate a stretch: repeated representations
                    int len = Math.min(out.length - Math.min(at, out.length), 1 + random.nextInt(8));
                    byte[] longer = Arrays.copyOf(out, out.length + len);
                    System.arraycopy(out, Math.min(at, out.length), longer, out.length, len);
                    out = longer;
                }
            }
        }
        return out;
    }

    /** Runs both decoders on one input and compares what they did. */
    static void check(byte[] data) {
        Outcome java = run(Codecs.java(), data);
        Outcome nghttp2 = run(Codecs.nghttp2(), data);
        String input = HpackStories.hex(data);
        if (java.reason != nghttp2.reason && nghttp2.reason == Reason.INVALID_HUFFMAN
                && java.reason != null && !java.reason.isConnectionFatal()) {
            // Documented difference: after a broken limit, the Java decoder skips literals it will not
            // emit or index without decoding them, where nghttp2 decodes everything and finds the bad
            // Huffman. Both fail the block; only nghttp2's failure is fatal.
            assertEquals(java.fields, nghttp2.fields, input);
            return;
        }
        assertEquals(java.reason, nghttp2.reason, "reason for " + input + " (" + java.message + " / " + nghttp2.message + ")");
        assertEquals(java.fields, nghttp2.fields, "fields for " + input);
        assertEquals(java.neverIndexed, nghttp2.neverIndexed, "never-indexed flags for " + input);
        if (java.reason == null || !java.reason.isConnectionFatal()) {
            assertEquals(java.tableSize, nghttp2.tableSize, "table size after " + input);
            assertEquals(java.tableEntries, nghttp2.tableEntries, "table entries after " + input);
            assertEquals(List.of(new Field(":method", "GET")), nghttp2.next, "the block after " + input);
        }
    }

    private record Outcome(Reason reason, String message, List<Field> fields, List<Boolean> neverIndexed,
            int tableSize, int tableEntries, List<Field> next) {
    }

    private static Outcome run(HpackCodecProvider codec, byte[] data) {
        int control = data.length == 0 ? 0 : data[0] & 0xff;
        HpackLimits limits = (control & 0x80) != 0 ? TIGHT : HpackLimits.DEFAULT;
        if ((control & 0x40) != 0) {
            limits = limits.withMaxTableSize(256);
        }
        int fragment = control & 0x3f;
        int start = Math.min(1, data.length);
        CollectingListener listener = new CollectingListener();
        try (HpackDecoder decoder = codec.newDecoder(limits)) {
            Reason reason = null;
            String message = null;
            try {
                if (fragment == 0) {
                    decoder.decode(data, start, data.length - start, true, listener);
                } else {
                    for (int pos = start; ; pos += fragment) {
                        int n = Math.min(fragment, data.length - pos);
                        boolean last = pos + n == data.length;
                        decoder.decode(data, pos, n, last, listener);
                        if (last) {
                            break;
                        }
                    }
                }
            } catch (HpackDecodingException e) {
                reason = e.reason();
                message = e.getMessage();
            }
            List<Field> next = List.of();
            if (reason == null || !reason.isConnectionFatal()) {
                // the decoder must be in step and usable for the next block (RFC 9113 §10.5.1)
                next = HpackStories.decodeBlockUnchecked(decoder, 0x82);
            }
            return new Outcome(reason, message, listener.fields, listener.neverIndexed, decoder.tableSize(),
                    decoder.tableEntries(), next);
        }
    }
}
