package hyper.impl.hpack;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;

/**
 * Prefixed integers (RFC 7541 §5.1).
 *
 * <pre>
 *   0   1   2   3   4   5   6   7
 * +---+---+---+---+---+---+---+---+
 * | ? | ? | ? |       Value       |   value &lt; 2^N-1 fits in the N-bit prefix
 * +---+---+---+-------------------+
 *
 * +---+---+---+---+---+---+---+---+
 * | ? | ? | ? | 1   1   1   1   1 |   prefix all ones: the rest follows,
 * +---+---+---+-------------------+   7 bits an octet, least significant first
 * | 1 |    Value-(2^N-1) LSB      |
 * +---+---------------------------+
 *                ...
 * +---+---------------------------+
 * | 0 |    Value-(2^N-1) MSB      |
 * +---+---------------------------+
 * </pre>
 */
final class PrefixInt {
    /** Returned by {@link #decode} when the integer continues past the end of the input. */
    static final long NEED_MORE = -1;

    /**
     * Five continuation octets carry 35 bits, enough for any value up to 2^31-1; a sixth can only be
     * overflow or zero padding meant to make us loop, so it is refused (RFC 7541 §5.1, §7.4).
     */
    private static final int MAX_CONTINUATION = 5;

    /** The most octets an encoded integer takes: the prefix octet and five continuation octets. */
    static final int MAX_OCTETS = 1 + MAX_CONTINUATION;

    private PrefixInt() {
    }

    /**
     * Decodes the integer whose prefix is {@code buf[pos] & mask}.
     *
     * @return {@code value << 32 | nextPosition}, or {@link #NEED_MORE} if {@code limit} cuts it short
     * @throws HpackDecodingException INTEGER_OVERFLOW past 2^31-1 or past five continuation octets
     */
    static long decode(byte[] buf, int pos, int limit, int mask) throws HpackDecodingException {
        int prefix = buf[pos] & mask;
        pos++;
        if (prefix < mask) {
            return ((long) prefix << 32) | pos;
        }
        long value = mask;
        int shift = 0;
        for (int n = 1; ; n++) {
            if (pos >= limit) {
                return NEED_MORE;
            }
            int b = buf[pos++];
            value += (long) (b & 0x7f) << shift;
            if (value > Integer.MAX_VALUE) {
                throw new HpackDecodingException(Reason.INTEGER_OVERFLOW, "HPACK integer exceeds 2^31-1");
            }
            if (b >= 0) { // high bit clear: last octet
                return (value << 32) | pos;
            }
            if (n == MAX_CONTINUATION) {
                throw new HpackDecodingException(Reason.INTEGER_OVERFLOW,
                        "HPACK integer longer than " + MAX_OCTETS + " octets");
            }
            shift += 7;
        }
    }

    /** The value half of a {@link #decode} result. */
    static int value(long decoded) {
        return (int) (decoded >>> 32);
    }

    /** The next-position half of a {@link #decode} result. */
    static int next(long decoded) {
        return (int) decoded;
    }

    /** Octets {@link #encode} takes for {@code value} with the prefix {@code mask}. */
    static int size(int mask, int value) {
        if (value < mask) {
            return 1;
        }
        int n = 2;
        for (value -= mask; value >= 0x80; value >>>= 7) {
            n++;
        }
        return n;
    }

    /**
     * Writes {@code value} with an N-bit prefix ({@code mask = 2^N-1}) into {@code a} at {@code pos}, the
     * first octet's high bits set to {@code flags}. The caller has made room for {@link #MAX_OCTETS} octets.
     *
     * @return the position after the integer
     */
    static int encode(byte[] a, int pos, int flags, int mask, int value) {
        if (value < mask) {
            a[pos] = (byte) (flags | value);
            return pos + 1;
        }
        a[pos++] = (byte) (flags | mask);
        value -= mask;
        while (value >= 0x80) {
            a[pos++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        a[pos] = (byte) value;
        return pos + 1;
    }
}
