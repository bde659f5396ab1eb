package hyper.hpack.nghttp2;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ErrorCode;
import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.CollectingListener;
import hyper.impl.hpack.HpackStories.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed-input rule and every limit, against both codecs through the SPI: the same block must
 * fail for the same {@link Reason}, and a broken limit must leave both decoders in step with the peer.
 */
class DecoderErrorsTest {
    private static final List<Field> GET = List.of(new Field(":method", "GET"));

    // RFC 7541 §5.1: integers

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void anIntegerAbove2To31Minus1IsAnOverflow(String codec) throws Exception {
        assertFatal(Reason.INTEGER_OVERFLOW, codec, HpackLimits.DEFAULT, "ffffffffff0f");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void anIntegerWithMoreThanFiveContinuationOctetsIsAnOverflow(String codec) throws Exception {
        assertFatal(Reason.INTEGER_OVERFLOW, codec, HpackLimits.DEFAULT, "ff808080808000");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void fiveContinuationOctetsAreStillAnInteger(String codec) throws Exception {
        // index 127 + 0 padded to five continuation octets: well-formed, but past both tables
        assertFatal(Reason.INVALID_INDEX, codec, HpackLimits.DEFAULT, "ff8080808000");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aStringLengthOf2To31Minus1IsRefusedWithoutAllocating(String codec) throws Exception {
        assertFatal(Reason.STRING_TOO_LONG, codec, HpackLimits.DEFAULT, "417f80ffffff07");
    }

    // RFC 7541 §2.3.3: indexes

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void indexZeroIsInvalid(String codec) throws Exception {
        assertFatal(Reason.INVALID_INDEX, codec, HpackLimits.DEFAULT, "80");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void anIndexPastTheDynamicTableIsInvalid(String codec) throws Exception {
        assertFatal(Reason.INVALID_INDEX, codec, HpackLimits.DEFAULT, "be");
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decodeBlock(decoder, hex("4003 6b65 7903 7661 6c")); // key: val, now index 62
            assertEquals(List.of(new Field("key", "val")), decodeBlock(decoder, hex("be")));
            assertEquals(Reason.INVALID_INDEX, failure(decoder, "bf").reason());
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aLiteralNamedByAnIndexPastTheTableIsInvalid(String codec) throws Exception {
        assertFatal(Reason.INVALID_INDEX, codec, HpackLimits.DEFAULT, "7e0161"); // name index 62
        assertFatal(Reason.INVALID_INDEX, codec, HpackLimits.DEFAULT, "0f300161"); // 15 + 48 = 63
    }

    // RFC 7541 §5.2: Huffman

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void huffmanWithEosIsInvalid(String codec) throws Exception {
        assertFatal(Reason.INVALID_HUFFMAN, codec, HpackLimits.DEFAULT, "4184ffffffff");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void huffmanPaddingOverSevenBitsIsInvalid(String codec) throws Exception {
        assertFatal(Reason.INVALID_HUFFMAN, codec, HpackLimits.DEFAULT, "41821fff");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void huffmanPaddingThatIsNotAllOnesIsInvalid(String codec) throws Exception {
        assertFatal(Reason.INVALID_HUFFMAN, codec, HpackLimits.DEFAULT, "418118");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void invalidHuffmanInANewNameIsInvalid(String codec) throws Exception {
        assertFatal(Reason.INVALID_HUFFMAN, codec, HpackLimits.DEFAULT, "0081ff00");
    }

    // RFC 7541 §4.2, §6.3: dynamic table size updates

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aSizeUpdateAboveTheAcknowledgedSettingIsRefused(String codec) throws Exception {
        assertFatal(Reason.TABLE_SIZE_UPDATE_TOO_LARGE, codec, HpackLimits.DEFAULT, "3fe21f82"); // 4097

        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT.withMaxTableSize(8192))) {
            assertEquals(GET, decodeBlock(decoder, hex("3fe21f82")));
            // the table now holds 4,097 octets: one entry of exactly that size fits
            decodeBlock(decoder, new BlockWriter().indexing("k", filler(4097 - 32 - 1)).toByteArray());
            assertEquals(1, decoder.tableEntries());
            assertEquals(4097, decoder.tableSize());
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aSizeUpdateAfterAFieldIsMisplaced(String codec) throws Exception {
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISPLACED, codec, HpackLimits.DEFAULT, "8220");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aSizeUpdateAfterAFieldInAnEarlierFragmentIsMisplaced(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decoder.decode(hex("82"), 0, 1, false, new CollectingListener());
            HpackDecodingException e = assertThrows(HpackDecodingException.class,
                    () -> decoder.decode(hex("20"), 0, 1, true, new CollectingListener()));
            assertEquals(Reason.TABLE_SIZE_UPDATE_MISPLACED, e.reason());
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void moreThanTwoSizeUpdatesAreMisplaced(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            assertEquals(GET, decodeBlock(decoder, hex("2020 82")));
        }
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISPLACED, codec, HpackLimits.DEFAULT, "202020 82");
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aLoweredSettingRequiresTheNextBlockToStartWithAnUpdate(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decoder.setMaxTableSize(100);
            assertEquals(Reason.TABLE_SIZE_UPDATE_MISSING, failure(decoder, "82").reason());
        }
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decoder.setMaxTableSize(100);
            assertEquals(Reason.TABLE_SIZE_UPDATE_MISSING, failure(decoder, "").reason(), "an empty block does not do");
        }
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decoder.setMaxTableSize(100);
            assertEquals(GET, decodeBlock(decoder, hex("3f45 82"))); // update to 100
            assertEquals(GET, decodeBlock(decoder, hex("82")), "required once only");
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aLoweredSettingShrinksTheTableOnlyWhenTheUpdateArrives(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decodeBlock(decoder, new BlockWriter().indexing("custom-key", "custom-value").toByteArray());
            decoder.setMaxTableSize(0);
            assertEquals(54, decoder.tableSize(), "§4.2: the peer's update, not our SETTINGS, evicts");
            assertEquals(GET, decodeBlock(decoder, hex("20 82")));
            assertEquals(0, decoder.tableSize());
            assertEquals(0, decoder.tableEntries());
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aSettingLoweredThenRaisedStillRequiresTheSmallestSizeFirst(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decoder.setMaxTableSize(100);
            decoder.setMaxTableSize(4096);
            assertEquals(Reason.TABLE_SIZE_UPDATE_MISSING, failure(decoder, "3fe11f 82").reason()); // straight to 4096
        }
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decoder.setMaxTableSize(100);
            decoder.setMaxTableSize(4096);
            assertEquals(GET, decodeBlock(decoder, hex("3f45 3fe11f 82")));
            decodeBlock(decoder, new BlockWriter().indexing("k", filler(4096 - 32 - 1)).toByteArray());
            assertEquals(4096, decoder.tableSize(), "back to 4,096 octets");
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void limitsBelowTheDefaultTableSizeRequireAnUpdateInTheFirstBlock(String codec) throws Exception {
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISSING, codec, HpackLimits.DEFAULT.withMaxTableSize(0), "82");
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT.withMaxTableSize(0))) {
            assertEquals(GET, decodeBlock(decoder, hex("20 82")));
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aRaisedSettingAllowsLargerUpdates(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            decoder.setMaxTableSize(65536);
            assertEquals(GET, decodeBlock(decoder, new BlockWriter().sizeUpdate(65536).indexed(2).toByteArray()));
            decodeBlock(decoder, new BlockWriter().indexing("k", filler(60000)).toByteArray());
            assertEquals(1, decoder.tableEntries());
            assertEquals(60000 + 1 + 32, decoder.tableSize());
        }
    }

    // The end of a block

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aBlockEndingInsideARepresentationIsTruncated(String codec) throws Exception {
        assertFatal(Reason.TRUNCATED_BLOCK, codec, HpackLimits.DEFAULT, "410f77"); // value cut
        assertFatal(Reason.TRUNCATED_BLOCK, codec, HpackLimits.DEFAULT, "ff"); // integer cut
        assertFatal(Reason.TRUNCATED_BLOCK, codec, HpackLimits.DEFAULT, "400a"); // name cut
        assertFatal(Reason.TRUNCATED_BLOCK, codec, HpackLimits.DEFAULT, "40"); // name length missing
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aFragmentMayEndInsideARepresentationWhenTheBlockGoesOn(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT)) {
            byte[] block = hex("410f 7777 772e 6578 616d 706c 652e 636f 6d 82");
            CollectingListener listener = new CollectingListener();
            decoder.decode(block, 0, 3, false, listener);
            assertEquals(List.of(), listener.fields, "nothing is emitted before the field is complete");
            decoder.decode(block, 3, block.length - 3, true, listener);
            assertEquals(List.of(new Field(":authority", "www.example.com"), new Field(":method", "GET")),
                    listener.fields);
        }
    }

    // Limits

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aStringOverTheLimitIsRefusedBeforeItsOctetsArrive(String codec) throws Exception {
        HpackLimits limits = new HpackLimits(4096, 64 * 1024, 100, 16);
        try (HpackDecoder decoder = decoder(codec, limits)) {
            HpackDecodingException e = assertThrows(HpackDecodingException.class,
                    () -> decoder.decode(hex("4011"), 0, 2, false, new CollectingListener()));
            assertEquals(Reason.STRING_TOO_LONG, e.reason());
            assertTrue(e.isConnectionFatal());
        }
        // on octets as sent: a Huffman value of 17 octets is refused whatever it decodes to
        assertFatal(Reason.STRING_TOO_LONG, codec, limits, "4191");
        try (HpackDecoder decoder = decoder(codec, limits)) {
            assertEquals(List.of(new Field(":authority", "aaaaaaaaaaaaaaaa")),
                    decodeBlock(decoder, hex("0110 6161616161616161 6161616161616161")));
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aHeaderListOverTheLimitFailsTheBlockButNotTheConnection(String codec) throws Exception {
        // :method GET (42) + :path / (38) = 80 octets fit in 100; custom-key: custom-value (54) does not
        byte[] block = new BlockWriter().indexed(2).indexed(4)
                .indexing("custom-key", "custom-value").indexing(":path", "/next").toByteArray();
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT.withMaxHeaderListSize(100))) {
            CollectingListener listener = new CollectingListener();

            HpackDecodingException e = assertThrows(HpackDecodingException.class,
                    () -> decoder.decode(block, 0, block.length, true, listener));

            assertEquals(Reason.HEADER_LIST_TOO_LARGE, e.reason());
            assertFalse(e.isConnectionFatal());
            assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode(), "a stream error, not COMPRESSION_ERROR");
            assertEquals(List.of(new Field(":method", "GET"), new Field(":path", "/")), listener.fields);
            assertEquals(2, decoder.tableEntries(), "the literals after the breach were still indexed");
            assertEquals(List.of(new Field(":path", "/next"), new Field("custom-key", "custom-value")),
                    decodeBlock(decoder, hex("be bf")));
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aRaisedHeaderListLimitAppliesToTheNextBlock(String codec) throws Exception {
        byte[] block = new BlockWriter().indexing("custom-key", "custom-value").toByteArray(); // 54 octets
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT.withMaxHeaderListSize(50))) {
            assertEquals(Reason.HEADER_LIST_TOO_LARGE, failure(decoder, block).reason());
            decoder.setMaxHeaderListSize(54);
            assertEquals(List.of(new Field("custom-key", "custom-value")), decodeBlock(decoder, block));
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void tooManyFieldsFailTheBlockButNotTheConnection(String codec) throws Exception {
        byte[] block = new BlockWriter().indexed(2).indexed(4).indexed(7)
                .indexing("custom-key", "custom-value").indexing("accept", "*/*").toByteArray();
        try (HpackDecoder decoder = decoder(codec, new HpackLimits(4096, 64 * 1024, 3, 64 * 1024))) {
            CollectingListener listener = new CollectingListener();

            HpackDecodingException e = assertThrows(HpackDecodingException.class,
                    () -> decoder.decode(block, 0, block.length, true, listener));

            assertEquals(Reason.TOO_MANY_FIELDS, e.reason());
            assertFalse(e.isConnectionFatal());
            assertEquals(3, listener.fields.size());
            assertEquals(List.of(new Field("accept", "*/*"), new Field("custom-key", "custom-value")),
                    decodeBlock(decoder, hex("be bf")));
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void aBrokenLimitIsReportedOnlyAtTheEndOfTheBlock(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, new HpackLimits(4096, 64 * 1024, 1, 64 * 1024))) {
            CollectingListener listener = new CollectingListener();
            decoder.decode(hex("8284"), 0, 2, false, listener); // the second field breaks the limit
            decoder.decode(hex("86"), 0, 1, false, listener);
            HpackDecodingException e = assertThrows(HpackDecodingException.class,
                    () -> decoder.decode(new byte[0], 0, 0, true, listener));
            assertEquals(Reason.TOO_MANY_FIELDS, e.reason());
            assertEquals(GET, listener.fields);
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void literalsAfterABreachAreConsumedAcrossFragments(String codec) throws Exception {
        byte[] block = new BlockWriter().indexed(2).indexed(4)
                .neverIndexed("x-secret", filler(3000)).indexing("custom-key", "custom-value").toByteArray();
        try (HpackDecoder decoder = decoder(codec, new HpackLimits(4096, 64 * 1024, 1, 64 * 1024))) {
            CollectingListener listener = new CollectingListener();
            int[] cuts = {1, 2, 5, 20, 1500, 2990, block.length - 3, block.length};
            int from = 0;
            HpackDecodingException e = null;
            for (int cut : cuts) {
                boolean end = cut == block.length;
                try {
                    decoder.decode(block, from, cut - from, end, listener);
                } catch (HpackDecodingException thrown) {
                    assertTrue(end, "thrown before the end of the block");
                    e = thrown;
                }
                from = cut;
            }
            assertEquals(Reason.TOO_MANY_FIELDS, e == null ? null : e.reason());
            assertEquals(GET, listener.fields);
            assertEquals(List.of(new Field("custom-key", "custom-value")), decodeBlock(decoder, hex("be")));
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void anIndexedLiteralTooLargeForTheTableEmptiesIt(String codec) throws Exception {
        try (HpackDecoder decoder = decoder(codec, HpackLimits.DEFAULT.withMaxHeaderListSize(100))) {
            decodeBlock(decoder, new BlockWriter().indexing("a", "b").toByteArray());
            assertEquals(1, decoder.tableEntries());
            byte[] block = new BlockWriter().indexing("big", filler(5000)).toByteArray();

            assertEquals(Reason.HEADER_LIST_TOO_LARGE, failure(decoder, block).reason());

            assertEquals(0, decoder.tableEntries(), "an entry larger than the table empties it (§4.4)");
            assertEquals(0, decoder.tableSize());
        }
    }

    // Helpers

    static HpackDecoder decoder(String codec, HpackLimits limits) {
        return Codecs.named(codec).newDecoder(limits);
    }

    /** '~' octets: sent raw by any encoder, so their size on the wire is their size decoded. */
    static byte[] filler(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) '~');
        return b;
    }

    private static void assertFatal(Reason reason, String codec, HpackLimits limits, String hex) throws Exception {
        try (HpackDecoder decoder = decoder(codec, limits)) {
            HpackDecodingException e = failure(decoder, hex);
            assertEquals(reason, e.reason(), e.getMessage());
            assertTrue(e.isConnectionFatal());
            assertEquals(ErrorCode.COMPRESSION_ERROR, e.errorCode());
        }
    }

    static HpackDecodingException failure(HpackDecoder decoder, String hex) {
        return failure(decoder, hex(hex));
    }

    static HpackDecodingException failure(HpackDecoder decoder, byte[] block) {
        return assertThrows(HpackDecodingException.class, () -> decodeBlock(decoder, block));
    }
}
