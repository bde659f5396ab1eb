package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HpackEncodingException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderFields;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.HpackStories.Case;
import hyper.impl.hpack.HpackStories.Field;
import hyper.impl.hpack.HpackStories.Story;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fields marked {@link hyper.api.spi.HeaderFields#constant}: found again by the identity of their arrays, and
 * encoded to exactly the octets the same fields get when they are not marked.
 */
class ConstantFieldsTest {

    static Stream<Arguments> tableSizesAndStories() {
        return Stream.of(0, 256, 4096).flatMap(size -> HpackStories.rawData().map(s -> Arguments.of(size, s)));
    }

    @ParameterizedTest(name = "table {0}: {1}")
    @MethodSource("tableSizesAndStories")
    void constantFieldsEncodeToTheSameOctetsAsOrdinaryOnes(int tableSize, Story story) throws Exception {
        JavaHpackEncoder ordinary = new JavaHpackEncoder(tableSize);
        JavaHpackEncoder constant = new JavaHpackEncoder(tableSize);
        JavaHpackEncoder vouched = new JavaHpackEncoder(tableSize); // constants, names vouched lower case too
        JavaHpackEncoder vouchedOrdinary = new JavaHpackEncoder(tableSize);
        HpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        Map<String, byte[]> pool = new HashMap<>(); // one array per distinct string, reused across blocks
        BlockBuffer a = new BlockBuffer();
        BlockBuffer b = new BlockBuffer();
        int block = 0;
        for (Case c : story.cases()) {
            if (block++ % 7 == 6) { // now and then the peer shrinks the table and restores it: entries evicted
                ordinary.setPeerMaxTableSize(tableSize / 4);
                ordinary.setPeerMaxTableSize(tableSize);
                constant.setPeerMaxTableSize(tableSize / 4);
                constant.setPeerMaxTableSize(tableSize);
                vouched.setPeerMaxTableSize(tableSize / 4);
                vouched.setPeerMaxTableSize(tableSize);
                vouchedOrdinary.setPeerMaxTableSize(tableSize / 4);
                vouchedOrdinary.setPeerMaxTableSize(tableSize);
            }
            FieldList pooled = new FieldList();
            FieldList pooledVouched = new FieldList().vouchLowerCase();
            for (Field f : c.headers()) {
                byte[] name = pool.computeIfAbsent(f.name(), s -> s.getBytes(UTF_8));
                byte[] value = pool.computeIfAbsent(f.value(), s -> s.getBytes(UTF_8));
                pooled.addConstant(name, value);
                pooledVouched.addConstant(name, value);
            }
            a.reset();
            b.reset();
            ordinary.encode(FieldList.of(c.headers()), a);
            constant.encode(pooled, b);
            assertEquals(hex(a.toByteArray()), hex(b.toByteArray()), story + " block " + c.seqno());
            assertEquals(hex(a.toByteArray()), hex(encode(vouched, pooledVouched)), story + " block " + c.seqno());
            assertEquals(hex(a.toByteArray()), hex(encode(vouchedOrdinary, FieldList.of(c.headers()).vouchLowerCase())),
                    story + " block " + c.seqno());
            assertEquals(c.headers(), decodeBlock(decoder, b.toByteArray()), story + " block " + c.seqno());
        }
    }

    @Test
    void aConstantFieldIsFoundByIdentityWithoutReadingItsOctets() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        byte[] name = "user-agent".getBytes(UTF_8);
        byte[] value = "hyper/1.0".getBytes(UTF_8);
        byte[] first = encode(encoder, new FieldList().addConstant(name, value));
        assertEquals(0x40 | 58, first[0] & 0xff, "literal with incremental indexing, name user-agent (58)");
        assertEquals("be", hex(encode(encoder, new FieldList().addConstant(name, value))), "found, and now cached");
        // Breaking the promise shows where the answer comes from: the octets changed, the identity did not.
        value[0] = 'X';
        assertEquals("be", hex(encode(encoder, new FieldList().addConstant(name, value))));
        // Other arrays are not constants: compared by octets, with the kept array's, which no longer match the
        // octets the field was added with.
        assertEquals(0x40 | 58, encode(encoder, FieldList.of("user-agent", "hyper/1.0"))[0] & 0xff);
    }

    @Test
    void aRefusedBlockLeavesNothingBehindEvenAfterACachedPrefix() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        byte[] name = "x-a".getBytes(UTF_8);
        byte[] value = "v".getBytes(UTF_8);
        encode(encoder, new FieldList().addConstant(name, value));
        encode(encoder, new FieldList().addConstant(name, value)); // now cached
        BlockBuffer out = new BlockBuffer();
        out.write(new byte[] {1, 2, 3}, 0, 3); // what the caller had already
        FieldList refused = new FieldList().addConstant(name, value).add("X-Upper", "1");
        assertThrows(HpackEncodingException.class, () -> encoder.encode(refused, out));
        assertEquals("010203", hex(out.toByteArray()), "the prefix's index was taken back");
        assertEquals(1, encoder.tableEntries());
        assertEquals("be", hex(encode(encoder, new FieldList().addConstant(name, value))));
    }

    @Test
    void aConstantNameWithAnUpperCaseLetterIsRefusedEveryTime() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        byte[] name = "X-Upper".getBytes(UTF_8);
        for (int block = 0; block < 3; block++) { // the first block scans it, the later ones remember the scan
            FieldList fields = new FieldList().addConstant("x-b".getBytes(UTF_8), new byte[0])
                    .addConstant(name, ("v" + block).getBytes(UTF_8));
            HpackEncodingException e = assertThrows(HpackEncodingException.class, () -> encode(encoder, fields));
            assertTrue(e.getMessage().contains("upper-case letter at octet 0"), e.getMessage());
        }
        assertEquals(0, encoder.tableEntries());
    }

    @Test
    void aStaticMatchIsRemembered() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        byte[] method = ":method".getBytes(UTF_8);
        byte[] get = "GET".getBytes(UTF_8);
        assertEquals("82", hex(encode(encoder, new FieldList().addConstant(method, get))));
        get[0] = 'P'; // as above: identity, not octets, answers now
        assertEquals("82", hex(encode(encoder, new FieldList().addConstant(method, get))));
        assertEquals(0, encoder.tableEntries());
    }

    @Test
    void anEvictedEntryIsNotReferredToAgain() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        encoder.setPeerMaxTableSize(100); // room for one 60-octet entry
        byte[] name = "x-a".getBytes(UTF_8);
        byte[] value = "1".repeat(25).getBytes(UTF_8);
        encode(encoder, new FieldList().addConstant(name, value));
        assertEquals("be", hex(encode(encoder, new FieldList().addConstant(name, value))));
        encode(encoder, FieldList.of("x-b", "2".repeat(25))); // evicts x-a
        byte[] again = encode(encoder, new FieldList().addConstant(name, value));
        assertEquals(0x40, again[0] & 0xff, "a literal again: " + hex(again));
        // And within one block: the entry is evicted by the block's own insertion before the field is sent.
        byte[] block = encode(encoder, new FieldList().add("x-c", "3".repeat(25)).addConstant(name, value));
        // Two literals with new names (nothing refers to the table), so a fresh decoder reads it whole.
        List<Field> expected = List.of(new Field("x-c", "3".repeat(25)), new Field("x-a", "1".repeat(25)));
        assertEquals(expected, decodeBlock(new JavaHpackDecoder(HpackLimits.DEFAULT), block));
        assertEquals(0x40, block[0] & 0xff);
    }

    @Test
    void aTableSizeUpdateToZeroEmptiesWhatTheCacheKnows() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        byte[] name = "x-a".getBytes(UTF_8);
        byte[] value = "v".getBytes(UTF_8);
        encode(encoder, new FieldList().addConstant(name, value));
        encoder.setPeerMaxTableSize(0);
        byte[] block = encode(encoder, new FieldList().addConstant(name, value));
        assertEquals("20", hex(block).substring(0, 2), "size update to 0 first");
        assertEquals(0x00, block[1] & 0xff, "then a literal with a literal name: nothing is left to refer to");
    }

    @Test
    void aSensitiveConstantFieldIsNeverIndexed() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        byte[] name = "x-token".getBytes(UTF_8);
        byte[] value = "secret-secret-secret".getBytes(UTF_8);
        encode(encoder, new FieldList().addConstant(name, value)); // cached as a dynamic entry
        HeaderFields sensitive = new HeaderFields() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public byte[] name(int i) {
                return name;
            }

            @Override
            public byte[] value(int i) {
                return value;
            }

            @Override
            public boolean sensitive(int i) {
                return true;
            }

            @Override
            public boolean constant(int i) {
                return true;
            }
        };
        BlockBuffer out = new BlockBuffer();
        encoder.encode(sensitive, out);
        assertEquals(0x10, out.array()[0] & 0xf0, "never indexed (the name may come from the table)");
    }

    @Test
    void manyConstantFieldsInOneBlockAllRoundTrip() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        HpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        List<byte[]> names = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<Field> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) { // more than the cache's slots: neighbourhoods fill and are overwritten
            names.add(("x-" + i).getBytes(UTF_8));
            values.add(("v" + i).getBytes(UTF_8));
            expected.add(new Field("x-" + i, "v" + i));
        }
        for (int round = 0; round < 3; round++) {
            FieldList fields = new FieldList();
            for (int i = 0; i < names.size(); i++) {
                fields.addConstant(names.get(i), values.get(i));
            }
            assertEquals(expected, decodeBlock(decoder, encode(encoder, fields)), "round " + round);
        }
    }

    private static byte[] encode(JavaHpackEncoder encoder, FieldList fields) throws Exception {
        BlockBuffer out = new BlockBuffer();
        encoder.encode(fields, out);
        return out.toByteArray();
    }
}
