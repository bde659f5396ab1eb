package hyper.impl.hpack;

import java.util.Arrays;

/**
 * Where the encoder last found each field made of {@linkplain hyper.api.spi.HeaderFields#constant constant}
 * arrays: a static index, or the insertion sequence number of a dynamic entry. A later block finds such a
 * field by the identity of its two arrays, without hashing or comparing octets, which is what a warm
 * connection mostly sends (its fixed pseudo-headers and client fields).
 *
 * <p>Sound because both sides are immutable: a dynamic entry never changes while it lives, and was made from
 * (or compared equal to) these octets; the arrays are constants by contract. A dynamic answer is checked
 * against the table before use: the entry may have been evicted since ({@link #dynamicIndex}).
 *
 * <p>Open addressing over a few slots from the arrays' identity hashes; a full neighbourhood overwrites its
 * first slot, so the cache is bounded and a miss just takes the ordinary path. Allocated at the first put (a field
 * is cached when it is found, not when it is inserted, so a one-block encoder never allocates it) and sized
 * from the largest block seen: two slots per field, at least 16.
 */
final class ConstantFieldCache {
    private static final int PROBES = 4;
    private static final int MIN_SLOTS = 16;
    private static final int MAX_SLOTS = 1024;
    /** Marks a static index in {@link #where}; a dynamic entry's sequence number is stored in the low 32 bits. */
    private static final long STATIC = 1L << 32;
    private static final Object[] NO_KEYS = new Object[0];
    private static final long[] NO_WHERE = new long[0];

    /** Name and value arrays per slot; a null name is an empty slot. */
    private Object[] keys = NO_KEYS;
    private long[] where = NO_WHERE;
    private int mask = -1;

    /** {@link #nameScan}'s answer for a name it does not know. */
    static final long NO_SCAN = -1L;
    /** Constant name arrays and their {@link FieldNames#scanName} results; a null key is an empty slot. */
    private Object[] names = NO_KEYS;
    private long[] scans = NO_WHERE;
    private int nameMask = -1;

    /** Makes room for blocks of {@code fields} fields; growing drops what was cached (it is only a cache). */
    private void reserve(int fields) {
        int slots = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, 2 * fields - 1)) << 1));
        if (slots > mask + 1) {
            keys = new Object[2 * slots];
            where = new long[slots];
            mask = slots - 1;
        }
    }

    /** Forgets every field (names' scans stay true: they depend on nothing but the constant octets). */
    void clear() {
        Arrays.fill(keys, null);
    }

    /** 0 if the field is not cached, else a code read with {@link #isStatic} and {@link #value}. */
    long find(byte[] name, byte[] value) {
        if (mask < 0) {
            return 0;
        }
        int slot = slot(name, value);
        for (int p = 0; p < PROBES; p++, slot = (slot + 1) & mask) {
            Object n = keys[2 * slot];
            if (n == name && keys[2 * slot + 1] == value) {
                return where[slot] | Long.MIN_VALUE; // never 0, even for sequence number 0
            }
            if (n == null) {
                return 0;
            }
        }
        return 0;
    }

    /** Whether a non-zero {@link #find} answer is a static index. */
    static boolean isStatic(long found) {
        return (found & STATIC) != 0;
    }

    /** The static index or dynamic sequence number of a non-zero {@link #find} answer. */
    static int value(long found) {
        return (int) found;
    }

    /** The dynamic index (1 = newest) of the entry numbered {@code sequence}, or 0 if it was evicted. */
    static int dynamicIndex(EncoderTable table, int sequence) {
        int age = table.insertCount() - 1 - sequence;
        return age >= 0 && age < table.count() ? age + 1 : 0;
    }

    /** Whether anything was ever cached. */
    boolean inUse() {
        return mask >= 0;
    }

    /** Remembers that the field is static entry {@code index}; blocks have up to {@code fields} fields. */
    void putStatic(byte[] name, byte[] value, int index, int fields) {
        put(name, value, STATIC | index, fields);
    }

    /** Remembers that the field is the dynamic entry numbered {@code sequence}; blocks have up to {@code fields} fields. */
    void putDynamic(byte[] name, byte[] value, int sequence, int fields) {
        put(name, value, sequence & 0xffffffffL, fields);
    }

    private void put(byte[] name, byte[] value, long at, int fields) {
        reserve(fields);
        int first = slot(name, value);
        int target = first;
        for (int p = 0, slot = first; p < PROBES; p++, slot = (slot + 1) & mask) {
            Object n = keys[2 * slot];
            if (n == null || (n == name && keys[2 * slot + 1] == value)) {
                target = slot;
                break;
            }
        }
        keys[2 * target] = name;
        keys[2 * target + 1] = value;
        where[target] = at;
    }

    /**
     * The {@link FieldNames#scanName} result of a constant name seen before, or {@link #NO_SCAN}: a long
     * name that is not in the table (a new literal every block) is then not read again to be checked for
     * upper case (when its caller does not vouch for it, {@link hyper.api.spi.HeaderFields#lowerCase}).
     */
    long nameScan(byte[] name) {
        if (nameMask < 0) {
            return NO_SCAN;
        }
        int slot = nameSlot(name);
        for (int p = 0; p < PROBES; p++, slot = (slot + 1) & nameMask) {
            Object n = names[slot];
            if (n == name) {
                return scans[slot];
            }
            if (n == null) {
                return NO_SCAN;
            }
        }
        return NO_SCAN;
    }

    /** Remembers a constant name's {@link FieldNames#scanName} result; blocks have up to {@code fields} fields. */
    void putNameScan(byte[] name, long scan, int fields) {
        int slots = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, Integer.highestOneBit(Math.max(1, 2 * fields - 1)) << 1));
        if (slots > nameMask + 1) {
            names = new Object[slots];
            scans = new long[slots];
            nameMask = slots - 1;
        }
        int first = nameSlot(name);
        int target = first;
        for (int p = 0, slot = first; p < PROBES; p++, slot = (slot + 1) & nameMask) {
            if (names[slot] == null || names[slot] == name) {
                target = slot;
                break;
            }
        }
        names[target] = name;
        scans[target] = scan;
    }

    private int nameSlot(byte[] name) {
        int h = System.identityHashCode(name) * 0x9E3779B1;
        return (h ^ (h >>> 16)) & nameMask;
    }

    private int slot(byte[] name, byte[] value) {
        int h = System.identityHashCode(name) * 0x9E3779B1 + System.identityHashCode(value);
        return (h ^ (h >>> 16)) & mask;
    }
}
