package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static hyper.impl.hpack.JavaHpackEncoder.StringCoding.HUFFMAN;
import static hyper.impl.hpack.JavaHpackEncoder.StringCoding.RAW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.HpackStories.Field;
import hyper.impl.hpack.JavaHpackEncoder.StringCoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The examples of RFC 7541 Appendix C: exact octets from the encoder, and the decoded list and dynamic
 * table after each block. The RFC indexes every literal, so the encoder here runs with a policy that does.
 */
class AppendixCTest {
    /** Index every field, as the RFC's examples do (including set-cookie, C.5.3). */
    private static final IndexingPolicy INDEX_ALL = new IndexingPolicy() {
        @Override
        public boolean neverIndex(int staticNameIndex, byte[] name, byte[] value) {
            return false;
        }

        @Override
        public boolean index(int staticNameIndex, byte[] name, byte[] value, int capacity) {
            return true;
        }
    };

    // C.1 Integer Representation Examples

    @Test
    void c1_1_encodes10UsingA5BitPrefix() throws Exception {
        byte[] a = new byte[8];
        assertEquals(1, PrefixInt.encode(a, 0, 0xe0, 0x1f, 10));
        assertEquals("ea", hex(new byte[] {a[0]}), "X bits kept, 01010 in the prefix");
        assertEquals(10, PrefixInt.value(PrefixInt.decode(a, 0, 1, 0x1f)));
    }

    @Test
    void c1_2_encodes1337UsingA5BitPrefix() throws Exception {
        byte[] a = new byte[8];
        assertEquals(3, PrefixInt.encode(a, 0, 0x00, 0x1f, 1337));
        assertEquals("1f9a0a", hex(Arrays.copyOf(a, 3)));
        long decoded = PrefixInt.decode(a, 0, 3, 0x1f);
        assertEquals(1337, PrefixInt.value(decoded));
        assertEquals(3, PrefixInt.next(decoded));
    }

    @Test
    void c1_3_encodes42StartingAtAnOctetBoundary() throws Exception {
        byte[] a = new byte[8];
        assertEquals(1, PrefixInt.encode(a, 0, 0x00, 0xff, 42));
        assertEquals("2a", hex(Arrays.copyOf(a, 1)));
        assertEquals(42, PrefixInt.value(PrefixInt.decode(a, 0, 1, 0xff)));
    }

    // C.2 Header Field Representation Examples

    @Test
    void c2_1_literalWithIndexing() throws Exception {
        Codec codec = new Codec(4096, INDEX_ALL, RAW);
        codec.block(FieldList.of("custom-key", "custom-header"),
                "400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572");
        codec.table(55, "custom-key", "custom-header");
    }

    @Test
    void c2_2_literalWithoutIndexing() throws Exception {
        IndexingPolicy indexNothing = new IndexingPolicy() {
            @Override
            public boolean neverIndex(int staticNameIndex, byte[] name, byte[] value) {
                return false;
            }

            @Override
            public boolean index(int staticNameIndex, byte[] name, byte[] value, int capacity) {
                return false;
            }
        };
        Codec codec = new Codec(4096, indexNothing, RAW);
        codec.block(FieldList.of(":path", "/sample/path"), "040c 2f73 616d 706c 652f 7061 7468");
        codec.table(0);
    }

    @Test
    void c2_3_literalNeverIndexed() throws Exception {
        Codec codec = new Codec(4096, INDEX_ALL, RAW);
        CollectingListener decoded = codec.block(new FieldList().addSensitive("password", "secret"),
                "1008 7061 7373 776f 7264 0673 6563 7265 74");
        assertEquals(List.of(true), decoded.neverIndexed);
        codec.table(0);
    }

    @Test
    void c2_4_indexedField() throws Exception {
        Codec codec = new Codec(4096, INDEX_ALL, RAW);
        codec.block(FieldList.of(":method", "GET"), "82");
        codec.table(0);
    }

    // C.3 Request Examples without Huffman Coding

