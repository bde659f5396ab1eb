package hyper.impl.hpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time name checks against a plain loop: every length from 0 to 41 (short words, one word, the
 * overlapping tail, several words), an upper-case letter in every position, and every octet value, non-ASCII
 * ones included (0xC1..0xDA are 'A'..'Z' plus 0x80, and are not upper case).
 */
class FieldNamesTest {

    @Test
    void everyOctetInEveryPositionOfEveryLength() {
        for (int length = 1; length <= 41; length++) {
            for (int position = 0; position < length; position++) {
                for (int octet = 0; octet < 256; octet++) {
                    byte[] name = filler(length);
                    name[position] = (byte) octet;
                    check(name);
                }
            }
        }
        check(new byte[0]);
    }

    @Test
    void twoMarkedOctetsAndNonAsciiNeighbours() {
        // Carries between octets must not make or hide a mark: upper case next to 0xff, 0x7f, 0x80 and 'Z' + 1.
        byte[] neighbours = {(byte) 0xff, 0x7f, (byte) 0x80, '[', '@', 'Z', 'A', (byte) 0xda, (byte) 0xc1, 0};
        for (int length = 2; length <= 17; length++) {
            for (int i = 0; i < length - 1; i++) {
                for (byte a : neighbours) {
                    for (byte b : neighbours) {
                        byte[] name = filler(length);
                        name[i] = a;
                        name[i + 1] = b;
                        check(name);
                    }
                }
            }
        }
    }

    @Test
    void theCopyWritesExactlyTheNameWhereAsked() {
        for (int length = 0; length <= 41; length++) {
            byte[] name = filler(length);
            for (int off = 0; off < 9; off++) {
                byte[] dst = new byte[off + length + 9];
                Arrays.fill(dst, (byte) 0x55);
                FieldNames.copyChecked(name, dst, off);
                byte[] expected = new byte[dst.length];
                Arrays.fill(expected, (byte) 0x55);
                System.arraycopy(name, 0, expected, off, length);
                assertArrayEquals(expected, dst, "length " + length + " at " + off);
            }
        }
    }

    @Test
    void aHashOfOctetsInsideAnArrayIsTheHashOfThoseOctetsAlone() {
        java.util.Random random = new java.util.Random(7);
        for (int length = 0; length <= 41; length++) {
            byte[] alone = new byte[length];
            random.nextBytes(alone);
            for (int off = 0; off < 9; off++) {
                for (int after = 0; after < 9; after += 8) {
                    byte[] inside = new byte[off + length + after];
                    random.nextBytes(inside);
                    System.arraycopy(alone, 0, inside, off, length);
                    assertEquals(FieldNames.sampleHash(alone), FieldNames.sampleHash(inside, off, length),
                            "length " + length + " at " + off + ", " + after + " after");
                }
            }
        }
    }

    private static void check(byte[] name) {
        boolean upper = plainHasUppercase(name);
        String what = HpackStories.hex(name);
        assertEquals(upper, FieldNames.hasUppercase(name), what);
        assertEquals(upper, (FieldNames.scanName(name) & FieldNames.UPPERCASE) != 0, what);
        assertEquals(FieldNames.nameHash(name), (int) FieldNames.scanName(name), what);
        byte[] copy = new byte[name.length + 2];
        assertEquals(!upper, FieldNames.copyChecked(name, copy, 1), what);
        assertArrayEquals(name, Arrays.copyOfRange(copy, 1, name.length + 1), what);
        assertEquals(upper ? firstUpper(name) : -1, FieldNames.firstUppercase(name), what);
    }

    private static boolean plainHasUppercase(byte[] name) {
        return firstUpper(name) >= 0;
    }

    private static int firstUpper(byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (name[i] >= 'A' && name[i] <= 'Z') {
                return i;
            }
        }
        return -1;
    }

    /** Lower-case letters, digits and '-', cycling. */
    private static byte[] filler(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) "abcdefghijklmnopqrstuvwxyz0123456789-".charAt(i % 37);
        }
        return b;
    }
}
