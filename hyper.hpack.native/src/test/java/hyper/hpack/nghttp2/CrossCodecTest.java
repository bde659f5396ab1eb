package hyper.hpack.nghttp2;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.FieldList;
import hyper.impl.hpack.HpackStories.Case;
import hyper.impl.hpack.HpackStories.Story;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One codec encodes, the other decodes, over every raw-data story of hpack-test-case and at several
 * table sizes: the two implementations must agree on the wire and keep their tables in step.
 */
class CrossCodecTest {

    @ParameterizedTest(name = "{0} at table size {1}")
    @MethodSource("hyper.impl.hpack.HpackCodecContract#rawDataAtTableSizes")
    void nghttp2EncoderFeedsTheJavaDecoder(Story story, int tableSize) throws Exception {
        roundTrip(Codecs.nghttp2(), Codecs.java(), story, tableSize);
    }

    @ParameterizedTest(name = "{0} at table size {1}")
    @MethodSource("hyper.impl.hpack.HpackCodecContract#rawDataAtTableSizes")
    void javaEncoderFeedsTheNghttp2Decoder(Story story, int tableSize) throws Exception {
        roundTrip(Codecs.java(), Codecs.nghttp2(), story, tableSize);
    }

    private static void roundTrip(HpackCodecProvider encoding, HpackCodecProvider decoding, Story story, int tableSize)
            throws Exception {
        try (HpackEncoder encoder = encoding.newEncoder(16384);
             HpackDecoder decoder = decoding.newDecoder(HpackLimits.DEFAULT.withMaxTableSize(tableSize))) {
            encoder.setPeerMaxTableSize(tableSize);
            BlockBuffer out = new BlockBuffer();
            for (Case c : story.cases()) {
                out.reset();
                encoder.encode(FieldList.of(c.headers()), out);
                assertEquals(c.headers(), decodeBlock(decoder, out.toByteArray()), story + " block " + c.seqno());
                assertEquals(encoder.tableSize(), decoder.tableSize(), "table sizes drifted apart");
                assertEquals(encoder.tableEntries(), decoder.tableEntries(), "table entries drifted apart");
            }
        }
    }
}
