package hyper.impl.hpack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Hashing and checks of field names for the encoder's table lookups. */
final class FieldNames {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd
    private static final long K2 = 0xC2B2AE3D27D4EB4FL; // another odd 64-bit mixing constant

    private FieldNames() {
    }

    /**
     * A hash of {@code name} from its length and its first, middle and last 8 octets: a name is hashed once
     * per field encoded, so this must cost the same few loads whatever the length. Names that differ only
     * elsewhere collide, which costs an extra comparison in a bucket, never a wrong match. Use the high
     * bits, or all of them.
     */
    static int hash(byte[] name) {
        int len = name.length;
        long h;
        if (len >= 8) {
            h = ((long) LONG_LE.get(name, 0) * K) ^ Long.rotateLeft((long) LONG_LE.get(name, len - 8) * K2, 31);
            if (len > 16) {
                h ^= Long.rotateLeft((long) LONG_LE.get(name, (len >>> 1) - 4) * K, 17);
            }
        } else if (len >= 4) {
            h = (((int) INT_LE.get(name, 0) & 0xffffffffL) << 32 | ((int) INT_LE.get(name, len - 4) & 0xffffffffL)) * K;
        } else {
            h = 0;
            for (int i = 0; i < len; i++) {
                h = (h << 8) | (name[i] & 0xff);
            }
            h *= K;
        }
        h = (h ^ len ^ (h >>> 29)) * K2;
        return (int) (h >>> 32);
    }

    /** Whether {@code name} has an upper-case ASCII letter; HTTP/2 names are lower case (RFC 9113 §8.2.1). */
    static boolean hasUppercase(byte[] name) {
        int len = name.length;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if (uppercaseIn((long) LONG_LE.get(name, i))) {
                return true;
            }
        }
        if (i == len) {
            return false;
        }
        if (len >= 8) {
            return uppercaseIn((long) LONG_LE.get(name, len - 8)); // the last 8, overlapping
        }
        for (; i < len; i++) {
            if (name[i] >= 'A' && name[i] <= 'Z') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether one of 8 octets is in 'A'..'Z'. Per octet v below 0x80: v + 0x3f carries into bit 7 from 'A'
     * on and v + 0x25 from '[' on; the low 7 bits never carry into the next octet.
     */
    private static boolean uppercaseIn(long x) {
        long t = x & 0x7f7f7f7f7f7f7f7fL;
        return ((t + 0x3f3f3f3f3f3f3f3fL) & ~(t + 0x2525252525252525L) & ~x & 0x8080808080808080L) != 0;
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
