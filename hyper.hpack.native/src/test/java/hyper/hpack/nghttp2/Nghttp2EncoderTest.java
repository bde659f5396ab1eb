package hyper.hpack.nghttp2;

import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HpackEncodingException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderFields;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.HuffmanPolicy;
import hyper.impl.hpack.CollectingListener;
import hyper.impl.hpack.FieldList;
import hyper.impl.hpack.HpackStories.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nghttp2 encoder behind the SPI: table size signalling (RFC 7541 §4.2), sensitivity, buffer growth. */
class Nghttp2EncoderTest {

    @Test
    void sensitiveFieldsAreSentNeverIndexed() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            byte[] block = encode(encoder, new FieldList().addSensitive("x-token", "secret"));
            assertEquals(0x10, block[0] & 0xf0, "§6.2.3 never indexed: " + hex(block));
            assertEquals(0, encoder.tableEntries());
            CollectingListener decoded = decodeWithJava(block);
            assertEquals(List.of(true), decoded.neverIndexed);
        }
    }

    @Test
    void aHuffmanPolicyItCannotApplyIsWarnedOfAndTheEncoderStillCodesWhenShorter() throws Exception {
        byte[] expected;
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            expected = encode(encoder, FieldList.of("custom-key", "custom-value"));
        }
        Nghttp2CodecProvider.POLICY_WARNED.set(false);
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096, HuffmanPolicy.NEVER)) {
            assertTrue(Nghttp2CodecProvider.POLICY_WARNED.get(), "the unapplied policy is logged");
            assertEquals(hex(expected), hex(encode(encoder, FieldList.of("custom-key", "custom-value"))),
                    "libnghttp2 Huffman-codes when shorter whatever the policy");
        }
        Nghttp2CodecProvider.POLICY_WARNED.set(false);
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096, HuffmanPolicy.WHEN_SHORTER)) {
            assertEquals(false, Nghttp2CodecProvider.POLICY_WARNED.get(), "the policy it applies needs no warning");
        }
    }

    @Test
    void anUnchangedPeerTableSizeSignalsNothing() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            encoder.setPeerMaxTableSize(4096);
            assertEquals("82", hex(encode(encoder, FieldList.of(":method", "GET"))));
        }
    }

    @Test
    void aLoweredPeerTableSizeIsSignalledAtTheStartOfTheNextBlock() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            encode(encoder, FieldList.of("custom-key", "custom-value"));
            assertEquals(1, encoder.tableEntries());
            encoder.setPeerMaxTableSize(0);
            assertEquals(0, encoder.tableEntries(), "evicted at once: nothing may refer to it any more");
            byte[] block = encode(encoder, FieldList.of(":method", "GET"));
            assertEquals("2082", hex(block));
        }
    }

    @Test
    void aSizeThatDippedAndCameBackIsSignalledSmallestFirst() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            encoder.setPeerMaxTableSize(1000);
            encoder.setPeerMaxTableSize(4096);
            byte[] block = encode(encoder, FieldList.of(":method", "GET"));
            assertEquals("3fc907" + "3fe11f" + "82", hex(block), "1,000 first, then 4,096 (§4.2)");
        }
    }

    @Test
    void thePeersSizeIsCappedByOurMaximum() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(1024)) {
            encoder.setPeerMaxTableSize(Integer.MAX_VALUE);
            for (int i = 0; i < 50; i++) {
                encode(encoder, FieldList.of("x-field-" + i, "value-" + i));
                assertTrue(encoder.tableSize() <= 1024, "table grew to " + encoder.tableSize());
            }
        }
    }

    @Test
    void aMaximumBelowTheDefaultIsSignalledInTheFirstBlock() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(256);
             HpackDecoder decoder = Codecs.java().newDecoder(HpackLimits.DEFAULT.withMaxTableSize(256))) {
            BlockBuffer out = new BlockBuffer();
            encoder.encode(FieldList.of(":method", "GET"), out);
            assertEquals("3fe101", hex(out.toByteArray()).substring(0, 6), "size update to 256");
            CollectingListener listener = new CollectingListener();
            decoder.decode(out.array(), 0, out.length(), true, listener);
            assertEquals(List.of(new Field(":method", "GET")), listener.fields);
        }
    }

    @Test
    void aLargeHeaderListGrowsTheFieldBuffer() throws Exception {
        FieldList fields = new FieldList();
        List<Field> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String value = "v".repeat(1000) + i;
            fields.add("x-big-" + i, value);
            expected.add(new Field("x-big-" + i, value));
        }
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            for (int round = 0; round < 2; round++) { // the second round reuses the grown buffers
                assertEquals(expected, decodeWithJava(encode(encoder, fields)).fields);
            }
        }
    }

    @Test
    void encodingAppendsToWhatTheBufferHolds() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            BlockBuffer out = new BlockBuffer(16);
            out.write(0x55);
            encoder.encode(FieldList.of(":method", "GET", ":path", "/"), out);
            assertEquals("558284", hex(out.toByteArray()));
        }
    }

    @Test
    void anEmptyListIsAnEmptyBlock() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            assertEquals("", hex(encode(encoder, new FieldList())));
        }
    }

    @Test
    void aFieldWithoutANameIsAnEncodingError() throws Exception {
        HeaderFields broken = new HeaderFields() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public byte[] name(int i) {
                return null;
            }

            @Override
            public byte[] value(int i) {
                return new byte[0];
            }
        };
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            assertThrows(HpackEncodingException.class, () -> encoder.encode(broken, new BlockBuffer()));
            assertEquals("82", hex(encode(encoder, FieldList.of(":method", "GET"))), "still usable");
        }
    }

    @Test
    void anUpperCaseNameIsAnEncodingErrorAndChangesNothing() throws Exception {
        try (HpackEncoder encoder = Codecs.nghttp2().newEncoder(4096)) {
            HpackEncodingException e = assertThrows(HpackEncodingException.class,
                    () -> encode(encoder, FieldList.of("x-ok", "1", "X-Bad", "2")));
            assertTrue(e.getMessage().contains("upper-case"), e.getMessage());
            assertEquals(0, encoder.tableEntries(), "nothing of the refused list was indexed");
        }
    }

    @Test
    void negativeSizesAreRefused() throws Exception {
        HpackCodecProvider nghttp2 = Codecs.nghttp2();
        assertThrows(IllegalArgumentException.class, () -> nghttp2.newEncoder(-1));
        try (HpackEncoder encoder = nghttp2.newEncoder(4096)) {
            assertThrows(IllegalArgumentException.class, () -> encoder.setPeerMaxTableSize(-1));
        }
    }

    private static byte[] encode(HpackEncoder encoder, HeaderFields fields) throws HpackEncodingException {
        BlockBuffer out = new BlockBuffer();
        encoder.encode(fields, out);
        return out.toByteArray();
    }

    private static CollectingListener decodeWithJava(byte[] block) throws Exception {
        try (HpackDecoder decoder = Codecs.java().newDecoder(new HpackLimits(4096, 1 << 20, 1000, 65536))) {
            CollectingListener listener = new CollectingListener();
            decoder.decode(block, 0, block.length, true, listener);
            return listener;
        }
    }
}
