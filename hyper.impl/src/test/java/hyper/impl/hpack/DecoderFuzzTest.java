package hyper.impl.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import hyper.api.HpackDecodingException;
import hyper.api.spi.HeaderListener;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.HpackStories.Field;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the decoder: any input yields either fields within the limits or an {@link HpackDecodingException},
 * never another exception. Any other exception fails the run, which is how Jazzer reports a finding.
 *
 * <p>Under {@code mvn verify} (no {@code JAZZER_FUZZ}) Jazzer runs in regression mode: once with an empty
 * input, then once per file of the seed corpus in
 * {@code src/test/resources/hyper/impl/hpack/DecoderFuzzTestInputs/decode/}. To fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl hyper.impl -am test -Dtest=DecoderFuzzTest}.
 *
 * <p>The first input octet steers the run: bit 7 selects tight limits, bit 6 an acknowledged table size
 * of 256 (so the block must start with a size update), and bits 0-5 the fragment length (0: the block
 * arrives whole). The remaining octets are one header block.
 */
class DecoderFuzzTest {
    private static final String CORPUS = "DecoderFuzzTestInputs/decode";
    private static final HpackLimits TIGHT = new HpackLimits(4096, 400, 8, 64);
    private static final AtomicInteger RUNS = new AtomicInteger();

    @FuzzTest(maxDuration = "100s") // a live run stays under the 120 s test timeout
    void decode(byte[] data) {
        RUNS.incrementAndGet();
        int control = data.length == 0 ? 0 : data[0] & 0xff;
        HpackLimits limits = (control & 0x80) != 0 ? TIGHT : HpackLimits.DEFAULT;
        if ((control & 0x40) != 0) {
            limits = limits.withMaxTableSize(256);
        }
        int fragment = control & 0x3f;
        JavaHpackDecoder decoder = new JavaHpackDecoder(limits);
        Checker checker = new Checker(limits);
        int start = Math.min(1, data.length);
        try {
            if (fragment == 0) {
                decoder.decode(data, start, data.length - start, true, checker);
            } else {
                for (int pos = start; ; pos += fragment) {
                    int n = Math.min(fragment, data.length - pos);
                    boolean last = pos + n == data.length;
                    decoder.decode(data, pos, n, last, checker);
                    if (last) {
                        break;
                    }
                }
            }
        } catch (HpackDecodingException e) {
            if (e.isConnectionFatal()) {
                return;
            }
            // A non-fatal error leaves the decoder usable for the next block.
            assertEquals(List.of(new Field(":method", "GET")), HpackStories.decodeBlockUnchecked(decoder, 0x82));
        }
        assertTrue(decoder.tableSize() <= decoder.tableCapacity());
        assertTrue(decoder.tableCapacity() <= Math.max(4096, limits.maxTableSize()));
    }

    /** Fails the run if the decoder emits more than the limits allow. */
    private static final class Checker implements HeaderListener {
        private final HpackLimits limits;
        private long listSize;
        private int fields;

        Checker(HpackLimits limits) {
            this.limits = limits;
        }

        @Override
        public void onHeader(byte[] name, byte[] value, boolean neverIndexed) {
            fields++;
            listSize += name.length + value.length + 32L;
            assertTrue(fields <= limits.maxFields(), "more fields than the limit");
            assertTrue(listSize <= limits.maxHeaderListSize(), "header list over the limit");
            long longestDecoded = Huffman.maxDecodedLength(limits.maxStringLength());
            assertTrue(name.length <= longestDecoded && value.length <= longestDecoded, "string over the limit");
        }
    }

    /** The regression run really executed the seed corpus, not only the empty input. */
    @AfterAll
    static void everySeedRan() throws IOException, URISyntaxException {
        Path corpus = Path.of(DecoderFuzzTest.class.getResource(CORPUS).toURI());
        long seeds;
        try (Stream<Path> files = Files.list(corpus)) {
            seeds = files.filter(Files::isRegularFile).count();
        }
        assertTrue(seeds >= 20, "seed corpus has " + seeds + " inputs");
        assertTrue(RUNS.get() >= seeds, "ran " + RUNS.get() + " of " + seeds + " seeds");
    }
}
