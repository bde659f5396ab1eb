package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ErrorCode;
import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.HpackStories.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each malformed-input rule of the decoder, and how a broken limit leaves the connection usable. */
class DecoderErrorsTest {

    // RFC 7541 §5.1: integers

    @Test
    void anIntegerAbove2To31Minus1IsAnOverflow() {
        assertFatal(Reason.INTEGER_OVERFLOW, new JavaHpackDecoder(HpackLimits.DEFAULT), "ffffffffff0f");
    }

    @Test
    void anIntegerWithMoreThanFiveContinuationOctetsIsAnOverflow() {
        assertFatal(Reason.INTEGER_OVERFLOW, new JavaHpackDecoder(HpackLimits.DEFAULT), "ff808080808000");
    }

    @Test
    void aStringLengthOf2To31Minus1IsRefusedWithoutAllocating() {
        // literal with indexed name :authority, raw value of 2^31-1 octets of which none follow
        assertFatal(Reason.STRING_TOO_LONG, new JavaHpackDecoder(HpackLimits.DEFAULT), "417f80ffffff07");
    }

    // RFC 7541 §2.3.3: indexes

    @Test
    void indexZeroIsInvalid() {
        assertFatal(Reason.INVALID_INDEX, new JavaHpackDecoder(HpackLimits.DEFAULT), "80");
    }

    @Test
    void anIndexPastTheDynamicTableIsInvalid() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        assertFatal(Reason.INVALID_INDEX, decoder, "be");

        decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decodeBlock(decoder, hex("4003 6b65 7903 7661 6c")); // key: val, indexed as 62
        assertEquals(List.of(new Field("key", "val")), decodeBlock(decoder, hex("be")));
        assertFatal(Reason.INVALID_INDEX, decoder, "bf");
    }

    @Test
    void aLiteralNamedByAnIndexPastTheTableIsInvalid() {
        assertFatal(Reason.INVALID_INDEX, new JavaHpackDecoder(HpackLimits.DEFAULT), "7e0161"); // name index 62
        assertFatal(Reason.INVALID_INDEX, new JavaHpackDecoder(HpackLimits.DEFAULT), "0f300161"); // 15 + 48 = 63
    }

    // RFC 7541 §5.2: Huffman

    @Test
    void huffmanWithEosIsInvalid() {
        assertFatal(Reason.INVALID_HUFFMAN, new JavaHpackDecoder(HpackLimits.DEFAULT), "4184ffffffff");
    }

    @Test
    void huffmanPaddingOverSevenBitsIsInvalid() {
        assertFatal(Reason.INVALID_HUFFMAN, new JavaHpackDecoder(HpackLimits.DEFAULT), "41821fff");
    }

    @Test
    void huffmanPaddingThatIsNotAllOnesIsInvalid() {
        assertFatal(Reason.INVALID_HUFFMAN, new JavaHpackDecoder(HpackLimits.DEFAULT), "418118");
    }

    // RFC 7541 §4.2, §6.3: dynamic table size updates

    @Test
    void aSizeUpdateAboveTheAcknowledgedSettingIsRefused() throws Exception {
        assertFatal(Reason.TABLE_SIZE_UPDATE_TOO_LARGE, new JavaHpackDecoder(HpackLimits.DEFAULT), "3fe21f82"); // 4097

        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT.withMaxTableSize(8192));
        assertEquals(List.of(new Field(":method", "GET")), decodeBlock(decoder, hex("3fe21f82")));
        assertEquals(4097, decoder.tableCapacity());
    }

    @Test
    void aSizeUpdateAfterAFieldIsMisplaced() {
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISPLACED, new JavaHpackDecoder(HpackLimits.DEFAULT), "8220");
    }

    @Test
    void aSizeUpdateAfterAFieldInAnEarlierFragmentIsMisplaced() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decoder.decode(hex("82"), 0, 1, false, new CollectingListener());
        HpackDecodingException e = assertThrows(HpackDecodingException.class,
                () -> decoder.decode(hex("20"), 0, 1, true, new CollectingListener()));
        assertEquals(Reason.TABLE_SIZE_UPDATE_MISPLACED, e.reason());
    }

    @Test
    void moreThanTwoSizeUpdatesAreMisplaced() throws Exception {
        assertEquals(List.of(new Field(":method", "GET")),
                decodeBlock(new JavaHpackDecoder(HpackLimits.DEFAULT), hex("2020 82")));
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISPLACED, new JavaHpackDecoder(HpackLimits.DEFAULT), "202020 82");
    }

    @Test
    void aLoweredSettingRequiresTheNextBlockToStartWithAnUpdate() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decoder.setMaxTableSize(100);
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISSING, decoder, "82");

        decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decoder.setMaxTableSize(100);
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISSING, decoder, ""); // an empty block does not do either

        decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decoder.setMaxTableSize(100);
        assertEquals(List.of(new Field(":method", "GET")), decodeBlock(decoder, hex("3f45 82"))); // update to 100
        assertEquals(List.of(new Field(":method", "GET")), decodeBlock(decoder, hex("82")), "required once only");
    }

    @Test
    void aSettingLoweredThenRaisedStillRequiresTheSmallestSizeFirst() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decoder.setMaxTableSize(100);
        decoder.setMaxTableSize(4096);
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISSING, decoder, "3fe11f 82"); // straight to 4096

        decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decoder.setMaxTableSize(100);
        decoder.setMaxTableSize(4096);
        assertEquals(List.of(new Field(":method", "GET")), decodeBlock(decoder, hex("3f45 3fe11f 82")));
        assertEquals(4096, decoder.tableCapacity());
    }

    @Test
    void limitsBelowTheDefaultTableSizeRequireAnUpdateInTheFirstBlock() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT.withMaxTableSize(0));
        assertFatal(Reason.TABLE_SIZE_UPDATE_MISSING, decoder, "82");
        decoder = new JavaHpackDecoder(HpackLimits.DEFAULT.withMaxTableSize(0));
        assertEquals(List.of(new Field(":method", "GET")), decodeBlock(decoder, hex("20 82")));
    }

    // The end of a block

    @Test
    void aBlockEndingInsideARepresentationIsTruncated() {
        assertFatal(Reason.TRUNCATED_BLOCK, new JavaHpackDecoder(HpackLimits.DEFAULT), "410f77"); // value cut
        assertFatal(Reason.TRUNCATED_BLOCK, new JavaHpackDecoder(HpackLimits.DEFAULT), "ff"); // integer cut
        assertFatal(Reason.TRUNCATED_BLOCK, new JavaHpackDecoder(HpackLimits.DEFAULT), "400a"); // name cut
        assertFatal(Reason.TRUNCATED_BLOCK, new JavaHpackDecoder(HpackLimits.DEFAULT), "40"); // name length missing
    }

    @Test
    void aFragmentMayEndInsideARepresentationWhenTheBlockGoesOn() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        byte[] block = hex("410f 7777 772e 6578 616d 706c 652e 636f 6d 82");
        CollectingListener listener = new CollectingListener();
        decoder.decode(block, 0, 3, false, listener);
        assertEquals(List.of(), listener.fields, "nothing is emitted before the field is complete");
        decoder.decode(block, 3, block.length - 3, true, listener);
        assertEquals(List.of(new Field(":authority", "www.example.com"), new Field(":method", "GET")),
                listener.fields);
    }

    // Limits

    @Test
    void aStringOverTheLimitIsRefusedBeforeItsOctetsArrive() throws Exception {
        HpackLimits limits = new HpackLimits(4096, 64 * 1024, 100, 16);
        JavaHpackDecoder decoder = new JavaHpackDecoder(limits);
        // Name length 17, and the block is not over: refused at once rather than buffered.
        HpackDecodingException e = assertThrows(HpackDecodingException.class,
                () -> decoder.decode(hex("4011"), 0, 2, false, new CollectingListener()));
        assertEquals(Reason.STRING_TOO_LONG, e.reason());
        assertTrue(e.isConnectionFatal());

        // The limit is on octets as sent: a Huffman value of 17 octets is refused whatever it decodes to.
        assertFatal(Reason.STRING_TOO_LONG, new JavaHpackDecoder(limits), "4191");
        // 16 octets are fine.
        assertEquals(List.of(new Field(":authority", "aaaaaaaaaaaaaaaa")),
                decodeBlock(new JavaHpackDecoder(limits), hex("0110 6161616161616161 6161616161616161")));
    }

    @Test
    void aHeaderListOverTheLimitFailsTheBlockButNotTheConnection() throws Exception {
        // :method GET (42) + :path / (38) = 80 octets fit in 100; custom-key: custom-value (54) does not.
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT.withMaxHeaderListSize(100));
        byte[] block = encodeIndexingAll(FieldList.of(":method", "GET", ":path", "/",
                "custom-key", "custom-value", ":path", "/next"));
        CollectingListener listener = new CollectingListener();

        HpackDecodingException e = assertThrows(HpackDecodingException.class,
                () -> decoder.decode(block, 0, block.length, true, listener));

        assertEquals(Reason.HEADER_LIST_TOO_LARGE, e.reason());
        assertFalse(e.isConnectionFatal());
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode(), "a stream error, not COMPRESSION_ERROR");
        assertEquals(List.of(new Field(":method", "GET"), new Field(":path", "/")), listener.fields);
        assertEquals(2, decoder.tableEntries(), "the literals after the breach were still indexed");
        // The table is in step: the next block refers to what the failed one inserted.
        assertEquals(List.of(new Field(":path", "/next"), new Field("custom-key", "custom-value")),
                decodeBlock(decoder, hex("be bf")));
    }

    @Test
    void tooManyFieldsFailTheBlockButNotTheConnection() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(new HpackLimits(4096, 64 * 1024, 3, 64 * 1024));
        byte[] block = encodeIndexingAll(FieldList.of(":method", "GET", ":path", "/", ":scheme", "https",
                "custom-key", "custom-value", "accept", "*/*"));
        CollectingListener listener = new CollectingListener();

        HpackDecodingException e = assertThrows(HpackDecodingException.class,
                () -> decoder.decode(block, 0, block.length, true, listener));

        assertEquals(Reason.TOO_MANY_FIELDS, e.reason());
        assertFalse(e.isConnectionFatal());
        assertEquals(3, listener.fields.size());
        assertEquals(List.of(new Field("accept", "*/*"), new Field("custom-key", "custom-value")),
                decodeBlock(decoder, hex("be bf")));
    }

    @Test
    void aBrokenLimitIsReportedOnlyAtTheEndOfTheBlock() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(new HpackLimits(4096, 64 * 1024, 1, 64 * 1024));
        CollectingListener listener = new CollectingListener();
        decoder.decode(hex("8284"), 0, 2, false, listener); // the second field breaks the limit
        decoder.decode(hex("86"), 0, 1, false, listener);
        HpackDecodingException e = assertThrows(HpackDecodingException.class,
                () -> decoder.decode(new byte[0], 0, 0, true, listener));
        assertEquals(Reason.TOO_MANY_FIELDS, e.reason());
        assertEquals(List.of(new Field(":method", "GET")), listener.fields);
    }

    @Test
    void unindexedLiteralsAfterABreachAreSkippedAcrossFragments() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(new HpackLimits(4096, 64 * 1024, 1, 64 * 1024));
        byte[] big = new byte[3000];
        Arrays.fill(big, (byte) '~'); // 13-bit code: stays raw
        FieldList fields = new FieldList().add(":method", "GET").add(":path", "/")
                .add("x-secret".getBytes(), big, true) // never indexed: skipped undecoded
                .add("custom-key", "custom-value"); // indexed: still decoded into the table
        byte[] block = encodeIndexingAll(fields);
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
        assertEquals(List.of(new Field(":method", "GET")), listener.fields);
        assertEquals(List.of(new Field("custom-key", "custom-value")), decodeBlock(decoder, hex("be")));
    }

    @Test
    void anIndexedLiteralTooLargeForTheTableEmptiesItWithoutBeingDecoded() throws Exception {
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT.withMaxHeaderListSize(100));
        decodeBlock(decoder, encodeIndexingAll(FieldList.of("a", "b")));
        assertEquals(1, decoder.tableEntries());
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) '~'); // raw: its exact size is known before decoding
        byte[] block = encodeIndexingAll(new FieldList().add("big".getBytes(), big, false));

        HpackDecodingException e = assertThrows(HpackDecodingException.class, () -> decodeBlock(decoder, block));

        assertEquals(Reason.HEADER_LIST_TOO_LARGE, e.reason());
        assertEquals(0, decoder.tableEntries(), "an entry larger than the table empties it (§4.4)");
        assertEquals(0, decoder.tableSize());
    }

    private static void assertFatal(Reason reason, JavaHpackDecoder decoder, String hex) {
        byte[] block = hex(hex);
        HpackDecodingException e = assertThrows(HpackDecodingException.class, () -> decodeBlock(decoder, block));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.isConnectionFatal());
        assertEquals(ErrorCode.COMPRESSION_ERROR, e.errorCode());
    }

    /** Encodes with every literal indexed (unless marked sensitive), so the tests control the table. */
    private static byte[] encodeIndexingAll(FieldList fields) throws Exception {
        IndexingPolicy all = new IndexingPolicy() {
            @Override
            public boolean neverIndex(int staticNameIndex, byte[] name, byte[] value) {
                return false;
            }

            @Override
            public boolean index(int staticNameIndex, byte[] name, byte[] value, int capacity) {
                return true;
            }
        };
        BlockBuffer out = new BlockBuffer();
        new JavaHpackEncoder(4096, all, JavaHpackEncoder.StringCoding.SHORTEST).encode(fields, out);
        return out.toByteArray();
    }
}
