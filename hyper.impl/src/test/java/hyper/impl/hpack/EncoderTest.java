package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HpackEncodingException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.HuffmanPolicy;
import hyper.impl.hpack.HpackStories.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoder's choices: indexing policy, Huffman, table size updates, bounds. */
class EncoderTest {

    // Repeats within one block

    @Test
    void aFieldRepeatedInOneBlockIsSentAsTheIndexItsFirstCopyMade() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        BlockBuffer out = new BlockBuffer();
        encoder.encode(FieldList.of("x-a", "1", "x-b", "2", "x-a", "1", "x-b", "2"), out);
        String block = hex(out.toByteArray());
        // 40 03 "x-a" 01 "1", 40 03 "x-b" 01 "2" (raw: Huffman is no shorter), then x-a at 63 and x-b at 62.
        assertEquals("4003782d6101314003782d620132" + "bfbe", block);
        assertEquals(2, encoder.tableEntries());
    }

    @Test
    void aFirstBlockReusesANameItsOwnEarlierFieldPutInTheTable() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        BlockBuffer out = new BlockBuffer();
        encoder.encode(FieldList.of("x-a", "1", "x-b", "2", "x-a", "3"), out);
        // The third field's name is entry 63 by then (x-b is 62): 0x40 | 63 = 7f 00.
        assertEquals("4003782d6101314003782d620132" + "7f000133", hex(out.toByteArray()));
    }

    @Test
    void aFieldFoundBeforeTheBlockInsertsKeepsItsEntryAsIndexesMove() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        BlockBuffer out = new BlockBuffer();
        encoder.encode(FieldList.of("x-a", "1"), out);
        out.reset();
        // x-a is entry 62 as the block starts; after x-b and x-c go in, it is 64.
        encoder.encode(FieldList.of("x-b", "2", "x-c", "3", "x-a", "1"), out);
        assertEquals("4003782d6201324003782d630133" + "c0", hex(out.toByteArray()));
    }

    @Test
    void aLaterBlockFindsNamesAndFieldsAFirstBlockOnlyRecorded() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        BlockBuffer out = new BlockBuffer();
        // No name repeats: the first block looks nothing up, so the table's indexes are built by the next one.
        encoder.encode(FieldList.of("x-a", "1", "x-b", "2", "x-c", "3"), out);
        out.reset();
        // x-b's name is entry 63 (x-c 62, x-a 64): 7f 00, value "9"; x-a 1 is then entry 65: c1.
        encoder.encode(FieldList.of("x-b", "9", "x-a", "1"), out);
        assertEquals("7f000139" + "c1", hex(out.toByteArray()));
    }

    @Test
    void fieldsAFirstBlockRecordedAreFoundAfterItsOwnRepeatsBuiltTheIndexes() throws Exception {
        for (boolean constant : new boolean[] {false, true}) {
            JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
            // 40 fields of lengths around the hash's samples (under a word, one, two, three), then the first ten
            // again: past 32 entries a repeat builds the indexes, hashing the values added before it, copied
            // into the table's arena or kept in their own arrays.
            FieldList first = new FieldList();
            FieldList again = new FieldList();
            List<Field> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int k = i % 40;
                String name = "x-" + "n".repeat(k % 19) + k;
                String value = "v".repeat((k * 7) % 31) + k;
                if (constant) {
                    first.addConstant(name.getBytes(), value.getBytes());
                } else {
                    first.add(name, value);
                }
                if (i < 40) {
                    again.add(name, value);
                    expected.add(new Field(name, value));
                }
            }
            BlockBuffer out = new BlockBuffer();
            encoder.encode(first, out);
            assertEquals(40, encoder.tableEntries(), "constant " + constant);
            JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
            decodeBlock(decoder, out.toByteArray());
            out.reset();
            encoder.encode(again, out);
            byte[] block = out.toByteArray();
            assertEquals(40, block.length, "every field an index of one octet; constant " + constant);
            for (byte b : block) {
                assertTrue((b & 0x80) != 0, "indexed field (§6.1): " + hex(block));
            }
            assertEquals(expected, decodeBlock(decoder, block));
        }
    }

    // Sensitive fields (RFC 7541 §7.1.3)

    @Test
    void credentialsAndSetCookieAreNeverIndexed() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        // Never Indexed with a 4-bit name index: 0001 1111, then index - 15.
        assertEquals("1f08", prefix(encode(encoder, "authorization", "Basic dXNlcjpwYXNz"), 2)); // 23
        assertEquals("1f22", prefix(encode(encoder, "proxy-authorization", "Basic dXNlcjpwYXNz"), 2)); // 49
        assertEquals("1f28", prefix(encode(encoder, "set-cookie", "id=a3fWa; Max-Age=2592000"), 2)); // 55
        assertEquals(0, encoder.tableEntries());
        // Again: still literals, never indexes into a table.
        assertEquals("1f08", prefix(encode(encoder, "authorization", "Basic dXNlcjpwYXNz"), 2));
    }

    @Test
    void shortCookiesAreNeverIndexedAndLongOnesAre() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        assertEquals("1f11", prefix(encode(encoder, "cookie", "sid=1234567890abcde"), 2)); // 19 octets, index 32
        assertEquals(0, encoder.tableEntries());
        assertEquals("60", prefix(encode(encoder, "cookie", "sid=1234567890abcdef"), 1)); // 20 octets: indexed
        assertEquals(1, encoder.tableEntries());
        assertEquals("be", hex(encode(encoder, "cookie", "sid=1234567890abcdef")));
    }

    @Test
    void fieldsTheCallerMarksSensitiveAreNeverIndexedEvenIfTheyMatchATable() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        BlockBuffer out = new BlockBuffer();
        encoder.encode(new FieldList().addSensitive(":method", "GET").addSensitive("x-api-key", "k"), out);
        byte[] block = out.toByteArray();
        // 0x12: never indexed, name :method (2); then 0x10: never indexed, literal name.
        assertEquals(0x12, block[0] & 0xff);
        assertEquals(0x10, block[1 + 1 + 3] & 0xff, hex(block)); // after 12 03 "GET"
        assertEquals(0, encoder.tableEntries());
        CollectingListener listener = new CollectingListener();
        new JavaHpackDecoder(HpackLimits.DEFAULT).decode(block, 0, block.length, true, listener);
        assertEquals(List.of(new Field(":method", "GET"), new Field("x-api-key", "k")), listener.fields);
        assertEquals(List.of(true, true), listener.neverIndexed, "the decoder sees the flag to pass on");
    }

    // Indexing policy

    @Test
    void aRepeatedBlockIsSentAsIndexes() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        FieldList request = FieldList.of(":method", "GET", ":scheme", "https", ":authority", "example.com",
                ":path", "/style.css", "user-agent", "hyper/0.1", "accept", "text/css");
        BlockBuffer out = new BlockBuffer();
        encoder.encode(request, out);
        out.reset();
        encoder.encode(request, out);
        assertEquals(request.size(), out.length(), "one octet per field: " + hex(out.toByteArray()));
    }

    @Test
    void churningValuesAreNotIndexed() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        assertEquals("04", prefix(encode(encoder, ":path", "/search?q=hpack"), 1)); // without indexing, :path
        assertEquals("0f0d", prefix(encode(encoder, "content-length", "1234"), 2)); // without indexing, 28
        assertEquals(0, encoder.tableEntries());
        assertEquals("44", prefix(encode(encoder, ":path", "/style.css"), 1)); // with indexing
        assertEquals(1, encoder.tableEntries());
    }

    @Test
    void aFieldOverThreeQuartersOfTheTableIsNotIndexed() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        encode(encoder, "x-small", "kept");
        assertEquals(1, encoder.tableEntries());
        byte[] big = new byte[3100]; // 3100 + 5 + 32 > 3072
        Arrays.fill(big, (byte) 'a');
        BlockBuffer out = new BlockBuffer();
        encoder.encode(new FieldList().add("x-big".getBytes(), big, false), out);
        assertEquals(0x00, out.array()[0], "literal without indexing, new name");
        assertEquals(1, encoder.tableEntries(), "nothing evicted for it");
    }

    @Test
    void aNameFoundInTheDynamicTableIsSentAsAnIndex() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        encode(encoder, "x-trace", "1");
        assertEquals("7e", prefix(encode(encoder, "x-trace", "2"), 1)); // with indexing, name index 62
    }

    @Test
    void anUpperCaseNameIsRefused() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        HpackEncodingException e = assertThrows(HpackEncodingException.class,
                () -> encode(encoder, "Content-Type", "text/plain"));
        assertTrue(e.getMessage().contains("lower case"), e.getMessage());
        assertThrows(HpackEncodingException.class, () -> encode(encoder, "x-Custom", "1"));
        // Every position of a long name is checked, 8 octets at a time and in the overlapping tail.
        String lower = "x-a-rather-long-custom-header-name";
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'a' && c <= 'z') {
                String name = lower.substring(0, i) + Character.toUpperCase(c) + lower.substring(i + 1);
                assertThrows(HpackEncodingException.class, () -> encode(encoder, name, "1"), name);
            }
        }
        encode(encoder, lower + "@[`{", "1"); // the neighbours of 'A'..'Z' and 'a'..'z' are fine
    }

    @Test
    void aNameTheCallerVouchesForIsNotCheckedAgain() throws Exception {
        // HeaderFields.lowerCase is a promise: broken, it shows the encoder took the caller's word for it, on
        // the first block (one pass) and on later ones (two passes), as a literal name and as an indexed one.
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096, HuffmanPolicy.NEVER);
        assertEquals("4004582d5570" + "0131", hex(encode(encoder, FieldList.of("X-Up", "1").vouchLowerCase())));
        assertEquals("4004582d4f6b" + "0132" + "7f000133",
                hex(encode(encoder, FieldList.of("X-Ok", "2", "X-Up", "3").vouchLowerCase())));
        assertThrows(HpackEncodingException.class, () -> encode(encoder, FieldList.of("X-New", "4")));
    }

    @Test
    void aRefusedBlockLeavesTheEncoderAsItWas() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        encoder.setPeerMaxTableSize(2048); // a pending size update must survive too
        decoder.setMaxTableSize(2048);
        BlockBuffer out = new BlockBuffer();

        assertThrows(HpackEncodingException.class,
                () -> encoder.encode(FieldList.of("x-first", "indexed?", "X-Second", "2"), out));

        assertEquals(0, out.length(), "nothing written");
        assertEquals(0, encoder.tableEntries(), "nothing indexed");
        encoder.encode(FieldList.of("x-first", "indexed?"), out);
        assertEquals("3f e1 0f".replace(" ", ""), prefix(out.toByteArray(), 3), "the size update still leads");
        assertEquals(List.of(new Field("x-first", "indexed?")), decodeBlock(decoder, out.toByteArray()));
        assertEquals(encoder.tableEntries(), decoder.tableEntries());
    }

    @Test
    void anUpperCaseNameIsRefusedWhateverTheTableHoldsAndHoweverTheNameWouldBeSent() throws Exception {
        String lower = "x-a-rather-long-custom-header-name";
        for (boolean warm : new boolean[] {false, true}) { // one pass into an empty table, or two passes
            for (HuffmanPolicy huffman : List.of(HuffmanPolicy.NEVER, HuffmanPolicy.WHEN_SHORTER)) {
                JavaHpackEncoder encoder = new JavaHpackEncoder(4096, huffman);
                if (warm) {
                    encode(encoder, "x-warm", "1");
                }
                for (int i = 0; i < lower.length(); i++) {
                    String name = lower.substring(0, i) + Character.toUpperCase(lower.charAt(i)) + lower.substring(i + 1);
                    if (name.equals(lower)) {
                        continue;
                    }
                    // indexed, never indexed (sensitive), and not indexed (over 3/4 of the table)
                    for (FieldList fields : List.of(FieldList.of("x-ok", "1", name, "v"),
                            new FieldList().add("x-ok", "1").addSensitive(name, "v"),
                            FieldList.of("x-ok", "1", name, "v".repeat(3100)))) {
                        int entries = encoder.tableEntries();
                        assertThrows(HpackEncodingException.class, () -> encode(encoder, fields), name);
                        assertEquals(entries, encoder.tableEntries(), "taken back: " + name);
                    }
                }
            }
        }
    }

    @Test
    void aRefusedFirstBlockIsTakenBackWholeEvenAfterEvictionsAndCachedConstants() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096, HuffmanPolicy.NEVER);
        encoder.setPeerMaxTableSize(200);
        byte[] name = "x-c".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] value = "v".repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] get = ":method".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] getValue = "GET".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // A static match and a repeat are cached; x-d evicts x-c; then the upper-case name refuses it all.
        FieldList refused = new FieldList().addConstant(get, getValue).addConstant(name, value)
                .addConstant(name, value).add("x-d", "w".repeat(100)).add("X-E", "1");
        BlockBuffer out = new BlockBuffer();
        out.write(new byte[] {9}, 0, 1);
        assertThrows(HpackEncodingException.class, () -> encoder.encode(refused, out));
        assertEquals("09", hex(out.toByteArray()));
        assertEquals(0, encoder.tableEntries());
        assertEquals(0, encoder.tableSize());
        assertEquals(4096, encoder.tableCapacity(), "the size update is still to come");

        JavaHpackEncoder fresh = new JavaHpackEncoder(4096, HuffmanPolicy.NEVER);
        fresh.setPeerMaxTableSize(200);
        FieldList accepted = new FieldList().addConstant(get, getValue).addConstant(name, value)
                .addConstant(name, value).add("x-d", "w".repeat(100));
        for (int block = 0; block < 3; block++) {
            assertEquals(hex(encode(fresh, accepted)), hex(encode(encoder, accepted)), "block " + block);
        }
    }

    @Test
    void aFieldRepeatedInOneBlockIsAnIndexTheSecondTime() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096, HuffmanPolicy.NEVER);
        byte[] block = encode(encoder, FieldList.of("x-c", "v", "x-c", "v"));
        assertEquals("4003" + "782d63" + "0176" + "be", hex(block), "a literal that goes in, then index 62");
        assertEquals(1, encoder.tableEntries());
    }

    @Test
    void anEntryEvictedEarlierInTheSameBlockIsNotReferenced() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(128, HuffmanPolicy.NEVER);
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decoder.setMaxTableSize(128);
        byte[] first = encode(encoder, FieldList.of("x-a", "1")); // 36 octets in the table
        assertEquals(List.of(new Field("x-a", "1")), decodeBlock(decoder, first));

        // x-a is found before anything changes; x-b's 95 octets then evict it, so the second x-a is a literal.
        String big = "b".repeat(60);
        byte[] second = encode(encoder, FieldList.of("x-a", "1", "x-b", big, "x-a", "1"));
        assertEquals(0xbe, second[0] & 0xff, "x-a is still index 62 at first");
        assertEquals(List.of(new Field("x-a", "1"), new Field("x-b", big), new Field("x-a", "1")),
                decodeBlock(decoder, second));
        assertEquals(encoder.tableEntries(), decoder.tableEntries());
        assertEquals(encoder.tableSize(), decoder.tableSize());
    }

    // Huffman (§5.2)

    @Test
    void huffmanIsUsedOnlyWhenStrictlyShorter() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        // user-agent is static entry 58: 0x7a = with indexing, then the value's H bit and length.
        assertEquals("7a8c", prefix(encode(encoder, "user-agent", "www.example.com"), 2)); // 12 < 15
        assertEquals("7a04", prefix(encode(encoder, "user-agent", "~~~~"), 2)); // 13 bits each: raw
        assertEquals("7a01", prefix(encode(encoder, "user-agent", "&"), 2)); // 8 bits: a tie, raw
        assertEquals("4088", prefix(encode(encoder, "custom-key", "v"), 2)); // names too
    }

    // Dynamic table size updates (§4.2, §6.3)

    @Test
    void aPeerSettingOfZeroEmptiesTheTableAndIsSignalledFirst() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        decodeBlock(decoder, encode(encoder, "x-a", "1"));
        assertEquals(1, encoder.tableEntries());

        encoder.setPeerMaxTableSize(0);
        decoder.setMaxTableSize(0);
        byte[] block = encode(encoder, "x-a", "1");

        assertEquals("20", prefix(block, 1));
        assertEquals(0, encoder.tableEntries());
        assertEquals(0, encoder.tableSize());
        assertEquals(List.of(new Field("x-a", "1")), decodeBlock(decoder, block));
        assertEquals(0, decoder.tableEntries());
        assertEquals("000378", prefix(encode(encoder, "x-a", "1"), 3), "no second update; not indexed: nothing fits");
        assertEquals(0, encoder.tableEntries());
    }

    @Test
    void aSettingThatDipsAndRecoversSignalsTheMinimumThenTheFinalSize() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        encode(encoder, "x-a", "1");
        encoder.setPeerMaxTableSize(0);
        encoder.setPeerMaxTableSize(4096);
        byte[] block = encode(encoder, "x-b", "2");
        assertEquals("203fe11f", prefix(block, 4));
        assertEquals(1, encoder.tableEntries(), "x-a went with the dip; x-b is new");

        encoder.setPeerMaxTableSize(1000);
        encoder.setPeerMaxTableSize(2000);
        assertEquals("3fc9073fb10f", prefix(encode(encoder, "x-c", "3"), 6)); // 1000, then 2000
    }

    @Test
    void theEncoderNeverGrowsPastItsOwnMaximum() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        encoder.setPeerMaxTableSize(65536);
        assertEquals("82", hex(encode(encoder, ":method", "GET")), "still 4096: nothing to signal");
        assertEquals(4096, encoder.tableCapacity());
        encoder.setPeerMaxTableSize(4096);
        assertEquals("82", hex(encode(encoder, ":method", "GET")), "no change: nothing to signal");
    }

    @Test
    void aMaximumBelowTheDefaultIsSignalledInTheFirstBlock() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(100);
        assertEquals("3f4582", hex(encode(encoder, ":method", "GET"))); // update to 100
        assertEquals("82", hex(encode(encoder, ":method", "GET")));
        assertEquals(100, encoder.tableCapacity());
    }

    @Test
    void theTableStaysWithinItsSize() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        for (int i = 0; i < 2000; i++) {
            byte[] block = encode(encoder, "x-field-" + (i % 97), "value-" + i + "-" + "z".repeat(i % 300));
            decodeBlock(decoder, block);
            assertTrue(encoder.tableSize() <= 4096, "size " + encoder.tableSize());
            assertTrue(encoder.tableEntries() <= 4096 / 32);
            assertEquals(encoder.tableSize(), decoder.tableSize());
        }
    }

    private static byte[] encode(JavaHpackEncoder encoder, String name, String value) throws Exception {
        return encode(encoder, FieldList.of(name, value));
    }

    private static byte[] encode(JavaHpackEncoder encoder, FieldList fields) throws Exception {
        BlockBuffer out = new BlockBuffer();
        encoder.encode(fields, out);
        return out.toByteArray();
    }

    private static String prefix(byte[] block, int n) {
        return hex(Arrays.copyOf(block, Math.min(n, block.length)));
    }
}
