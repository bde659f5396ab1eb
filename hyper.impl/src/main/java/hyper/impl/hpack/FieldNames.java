package hyper.impl.hpack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Hashing, comparing and checking field octets for the encoder's table lookups, 8 octets at a time. */
final class FieldNames {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd
    /** The bit {@link #scanName} sets when the name has an upper-case letter. */
    static final long UPPERCASE = 1L << 32;

    private FieldNames() {
    }

    /**
     * A name's hash (the low 32 bits) and whether it has an upper-case ASCII letter ({@link #UPPERCASE}),
     * in one long: what {@link ConstantFieldCache} remembers of a constant name.
     */
    static long scanName(byte[] name) {
        return (hasUppercase(name) ? UPPERCASE : 0) | (nameHash(name) & 0xffffffffL);
    }

    /**
     * The hash of a name for the static and dynamic tables: {@link #sampleHash}, so constant time whatever
     * its length. A name needs reading whole only if it is sent as a string (to check it for upper case),
     * which {@link #copyChecked} does as it copies it; a name found in a table needs no more than this.
     */
    static int nameHash(byte[] name) {
        return sampleHash(name);
    }

    /**
     * A hash of a name or value from its length and its first, middle and last 8 octets: cheap whatever the
     * length, and only a filter in front of an octet comparison, so strings that differ only elsewhere cost
     * an extra comparison, never a wrong match.
     */
    static int sampleHash(byte[] value) {
        return sampleHash(value, 0, value.length);
    }

    /** {@link #sampleHash} of the octets {@code s[off, off+len)}: a table entry's value, in its arena. */
    static int sampleHash(byte[] s, int off, int len) {
        long h;
        if (len >= 8) {
            // Rotations keep the samples apart (equal words do not cancel out); one multiplication mixes them.
            h = (long) LONG_LE.get(s, off) ^ Long.rotateLeft((long) LONG_LE.get(s, off + len - 8), 23);
            if (len > 16) {
                h ^= Long.rotateLeft((long) LONG_LE.get(s, off + (len >>> 1) - 4), 46);
            }
        } else {
            h = shortWord(s, off, len);
        }
        h = (h ^ (h >>> 29) ^ len) * K;
        return (int) (h >>> 32);
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
     * Bit 7 of each of 8 octets is set if the octet is in 'A'..'Z' (the other bits are noise, so callers
     * OR words together and mask once). Per octet v below 0x80: v + 0x3f carries into bit 7 from 'A' on and
     * v + 0x25 from '[' on; the low 7 bits never carry into the next octet, and octets from 0x80 are ruled out.
     */
    private static long uppercaseMarks(long x) {
        long t = x & 0x7f7f7f7f7f7f7f7fL;
        return (t + 0x3f3f3f3f3f3f3f3fL) & ~(t + 0x2525252525252525L) & ~x;
    }

    /** Whether {@code name} has an upper-case ASCII letter (HTTP/2 names are lower case, RFC 9113 §8.2.1). */
    static boolean hasUppercase(byte[] name) {
        int len = name.length;
        long acc;
        if (len >= 8) {
            acc = 0;
            int last = len - 8;
            for (int i = 0; i < last; i += 8) {
                acc |= uppercaseMarks((long) LONG_LE.get(name, i));
            }
            acc |= uppercaseMarks((long) LONG_LE.get(name, last)); // the last 8, overlapping
        } else {
            acc = uppercaseMarks(shortWord(name, 0, len));
        }
        return (acc & 0x8080808080808080L) != 0;
    }

    /**
     * Copies {@code src} whole to {@code dst[off..]} and says whether it had no upper-case ASCII letter: a
     * name sent as a string is read once, for both. {@code dst} must have room for {@code src}'s octets.
     */
    static boolean copyChecked(byte[] src, byte[] dst, int off) {
        int len = src.length;
        long acc = 0;
        if (len >= 8) {
            int last = len - 8;
            for (int i = 0; i < last; i += 8) { // as System.arraycopy would, plus the check
                long w = (long) LONG_LE.get(src, i);
                LONG_LE.set(dst, off + i, w);
                acc |= uppercaseMarks(w);
            }
            long w = (long) LONG_LE.get(src, last); // the last 8, overlapping
            LONG_LE.set(dst, off + last, w);
            acc |= uppercaseMarks(w);
        } else {
            acc = uppercaseMarks(shortWord(src, 0, len));
            for (int i = 0; i < len; i++) {
                dst[off + i] = src[i];
            }
        }
        return (acc & 0x8080808080808080L) == 0;
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
