package hyper.impl.hpack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Hashing, comparing and checking field octets for the encoder's table lookups, 8 octets at a time. */
final class FieldNames {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd
    private static final long K2 = 0xC2B2AE3D27D4EB4FL; // another odd 64-bit mixing constant
    /** The bit {@link #scanName} sets when the name has an upper-case letter. */
    static final long UPPERCASE = 1L << 32;

    private FieldNames() {
    }

    /**
     * One pass over a name: its hash (the low 32 bits) and whether it has an upper-case ASCII letter
     * ({@link #UPPERCASE}; HTTP/2 names are lower case, RFC 9113 §8.2.1). The encoder must look at every
     * octet of a name anyway, so the hash covers all of them.
     */
    static long scanName(byte[] name) {
        int len = name.length;
        long h = len * K;
        long upper;
        if (len >= 8) {
            upper = 0;
            int i = 0;
            for (; i + 8 < len; i += 8) {
                long w = (long) LONG_LE.get(name, i);
                upper |= uppercaseBits(w);
                // The multiplications do not depend on one another; only a rotate and an add are chained.
                h = Long.rotateLeft(h, 23) + w * K;
            }
            long w = (long) LONG_LE.get(name, len - 8); // the last 8, overlapping
            upper |= uppercaseBits(w);
            h = Long.rotateLeft(h, 23) + w * K2;
        } else {
            long w = shortWord(name, len);
            upper = uppercaseBits(w);
            h = (h ^ w) * K2;
        }
        int hash = (int) ((h ^ (h >>> 29)) * K >>> 32);
        return (upper != 0 ? UPPERCASE : 0) | (hash & 0xffffffffL);
    }

    /** The hash {@link #scanName} gives {@code name}. */
    static int nameHash(byte[] name) {
        return (int) scanName(name);
    }

    /**
     * A hash of a name or value from its length and its first, middle and last 8 octets: cheap whatever the
     * length, and only a filter in front of an octet comparison, so strings that differ only elsewhere cost
     * an extra comparison, never a wrong match.
     */
    static int sampleHash(byte[] value) {
        int len = value.length;
        long h;
        if (len >= 8) {
            h = ((long) LONG_LE.get(value, 0) * K) ^ Long.rotateLeft((long) LONG_LE.get(value, len - 8) * K2, 31);
            if (len > 16) {
                h ^= Long.rotateLeft((long) LONG_LE.get(value, (len >>> 1) - 4) * K, 17);
            }
        } else {
            h = shortWord(value, len) * K;
        }
        h = (h ^ len ^ (h >>> 29)) * K2;
        return (int) (h >>> 32);
    }

    /** The octets of a string shorter than 8 in one word (the two halves may overlap). */
    private static long shortWord(byte[] s, int len) {
        return shortWord(s, 0, len);
    }

    /** The octets {@code s[off, off+len)}, {@code len < 8}, in one word (the two halves may overlap). */
    private static long shortWord(byte[] s, int off, int len) {
        if (len >= 4) {
            return ((int) INT_LE.get(s, off) & 0xffffffffL) << 32 | ((int) INT_LE.get(s, off + len - 4) & 0xffffffffL);
        }
        long w = 0;
        for (int i = off, end = off + len; i < end; i++) {
            w = (w << 8) | (s[i] & 0xff);
        }
        return w;
    }

    /**
     * Whether {@code a[off, off+len)} holds the octets of {@code b}, which has {@code len} of them. Callers
     * compare only after a hash and the lengths matched, so the octets almost always are equal: the loop
     * folds the differences instead of branching on every word.
     */
    static boolean equalsAt(byte[] a, int off, byte[] b, int len) {
        if (len >= 8) {
            long diff = 0;
            int last = len - 8;
            for (int i = 0; i < last; i += 8) {
                diff |= (long) LONG_LE.get(a, off + i) ^ (long) LONG_LE.get(b, i);
            }
            diff |= (long) LONG_LE.get(a, off + last) ^ (long) LONG_LE.get(b, last); // the last 8, overlapping
            return diff == 0;
        }
        return shortWord(a, off, len) == shortWord(b, 0, len);
    }

    /**
     * The high bit of each of 8 octets that is in 'A'..'Z'. Per octet v below 0x80: v + 0x3f carries into
     * bit 7 from 'A' on and v + 0x25 from '[' on; the low 7 bits never carry into the next octet.
     */
    private static long uppercaseBits(long x) {
        long t = x & 0x7f7f7f7f7f7f7f7fL;
        return (t + 0x3f3f3f3f3f3f3f3fL) & ~(t + 0x2525252525252525L) & ~x & 0x8080808080808080L;
    }

    /** Whether {@code name} has an upper-case ASCII letter. */
    static boolean hasUppercase(byte[] name) {
        return (scanName(name) & UPPERCASE) != 0;
    }

    /** The position of the first upper-case ASCII letter in {@code name}, or -1; for error messages. */
    static int firstUppercase(byte[] name) {
        for (int i = 0; i < name.length; i++) {
            int b = name[i];
            if (b >= 'A' && b <= 'Z') {
                return i;
            }
        }
        return -1;
    }
}
