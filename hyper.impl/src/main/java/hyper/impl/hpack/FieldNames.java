package hyper.impl.hpack;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Hashing and checks of field names for the encoder's table lookups. */
final class FieldNames {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd

    private FieldNames() {
    }

    /**
     * A hash of all of {@code name}, 8 octets per step: a name is hashed once per field encoded, so this
     * runs on every field, and names of 10-30 octets are the norm. Use the high bits, or all of them.
     */
    static int hash(byte[] name) {
        int len = name.length;
        long h = len * K;
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONG_LE.get(name, i)) * K, 31);
        }
        if (i < len) {
            long tail;
            if (len >= 8) {
                tail = (long) LONG_LE.get(name, len - 8); // overlaps octets already mixed in; still a function of the name
            } else {
                tail = 0;
                for (; i < len; i++) {
                    tail = (tail << 8) | (name[i] & 0xff);
                }
            }
            h = Long.rotateLeft((h ^ tail) * K, 31);
        }
        h = (h ^ (h >>> 32)) * K;
        return (int) (h >>> 32);
    }

    /** The position of the first upper-case ASCII letter in {@code name}, or -1; HTTP/2 names are lower case (RFC 9113 §8.2.1). */
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
