package hyper.hpack.nghttp2;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.CollectingListener;
import hyper.impl.hpack.FieldList;
import hyper.impl.hpack.HpackStories.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7541 Appendix C through the SPI, for both codecs: each example block decodes to its header list,
 * and leaves the dynamic table with the RFC's entries (read back with indexed representations, which
 * change nothing) and size. Then each codec's encoder must produce blocks both decoders read back.
 */
class AppendixCTest {

    // C.2 Header Field Representation Examples

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c2_1_literalWithIndexing(String codec) throws Exception {
        try (Context c = new Context(codec, 4096)) {
            c.block("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572", "custom-key", "custom-header");
            c.table(55, "custom-key", "custom-header");
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c2_2_literalWithoutIndexing(String codec) throws Exception {
        try (Context c = new Context(codec, 4096)) {
            c.block("040c 2f73 616d 706c 652f 7061 7468", ":path", "/sample/path");
            c.table(0);
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c2_3_literalNeverIndexed(String codec) throws Exception {
        try (Context c = new Context(codec, 4096)) {
            CollectingListener decoded = c.block("1008 7061 7373 776f 7264 0673 6563 7265 74", "password", "secret");
            assertEquals(List.of(true), decoded.neverIndexed, "§6.2.3: must stay never-indexed if forwarded");
            c.table(0);
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c2_4_indexedField(String codec) throws Exception {
        try (Context c = new Context(codec, 4096)) {
            CollectingListener decoded = c.block("82", ":method", "GET");
            assertEquals(List.of(false), decoded.neverIndexed);
            c.table(0);
        }
    }

    // C.3 and C.4 Request Examples, without and with Huffman Coding

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c3_requestsWithoutHuffman(String codec) throws Exception {
        try (Context c = new Context(codec, 4096)) {
            requests(c,
                    "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                    "8286 84be 5808 6e6f 2d63 6163 6865",
                    "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c4_requestsWithHuffman(String codec) throws Exception {
        try (Context c = new Context(codec, 4096)) {
            requests(c,
                    "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                    "8286 84be 5886 a8eb 1064 9cbf",
                    "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
        }
    }

    private static void requests(Context c, String first, String second, String third) throws Exception {
        c.block(first, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com");
        c.table(57, ":authority", "www.example.com");
        c.block(second, ":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                "cache-control", "no-cache");
        c.table(110, "cache-control", "no-cache", ":authority", "www.example.com");
        c.block(third, ":method", "GET", ":scheme", "https", ":path", "/index.html",
                ":authority", "www.example.com", "custom-key", "custom-value");
        c.table(164, "custom-key", "custom-value", "cache-control", "no-cache", ":authority", "www.example.com");
    }

    // C.5 and C.6 Response Examples, SETTINGS_HEADER_TABLE_SIZE = 256, with evictions

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c5_responsesWithoutHuffman(String codec) throws Exception {
        try (Context c = new Context(codec, 256)) {
            responses(c,
                    "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                    + "2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70"
                    + "6c65 2e63 6f6d",
                    "4803 3330 37c1 c0bf",
                    "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                    + "54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
                    + "5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e"
                    + "3d31");
        }
    }

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void c6_responsesWithHuffman(String codec) throws Exception {
        try (Context c = new Context(codec, 256)) {
            responses(c,
                    "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                    + "2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                    "4883 640e ffc1 c0bf",
                    "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                    + "77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
                    + "9587 3160 65c0 03ed 4ee5 b106 3d50 07");
        }
    }

    private static void responses(Context c, String first, String second, String third) throws Exception {
        c.block(first, ":status", "302", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com");
        c.table(222, "location", "https://www.example.com", "date", "Mon, 21 Oct 2013 20:13:21 GMT",
                "cache-control", "private", ":status", "302");
        c.block(second, ":status", "307", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "location", "https://www.example.com");
        c.table(222, ":status", "307", "location", "https://www.example.com",
                "date", "Mon, 21 Oct 2013 20:13:21 GMT", "cache-control", "private");
        c.block(third, ":status", "200", "cache-control", "private",
                "date", "Mon, 21 Oct 2013 20:13:22 GMT", "location", "https://www.example.com",
                "content-encoding", "gzip", "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
        c.table(215, "set-cookie", "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
                "content-encoding", "gzip", "date", "Mon, 21 Oct 2013 20:13:22 GMT");
    }

    // The other direction: this codec's encoder, read back by both decoders

    @ParameterizedTest
    @MethodSource("hyper.hpack.nghttp2.Codecs#names")
    void theExampleListsEncodeToBlocksBothDecodersRead(String codec) throws Exception {
        List<FieldList> lists = List.of(
                FieldList.of(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com"),
                FieldList.of(":method", "GET", ":scheme", "http", ":path", "/", ":authority", "www.example.com",
                        "cache-control", "no-cache"),
                FieldList.of(":method", "GET", ":scheme", "https", ":path", "/index.html",
                        ":authority", "www.example.com", "custom-key", "custom-value"),
                new FieldList().add(":status", "302").addSensitive("password", "secret"));
        try (HpackEncoder encoder = Codecs.named(codec).newEncoder(4096);
             HpackDecoder java = Codecs.java().newDecoder(HpackLimits.DEFAULT);
             HpackDecoder nghttp2 = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT)) {
            for (FieldList list : lists) {
                BlockBuffer out = new BlockBuffer();
                encoder.encode(list, out);
                for (HpackDecoder decoder : List.of(java, nghttp2)) {
                    CollectingListener listener = new CollectingListener();
                    decoder.decode(out.array(), 0, out.length(), true, listener);
                    assertEquals(fields(list), listener.fields, decoder.toString());
                    for (int i = 0; i < list.size(); i++) {
                        assertEquals(list.sensitive(i), listener.neverIndexed.get(i), "never-indexed flag of field " + i);
                    }
                    assertEquals(encoder.tableSize(), decoder.tableSize(), decoder.toString());
                }
            }
        }
    }

    private static List<Field> fields(FieldList list) {
        List<Field> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(Field.of(list.name(i), list.value(i)));
        }
        return out;
    }

    /** One decoding context, checked block by block. */
    private static final class Context implements AutoCloseable {
        final HpackDecoder decoder;

        Context(String codec, int tableSize) throws Exception {
            decoder = Codecs.named(codec).newDecoder(HpackLimits.DEFAULT);
            if (tableSize != 4096) {
                // The RFC's responses start once SETTINGS_HEADER_TABLE_SIZE=256 took effect; on a real
                // connection a size update heads an earlier block, sent here on its own (§6.3).
                decoder.setMaxTableSize(tableSize);
                assertEquals(List.of(), decodeBlock(decoder, hex("3fe101")));
            }
        }

        /** Decodes {@code wire} and expects the fields given as alternating names and values. */
        CollectingListener block(String wire, String... namesAndValues) throws Exception {
            byte[] block = hex(wire);
            CollectingListener listener = new CollectingListener();
            decoder.decode(block, 0, block.length, true, listener);
            assertEquals(pairs(namesAndValues), listener.fields, "decoded list");
            return listener;
        }

        /** The dynamic table holds exactly these entries, newest first, counting {@code size} octets. */
        void table(int size, String... namesAndValues) throws Exception {
            List<Field> expected = pairs(namesAndValues);
            assertEquals(expected.size(), decoder.tableEntries(), "entries");
            assertEquals(size, decoder.tableSize(), "table size");
            BlockWriter dump = new BlockWriter();
            for (int i = 0; i < expected.size(); i++) {
                dump.indexed(62 + i);
            }
            assertEquals(expected, decodeBlock(decoder, dump.toByteArray()), "table entries");
        }

        @Override
        public void close() {
            decoder.close();
        }

        private static List<Field> pairs(String... namesAndValues) {
            List<Field> out = new ArrayList<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                out.add(new Field(namesAndValues[i], namesAndValues[i + 1]));
            }
            return out;
        }
    }
}
