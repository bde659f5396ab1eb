package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.HpackStories.Case;
import hyper.impl.hpack.HpackStories.Field;
import hyper.impl.hpack.HpackStories.Story;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance of an HPACK codec against the hpack-test-case stories, through the SPI only. Each codec's
 * tests extend this with their provider (the test-jar carries it to the nghttp2 codec's module, hence the
 * public test methods: package-private ones would not be inherited across packages).
 */
public abstract class HpackCodecContract {

    /** The codec under test. */
    protected abstract HpackCodecProvider provider();

    /** Every raw-data story at each table size the acceptance criteria name. */
    public static Stream<Arguments> rawDataAtTableSizes() {
        return HpackStories.rawData().flatMap(story ->
                Stream.of(0, 256, 4096, 16384).map(size -> Arguments.of(story, size)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hyper.impl.hpack.HpackStories#implementations")
    public void decodesEveryBlockOfTheStory(Story story) throws Exception {
        try (HpackDecoder decoder = provider().newDecoder(HpackLimits.DEFAULT)) {
            for (Case c : story.cases()) {
                if (c.headerTableSize() >= 0) {
                    decoder.setMaxTableSize(c.headerTableSize());
                }
                assertEquals(c.headers(), decodeBlock(decoder, c.wire()), story + " seqno " + c.seqno());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hyper.impl.hpack.HpackStories#implementations")
    public void decodesTheStoryFedInRandomFragments(Story story) throws Exception {
        Random random = new Random(story.toString().hashCode()); // seeded: a failure replays
        try (HpackDecoder decoder = provider().newDecoder(HpackLimits.DEFAULT)) {
            for (Case c : story.cases()) {
                if (c.headerTableSize() >= 0) {
                    decoder.setMaxTableSize(c.headerTableSize());
                }
                List<Integer> cuts = randomCuts(random, c.wire().length);
                CollectingListener listener = new CollectingListener();
                int from = 0;
                for (int i = 0; i < cuts.size(); i++) {
                    int to = cuts.get(i);
                    decoder.decode(c.wire(), from, to - from, i == cuts.size() - 1, listener);
                    from = to;
                }
                assertEquals(c.headers(), listener.fields, story + " seqno " + c.seqno() + " cut at " + cuts);
            }
        }
    }

    /** Fragment ends, ascending, the last one the block's end; some fragments are empty, some one octet. */
    private static List<Integer> randomCuts(Random random, int length) {
        List<Integer> cuts = new ArrayList<>();
        int pos = 0;
        while (pos < length) {
            int step = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1;
                default -> 1 + random.nextInt(Math.max(1, length / 3));
            };
            pos = Math.min(length, pos + step);
            cuts.add(pos);
        }
        if (cuts.isEmpty()) {
            cuts.add(0);
        }
        return cuts;
    }

    @ParameterizedTest(name = "{0} at table size {1}")
    @MethodSource("hyper.impl.hpack.HpackCodecContract#rawDataAtTableSizes")
    public void encodesThenDecodesTheSameListInOneContext(Story story, int tableSize) throws Exception {
        try (HpackEncoder encoder = provider().newEncoder(16384);
             HpackDecoder decoder = provider().newDecoder(HpackLimits.DEFAULT.withMaxTableSize(tableSize))) {
            encoder.setPeerMaxTableSize(tableSize);
            BlockBuffer out = new BlockBuffer();
            for (Case c : story.cases()) {
                out.reset();
                encoder.encode(FieldList.of(c.headers()), out);
                List<Field> decoded = decodeBlock(decoder, out.toByteArray());
                assertEquals(c.headers(), decoded, story + " block " + c.seqno());
                assertEquals(encoder.tableSize(), decoder.tableSize(), "table sizes drifted apart");
                assertEquals(encoder.tableEntries(), decoder.tableEntries(), "table entries drifted apart");
                assertTrue(encoder.tableSize() <= tableSize, "table exceeds " + tableSize + ": " + encoder.tableSize());
            }
        }
    }
}
