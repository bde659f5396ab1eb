package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Huffman code of RFC 7541 Appendix B and the rules of §5.2. */
class HuffmanTest {

    @Test
    void encodesTheStringsOfAppendixC() {
        assertEquals("f1e3c2e5f23a6ba0ab90f4ff", encode("www.example.com"));
        assertEquals("a8eb10649cbf", encode("no-cache"));
        assertEquals("25a849e95ba97d7f", encode("custom-key"));
        assertEquals("25a849e95bb8e8b4bf", encode("custom-value"));
        assertEquals("6402", encode("302"));
        assertEquals("d07abe941054d444a8200595040b8166e082a62d1bff", encode("Mon, 21 Oct 2013 20:13:21 GMT"));
        assertEquals("9d29ad171863c78f0b97c8e9ae82ae43d3", encode("https://www.example.com"));
    }

    @Test
    void rebuildsTheCodesOfAppendixBFromTheLengths() {
        // A few rows of the RFC's table, from each code length band, as (symbol, code, length).
        assertCode(0, 0x1ff8, 13);
        assertCode(10, 0x3ffffffc, 30);
        assertCode(' ', 0x14, 6);
        assertCode('0', 0x0, 5);
        assertCode('a', 0x3, 5);
        assertCode('\\', 0x7fff0, 19);
        assertCode(128, 0xfffe6, 20);
        assertCode(255, 0x3ffffee, 26);
    }

    private static void assertCode(int symbol, int code, int length) {
        byte[] one = {(byte) symbol};
        int paddedBits = (int) Huffman.encodedLength(one, 0, 1) * 8;
        assertEquals((length + 7) / 8, paddedBits / 8, "octets for symbol " + symbol);
        byte[] out = new byte[8];
        int n = Huffman.encode(one, 0, 1, out, 0);
        long bits = 0;
        for (int i = 0; i < n; i++) {
            bits = (bits << 8) | (out[i] & 0xff);
        }
        long expected = ((long) code << (paddedBits - length)) | ((1L << (paddedBits - length)) - 1);
        assertEquals(Long.toHexString(expected), Long.toHexString(bits), "code of symbol " + symbol);
    }

    @Test
    void everyOctetValueSurvivesARoundTrip() throws Exception {
        byte[] all = new byte[256 * 3];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i * 7);
        }
        assertArrayEquals(all, roundTrip(all));
    }

    @Test
    void randomStringsOfEveryLengthUpTo64SurviveARoundTrip() throws Exception {
        Random random = new Random(7541);
        for (int length = 0; length <= 64; length++) {
            for (int k = 0; k < 20; k++) {
                byte[] s = new byte[length];
                random.nextBytes(s);
                if (k % 2 == 0) { // half of them text-like, where short codes dominate
                    for (int i = 0; i < length; i++) {
                        s[i] = (byte) ('a' + Math.floorMod(s[i], 26));
                    }
                }
                assertArrayEquals(s, roundTrip(s), "length " + length);
            }
        }
    }

    @Test
    void rejectsEos() {
        // 30 ones are EOS; 32 ones leave it complete before 2 bits of padding.
        assertReason(Reason.INVALID_HUFFMAN, "ffffffff");
        // 'a' (00011) then EOS then padding.
        assertReason(Reason.INVALID_HUFFMAN, "1fffffffff");
    }

    @Test
    void rejectsPaddingLongerThanSevenBits() {
        // 'a' (00011) then 11 ones: the padding is all ones but longer than 7 bits.
        assertReason(Reason.INVALID_HUFFMAN, "1fff");
        // A whole octet of ones alone is 8 bits of padding.
        assertReason(Reason.INVALID_HUFFMAN, "ff");
    }

    @Test
    void rejectsPaddingThatIsNotAllOnes() {
        // 'a' (00011) then 000: a prefix of '0' (00000), not of EOS.
        assertReason(Reason.INVALID_HUFFMAN, "18");
        // 'a' then 110: ones then a zero.
        assertReason(Reason.INVALID_HUFFMAN, "1e");
    }

    @Test
    void acceptsUpToSevenBitsOfOnesAsPadding() throws Exception {
        assertEquals("a", decode("1f")); // 00011 + 111
        assertEquals("0", decode("07")); // 00000 + 111
        assertEquals("", decode(""));
    }

    @Test
    void boundsTheDecodedLength() {
        assertEquals(1 + 1, Huffman.maxDecodedLength(1)); // one octet of slack for the two-symbol fast path
        assertEquals(16 + 1, Huffman.maxDecodedLength(10));
        assertEquals(0, Huffman.minDecodedLength(0));
        assertEquals(1, Huffman.minDecodedLength(1)); // one octet with at most 7 bits of padding holds a symbol
        assertEquals(2, Huffman.minDecodedLength(5)); // 40 bits: at least one 30-bit code and one more
        byte[] widest = new byte[40];
        Arrays.fill(widest, (byte) 10); // a 30-bit symbol
        assertEquals(Huffman.minDecodedLength((int) Huffman.encodedLength(widest, 0, widest.length)),
                widest.length);
    }

    private static void assertReason(Reason reason, String hex) {
        HpackDecodingException e = assertThrows(HpackDecodingException.class, () -> decode(hex));
        assertEquals(reason, e.reason());
    }

    private static String encode(String s) {
        byte[] in = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[(int) Huffman.encodedLength(in, 0, in.length)];
        assertEquals(out.length, Huffman.encode(in, 0, in.length, out, 0));
        return hex(out);
    }

    private static String decode(String hex) throws HpackDecodingException {
        byte[] in = hex(hex);
        byte[] out = new byte[Huffman.maxDecodedLength(in.length)];
        int n = Huffman.decode(in, 0, in.length, out, 0);
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static byte[] roundTrip(byte[] s) throws HpackDecodingException {
        byte[] encoded = new byte[(int) Huffman.encodedLength(s, 0, s.length)];
        assertEquals(encoded.length, Huffman.encode(s, 0, s.length, encoded, 0));
        byte[] out = new byte[Huffman.maxDecodedLength(encoded.length)];
        int n = Huffman.decode(encoded, 0, encoded.length, out, 0);
        return Arrays.copyOf(out, n);
    }
}
