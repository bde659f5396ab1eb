package hyper.impl.hpack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.HpackStories.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random traffic through an encoder and a decoder sharing a context, with the peer's table size changing
 * now and then: after every block both tables must hold the same entries. This drives the encoder's arena
 * through wrap-arounds, compactions and slot growth, and its hash chains through evictions.
 */
class TableStressTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 7541, 9113})
    void encoderAndDecoderTablesStayIdentical(long seed) throws Exception {
        Random random = new Random(seed);
        int max = 1 << (8 + random.nextInt(7)); // 256 .. 16384
        JavaHpackEncoder encoder = new JavaHpackEncoder(max);
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT.withMaxTableSize(max));
        String[] names = randomNames(random);
        BlockBuffer out = new BlockBuffer();
        for (int block = 0; block < 1500; block++) {
            if (random.nextInt(50) == 0) {
                int size = random.nextInt(4) == 0 ? 0 : random.nextInt(max + 1);
                encoder.setPeerMaxTableSize(size);
                decoder.setMaxTableSize(size);
                if (random.nextBoolean()) { // and sometimes back up before the next block
                    encoder.setPeerMaxTableSize(max);
                    decoder.setMaxTableSize(max);
                }
            }
            FieldList fields = new FieldList();
            List<Field> expected = new ArrayList<>();
            for (int f = random.nextInt(12); f >= 0; f--) {
                String name = names[random.nextInt(random.nextBoolean() ? 5 : names.length)];
                String value = randomValue(random);
                fields.add(name, value);
                expected.add(new Field(name, value));
            }
            out.reset();
            encoder.encode(fields, out);
            assertEquals(expected, HpackStories.decodeBlock(decoder, out.toByteArray()), "block " + block);
            assertTablesEqual(encoder, decoder, "block " + block);
            assertTrue(encoder.tableSize() <= encoder.tableCapacity());
        }
    }

    /**
     * The same traffic with about half the fields made of constant arrays (kept by the table, not copied,
     * and found by identity): every block must be the octets an encoder of copies writes, and the table the same.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 7541, 9113})
    void constantFieldsChangeNoOctet(long seed) throws Exception {
        Random random = new Random(seed);
        int max = 1 << (8 + random.nextInt(7));
        JavaHpackEncoder copies = new JavaHpackEncoder(max);
        JavaHpackEncoder mixed = new JavaHpackEncoder(max);
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT.withMaxTableSize(max));
        Map<String, byte[]> constants = new HashMap<>();
        String[] names = randomNames(random);
        BlockBuffer a = new BlockBuffer();
        BlockBuffer b = new BlockBuffer();
        for (int block = 0; block < 1500; block++) {
            if (random.nextInt(50) == 0) {
                int size = random.nextInt(4) == 0 ? 0 : random.nextInt(max + 1);
                copies.setPeerMaxTableSize(size);
                mixed.setPeerMaxTableSize(size);
                decoder.setMaxTableSize(size);
            }
            FieldList plain = new FieldList();
            FieldList some = new FieldList();
            List<Field> expected = new ArrayList<>();
            for (int f = random.nextInt(12); f >= 0; f--) {
                String name = names[random.nextInt(random.nextBoolean() ? 5 : names.length)];
                String value = random.nextInt(3) == 0 ? "v" + random.nextInt(6) : randomValue(random);
                plain.add(name, value);
                if (random.nextBoolean()) {
                    some.addConstant(constants.computeIfAbsent(name, s -> s.getBytes(UTF_8)),
                            constants.computeIfAbsent(value, s -> s.getBytes(UTF_8)));
                } else {
                    some.add(name, value);
                }
                expected.add(new Field(name, value));
            }
            a.reset();
            b.reset();
            copies.encode(plain, a);
            mixed.encode(some, b);
            assertArrayEquals(a.toByteArray(), b.toByteArray(), "block " + block);
            assertEquals(expected, HpackStories.decodeBlock(decoder, b.toByteArray()), "block " + block);
            assertTablesEqual(mixed, decoder, "block " + block);
        }
    }

    /** 40 names; the traffic draws from the first 5 half the time, so names repeat with other values. */
    private static String[] randomNames(Random random) {
        String[] names = new String[40];
        for (int i = 0; i < names.length; i++) {
            names[i] = "x-" + Integer.toString(random.nextInt(1 << 20), 36);
        }
        return names;
    }

    private static String randomValue(Random random) {
        switch (random.nextInt(4)) {
            case 0:
                return Integer.toString(random.nextInt(8)); // repeats: full matches
            case 1:
                return ""; // zero-length entries
            default:
                int length = random.nextInt(random.nextInt(10) == 0 ? 2000 : 120);
                StringBuilder s = new StringBuilder(length);
                for (int i = 0; i < length; i++) {
                    s.append((char) (' ' + random.nextInt(95)));
                }
                return s.toString();
        }
    }

    private static void assertTablesEqual(JavaHpackEncoder encoder, JavaHpackDecoder decoder, String where) {
        assertEquals(decoder.tableEntries(), encoder.tableEntries(), where);
        assertEquals(decoder.tableSize(), encoder.tableSize(), where);
        for (int i = 1; i <= decoder.tableEntries(); i++) {
            assertArrayEquals(decoder.entryName(i), encoder.entryName(i), where + " entry " + i);
            assertArrayEquals(decoder.entryValue(i), encoder.entryValue(i), where + " entry " + i);
        }
    }
}
