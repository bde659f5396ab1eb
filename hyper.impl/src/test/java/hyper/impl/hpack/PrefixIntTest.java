package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import org.junit.jupiter.api.Test;

/** Prefixed integers (RFC 7541 §5.1) at their edges; C.1's examples are in {@link AppendixCTest}. */
class PrefixIntTest {

    @Test
    void roundTripsEdgeValuesForEveryPrefixWidth() throws Exception {
        int[] values = {0, 1, 14, 15, 16, 30, 31, 32, 126, 127, 128, 254, 255, 256, 16383, 16384,
            (1 << 21) - 1, 1 << 21, (1 << 28) - 1, 1 << 28, Integer.MAX_VALUE - 1, Integer.MAX_VALUE};
        for (int bits = 1; bits <= 8; bits++) {
            int mask = (1 << bits) - 1;
            for (int v : values) {
                byte[] a = new byte[PrefixInt.MAX_OCTETS];
                int end = PrefixInt.encode(a, 0, 0, mask, v);
                long decoded = PrefixInt.decode(a, 0, end, mask);
                assertEquals(v, PrefixInt.value(decoded), v + " on " + bits + " bits");
                assertEquals(end, PrefixInt.next(decoded), v + " on " + bits + " bits");
            }
        }
    }

    @Test
    void asksForMoreWhenTheContinuationIsCut() throws Exception {
        byte[] a = hex("1f9a0a");
        assertEquals(PrefixInt.NEED_MORE, PrefixInt.decode(a, 0, 1, 0x1f));
        assertEquals(PrefixInt.NEED_MORE, PrefixInt.decode(a, 0, 2, 0x1f));
        assertEquals(1337, PrefixInt.value(PrefixInt.decode(a, 0, 3, 0x1f)));
    }

    @Test
    void acceptsTwoToThe31MinusOne() throws Exception {
        // 127 + 0 + 127<<7 + 127<<14 + 127<<21 + 7<<28 = 2^31 - 1
        byte[] a = hex("ff80ffffff07");
        assertEquals(Integer.MAX_VALUE, PrefixInt.value(PrefixInt.decode(a, 0, a.length, 0x7f)));
    }

    @Test
    void rejectsValuesAboveTwoToThe31MinusOne() {
        assertOverflow("ff81ffffff07"); // 2^31
        assertOverflow("ffffffffff0f"); // about 2^32
    }

    @Test
    void rejectsMoreThanFiveContinuationOctets() {
        assertOverflow("ff808080808000"); // value 127, padded with zero groups: a way to make decoders loop
        assertOverflow("ff8080808080"); // refused as soon as the fifth octet says "more", not after waiting
    }

    private static void assertOverflow(String hex) {
        byte[] a = hex(hex);
        HpackDecodingException e = assertThrows(HpackDecodingException.class,
                () -> PrefixInt.decode(a, 0, a.length, 0x7f));
        assertEquals(Reason.INTEGER_OVERFLOW, e.reason());
    }
}
