package hyper.impl.hpack;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The static Huffman code of RFC 7541 Appendix B, for string literals (§5.2).
 *
 * <p>The code is canonical, so it is rebuilt from the code lengths alone: symbols sorted by (length, value)
 * take consecutive codes. Decoding peeks 8 bits at a time into a tree of 256-entry tables (the first table
 * resolves every code of up to 8 bits, which covers the letters, digits and common punctuation), so one
 * table load decodes most symbols; there is no per-bit loop and nothing is allocated.
 */
final class Huffman {
    /** The end-of-string symbol; finding it in a string is an error (§5.2). */
    static final int EOS = 256;

    /** Code length in bits of each symbol 0..256, from RFC 7541 Appendix B. */
    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, //   0-15
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, //  16-31
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,         //  ' ' .. '/'
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,              //  '0' .. '?'
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,                //  '@' .. 'O'
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,             //  'P' .. '_'
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,                //  '`' .. 'o'
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,            //  'p' .. 127
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, // 128-143
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, // 144-159
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23, // 160-175
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, // 176-191
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25, // 192-207
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, // 208-223
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, // 224-239
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26, // 240-255
        30,                                                             // EOS
    };

    /** The code of each symbol, aligned to the least significant bit. */
    private static final int[] CODES = new int[257];

    /** For the encoder, one load per octet: {@code code << 8 | length} for each octet value. */
    private static final long[] PACKED = new long[256];

    /**
     * Decoding tables, 256 entries each, laid end to end; table 0 is indexed by the next 8 input bits.
     * An entry {@code >= 0} is a leaf: {@code codeLength << 9 | symbol}. An entry {@code < 0} points to the
     * table ({@code ~entry} is its offset) indexed by the following 8 bits.
     */
    private static final int[] TABLES;

    /**
     * The fast path: indexed by the next 12 input bits, the one or two whole codes they start with.
     * {@code count << 21 | bits << 16 | second << 8 | first}; count 0 when the first code is longer than
     * 12 bits. Most letters and digits have 5-7 bit codes, so one load usually decodes two symbols.
     */
    private static final int[] PAIRS = new int[1 << 12];

    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    static {
        assignCanonicalCodes();
        for (int c = 0; c < 256; c++) {
            PACKED[c] = (long) CODES[c] << 8 | LENGTHS[c];
        }
        TABLES = buildDecodingTables();
        buildPairs();
    }

    private Huffman() {
    }

    /** Octets the Huffman encoding of {@code s[off, off+len)} takes, padding included. */
    static long encodedLength(byte[] s, int off, int len) {
        byte[] lengths = LENGTHS;
        long bits = 0;
        for (int i = off, end = off + len; i < end; i++) {
            bits += lengths[s[i] & 0xff];
        }
        return (bits + 7) >>> 3;
    }

    /**
     * Huffman-encodes {@code s[off, off+len)} into {@code out} at {@code pos}, padding the last octet with the
     * most significant bits of EOS (all ones, §5.2). The caller has made room for {@link #encodedLength} octets.
     *
     * @return the position after the encoded string
     */
    static int encode(byte[] s, int off, int len, byte[] out, int pos) {
        return encode(s, off, len, out, pos, Integer.MAX_VALUE - 8);
    }

    /**
     * Huffman-encodes {@code s[off, off+len)} into {@code out} at {@code pos} unless the result would end
     * past {@code maxEnd}: the encoder's single pass for "Huffman only when shorter". It may scribble up to
     * 3 octets past {@code maxEnd} before giving up, so the caller leaves that much room.
     *
     * @return the position after the encoded string, or -1 if it would not end by {@code maxEnd}
     */
    static int encode(byte[] s, int off, int len, byte[] out, int pos, int maxEnd) {
        long[] packed = PACKED;
        long acc = 0; // pending bits, right-aligned; fewer than 32 between iterations, so a 30-bit code fits
        int bits = 0;
        for (int i = off, end = off + len; i < end; i++) {
            long e = packed[s[i] & 0xff];
            int length = (int) e & 0xff;
            acc = (acc << length) | (e >>> 8);
            bits += length;
            if (bits >= 32) {
                bits -= 32;
                INT_BE.set(out, pos, (int) (acc >>> bits));
                pos += 4;
                if (pos > maxEnd) {
                    return -1;
                }
            }
        }
        while (bits >= 8) {
            bits -= 8;
            out[pos++] = (byte) (acc >>> bits);
        }
        if (bits > 0) {
            out[pos++] = (byte) ((acc << (8 - bits)) | (0xff >>> bits));
        }
        return pos <= maxEnd ? pos : -1;
    }

    /**
     * The room {@link #decode} needs for {@code encodedLength} octets: what they can decode to (the shortest
     * code has 5 bits), plus one octet the two-symbol fast path may write past the end.
     */
    static int maxDecodedLength(int encodedLength) {
        return (int) Math.min(Integer.MAX_VALUE - 8, (encodedLength * 8L) / 5 + 1);
    }

    /** The fewest octets {@code encodedLength} octets can decode to: the longest code has 30 bits, padding 7. */
    static int minDecodedLength(int encodedLength) {
        return (int) Math.max(0, (encodedLength * 8L - 7 + 29) / 30);
    }

    /**
     * Decodes {@code src[off, off+len)} into {@code out} at {@code pos}; {@code out} has room for
     * {@link #maxDecodedLength(int)} octets after {@code pos}.
     *
     * @return the position after the decoded octets
     * @throws HpackDecodingException INVALID_HUFFMAN for EOS, padding over 7 bits, or padding that is not all ones
     */
    static int decode(byte[] src, int off, int len, byte[] out, int pos) throws HpackDecodingException {
        final int[] tables = TABLES;
        final int[] pairs = PAIRS;
        final int end = off + len;
        int i = off;
        // Unread bits, left-aligned: the next code starts at bit 63. Left-aligned, the fast path's table index is one
        // shift of acc, and consuming is one shift: the chain from one lookup to the next is as short as it gets.
        long acc = 0;
        int bits = 0;
        while (true) {
            // Refill so that at least 30 bits (the longest code) are buffered, unless the input is exhausted.
            if (bits < 30) {
                if (end - i >= 4) {
                    acc |= ((int) INT_BE.get(src, i) & 0xffffffffL) << (32 - bits);
                    i += 4;
                    bits += 32;
                } else {
                    while (i < end) {
                        acc |= (src[i++] & 0xffL) << (56 - bits);
                        bits += 8;
                    }
                    if (bits == 0) {
                        return pos;
                    }
                }
            }
            if (bits >= 12) {
                int e = pairs[(int) (acc >>> 52)];
                if (e != 0) { // one or two codes within 12 bits: the common case
                    out[pos] = (byte) e;
                    out[pos + 1] = (byte) (e >>> 8); // overwritten next time when there was only one
                    pos += e >>> 21;
                    int consumed = (e >>> 16) & 0x1f;
                    acc <<= consumed;
                    bits -= consumed;
                    continue;
                }
            }
            int e = lookupLong(tables, acc >>> (64 - bits), bits); // right-aligned, as the tables are walked
            int codeLength = e >>> 9;
            if (codeLength > bits) {
                // What is left is shorter than any code it starts: it must be padding (§5.2).
                long ones = (1L << bits) - 1;
                if (bits > 7 || ((acc >>> (64 - bits)) & ones) != ones) {
                    throw new HpackDecodingException(Reason.INVALID_HUFFMAN,
                            bits > 7 ? "Huffman padding longer than 7 bits" : "Huffman padding is not all ones");
                }
                return pos;
            }
            if ((e & 0x1ff) == EOS) {
                throw new HpackDecodingException(Reason.INVALID_HUFFMAN, "Huffman string contains EOS");
            }
            acc <<= codeLength;
            bits -= codeLength;
            out[pos++] = (byte) e;
        }
    }

    /**
     * Walks the tables for a code longer than 8 bits, or for the last bits of the input. Bits past the end
     * of the input read as ones, so a leaf whose length exceeds {@code bits} means the rest is padding.
     */
    private static int lookupLong(int[] tables, long acc, int bits) {
        int base = 0;
        for (int level = 1; ; level++) {
            int shift = bits - 8 * level;
            long window = shift >= 0 ? acc >>> shift : (acc << -shift) | ((1L << -shift) - 1);
            int e = tables[base + ((int) window & 0xff)];
            if (e >= 0) {
                return e;
            }
            base = ~e;
        }
    }

    private static void assignCanonicalCodes() {
        long code = 0;
        int symbolsAssigned = 0;
        for (int length = 1; length <= 30; length++) {
            code <<= 1;
            for (int sym = 0; sym <= EOS; sym++) {
                if (LENGTHS[sym] == length) {
                    CODES[sym] = (int) code++;
                    symbolsAssigned++;
                }
            }
        }
        // A complete prefix code (Kraft sum exactly 1) uses up all 2^30 codes of 30 bits; anything else is a typo.
        if (symbolsAssigned != 257 || code != 1L << 30) {
            throw new ExceptionInInitializerError("RFC 7541 Appendix B code lengths are inconsistent");
        }
    }

    private static void buildPairs() {
        for (int window = 0; window < 1 << 12; window++) {
            int first = leafAt(window << 20, 32); // the window, left-aligned in 32 bits
            int firstLength = first >>> 9;
            if (firstLength > 12) {
                continue; // a long code: the slow path handles it
            }
            int rest = 12 - firstLength;
            int second = rest >= 5 ? leafAt(window << (20 + firstLength), 32) : 0;
            int secondLength = second >>> 9;
            boolean two = rest >= 5 && secondLength <= rest;
            PAIRS[window] = (two ? 2 : 1) << 21 | (firstLength + (two ? secondLength : 0)) << 16
                    | (two ? (second & 0xff) << 8 : 0) | (first & 0xff);
        }
    }

    /** The leaf {@code codeLength << 9 | symbol} of the code at the top of {@code bits} (which holds {@code n} bits). */
    private static int leafAt(int bits, int n) {
        return lookupLong(TABLES, bits & 0xffffffffL, n);
    }

    private static int[] buildDecodingTables() {
        List<int[]> tables = new ArrayList<>();
        tables.add(new int[256]);
        for (int sym = 0; sym <= EOS; sym++) {
            int length = LENGTHS[sym];
            int code = CODES[sym];
            int table = 0;
            int consumed = 0;
            while (length - consumed > 8) {
                int index = (code >>> (length - consumed - 8)) & 0xff;
                int e = tables.get(table)[index];
                if (e == 0) { // empty: a leaf is never 0, its length field is at least 5
                    tables.add(new int[256]);
                    e = ~(tables.size() - 1);
                    tables.get(table)[index] = e;
                }
                table = ~e;
                consumed += 8;
            }
            int rest = length - consumed; // 1..8 bits left, left-aligned in this table's 8-bit index
            int first = (code & ((1 << rest) - 1)) << (8 - rest);
            int leaf = (length << 9) | sym;
            for (int k = 0; k < 1 << (8 - rest); k++) {
                tables.get(table)[first + k] = leaf;
            }
        }
        int[] flat = new int[tables.size() * 256];
        for (int t = 0; t < tables.size(); t++) {
            int[] src = tables.get(t);
            for (int k = 0; k < 256; k++) {
                int e = src[k];
                flat[t * 256 + k] = e < 0 ? ~(~e * 256) : e;
            }
        }
        return flat;
    }
}