    @Test
    void c3_requestsWithoutHuffman() throws Exception {
        Codec codec = new Codec(4096, INDEX_ALL, RAW);
        codec.block(FieldList.of(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com"),
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d");
        codec.table(57, ":authority", "www.example.com");

        codec.block(FieldList.of(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                "cache-control", "no-cache"),
                "8286 84be 5808 6e6f 2d63 6163 6865");
        codec.table(110, "cache-control", "no-cache", ":authority", "www.example.com");

        codec.block(FieldList.of(":method", "GET", ":scheme", "https", ":path", "/index.html",
                ":authority", "www.example.com", "custom-key", "custom-value"),
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
        codec.table(164, "custom-key", "custom-value", "cache-control", "no-cache", ":authority", "www.example.com");
    }

    // C.4 Request Examples with Huffman Coding

    @Test
    void c4_requestsWithHuffman() throws Exception {
        Codec codec = new Codec(4096, INDEX_ALL, HUFFMAN);
        codec.block(FieldList.of(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com"),
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff");
        codec.table(57, ":authority", "www.example.com");

        codec.block(FieldList.of(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                "cache-control", "no-cache"),
                "8286 84be 5886 a8eb 1064 9cbf");
        codec.table(110, "cache-control", "no-cache", ":authority", "www.example.com");

        codec.block(FieldList.of(":method", "GET", ":scheme", "https", ":path", "/index.html",
                ":authority", "www.example.com", "custom-key", "custom-value"),
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
        codec.table(164, "custom-key", "custom-value", "cache-control", "no-cache", ":authority", "www.example.com");
    }

    // C.5 Response Examples without Huffman Coding (SETTINGS_HEADER_TABLE_SIZE = 256)

    @Test
    void c5_responsesWithoutHuffmanAndEvictions() throws Exception {
        Codec codec = new Codec(256, INDEX_ALL, RAW);
        codec.block(FieldList.of(":status", "302", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com"),
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                + "2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70"
                + "6c65 2e63 6f6d");
        codec.table(222, "location", "https://www.example.com", "date", "Mon, 21 Oct 2013 20:13:21 GMT",
                "cache-control", "private", ":status", "302");

        codec.block(FieldList.of(":status", "307", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com"),
                "4803 3330 37c1 c0bf");
        codec.table(222, ":status", "307", "location", "https://www.example.com",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "cache-control", "private");

        codec.block(FieldList.of(":status", "200", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:22 GMT", "location", "https://www.example.com",
                "content-encoding", "gzip", "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                + "54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
                + "5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e"
                + "3d31");
        codec.table(215, "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
                "content-encoding", "gzip", "date", "Mon, 21 Oct 2013 20:13:22 GMT");
    }

    // C.6 Response Examples with Huffman Coding (SETTINGS_HEADER_TABLE_SIZE = 256)

    @Test
    void c6_responsesWithHuffmanAndEvictions() throws Exception {
        Codec codec = new Codec(256, INDEX_ALL, HUFFMAN);
        codec.block(FieldList.of(":status", "302", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com"),
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                + "2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3");
        codec.table(222, "location", "https://www.example.com", "date", "Mon, 21 Oct 2013 20:13:21 GMT",
                "cache-control", "private", ":status", "302");

        codec.block(FieldList.of(":status", "307", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com"),
                "4883 640e ffc1 c0bf");
        codec.table(222, ":status", "307", "location", "https://www.example.com",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "cache-control", "private");

        codec.block(FieldList.of(":status", "200", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:22 GMT", "location", "https://www.example.com",
                "content-encoding", "gzip", "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1"),
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                + "77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
                + "9587 3160 65c0 03ed 4ee5 b106 3d50 07");
        codec.table(215, "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
                "content-encoding", "gzip", "date", "Mon, 21 Oct 2013 20:13:22 GMT");
    }

    /** An encoder and a decoder sharing one connection's context, checked block by block. */
    private static final class Codec {
        final JavaHpackEncoder encoder;
        final JavaHpackDecoder decoder;

        Codec(int tableSize, IndexingPolicy policy, StringCoding coding) throws Exception {
            encoder = new JavaHpackEncoder(4096, policy, coding);
            decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
            if (tableSize != 4096) {
                // The RFC's responses start after SETTINGS_HEADER_TABLE_SIZE=256 took effect; on a real
                // connection that shows as a size update heading an earlier block, which we send here.
                encoder.setPeerMaxTableSize(tableSize);
                decoder.setMaxTableSize(tableSize);
                BlockBuffer out = new BlockBuffer();
                encoder.encode(new FieldList(), out);
                assertEquals("3fe101", hex(out.toByteArray()), "size update to 256 (§6.3)");
                assertEquals(List.of(), decodeBlock(decoder, out.toByteArray()));
            }
        }

        /** Encodes {@code fields}, expects exactly {@code expectedHex}, and decodes it back. */
        CollectingListener block(FieldList fields, String expectedHex) throws Exception {
            BlockBuffer out = new BlockBuffer();
            encoder.encode(fields, out);
            assertEquals(hex(hex(expectedHex)), hex(out.toByteArray()), "encoded block");
            CollectingListener listener = new CollectingListener();
            byte[] wire = hex(expectedHex);
            decoder.decode(wire, 0, wire.length, true, listener);
            List<Field> expected = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                expected.add(Field.of(fields.name(i), fields.value(i)));
            }
            assertEquals(expected, listener.fields, "decoded list");
            return listener;
        }

        /** Both tables hold exactly these entries, newest first, and count {@code size} octets. */
        void table(int size, String... namesAndValues) {
            List<String> expected = List.of(namesAndValues);
            assertEquals(expected, entries(decoder.tableEntries(), decoder::entryName, decoder::entryValue), "decoder table");
            assertEquals(expected, entries(encoder.tableEntries(), encoder::entryName, encoder::entryValue), "encoder table");
            assertEquals(size, decoder.tableSize(), "decoder table size");
            assertEquals(size, encoder.tableSize(), "encoder table size");
        }

        private static List<String> entries(int count, IntFunction<byte[]> name,
                IntFunction<byte[]> value) {
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                out.add(new String(name.apply(i), StandardCharsets.UTF_8));
                out.add(new String(value.apply(i), StandardCharsets.UTF_8));
            }
            return out;
        }
    }
}
