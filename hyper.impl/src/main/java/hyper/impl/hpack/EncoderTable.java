package hyper.impl.hpack;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The encoder's dynamic table (RFC 7541 §2.3.2, §4) with a hash index for lookups.
 *
 * <p>Entries are numbered by a sequence number that grows with every insertion, so the dynamic index of an
 * entry is {@code insertCount - seq} and never needs renumbering. Per-entry metadata lives in parallel
 * {@code int} arrays indexed by {@code seq & mask}; the octets of names and values are copied into one
 * arena, used as a ring: an entry that does not fit before the end starts again at offset 0. An arena of
 * twice the table's capacity never runs out (the live octets then always leave a large enough gap), so
 * after warm-up inserting allocates nothing. The caller's arrays are retained only for fields it marks as
 * {@linkplain hyper.api.spi.HeaderFields#constant constants}: those entries keep the arrays (in
 * {@link #refs}) and take no octets of the arena, which saves the copy.
 *
 * <p>Two hash indexes: one by the (name, value) pair, which a warm connection hits for most fields, and one
 * by the name alone, for a literal with an indexed name. Each bucket holds the newest entry's sequence
 * number; each entry links to the previous bucket head ({@link #links}). Evicted entries are not unlinked: a link is
 * followed only while it leads to strictly older entries that are still live, and a candidate whose stored
 * hash and lengths match is compared octet by octet, so a stale or reused link can cost a comparison but
 * never yields a wrong index. The indexes are built only when lookups first need them (see {@link
 * #unlinked}): a new connection's first block, which starts with an empty table, only records its entries,
 * without even hashing their values (the pair hashes are computed from the entries' octets when the indexes
 * are built).
 *
 * <p>Nothing is allocated until the first entry; then the arrays are sized for the block being encoded
 * ({@link #reserve}: a new connection may send a handful of small blocks) and double on demand: the
 * slots, the indexes (allocated at the first lookup, rebuilt from the live entries) and the arena.
 */
final class EncoderTable {
    private static final Logger LOG = System.getLogger("hyper.hpack");
    private static final int MAX_BUCKETS = 4096;
    private static final int INITIAL_SLOTS = 8;
    /** Up to this many entries, a table whose indexes are not built yet is searched entry by entry. */
    private static final int SCAN_LIMIT = 32;
    /**
     * Entries an unindexed table may compare in searches before its indexes are built: enough for a first
     * block's few filter hits, while a table that stays small and is searched block after block (a warm
     * connection of large fields) soon gets its indexes instead of scanning for ever.
     */
    private static final int SCAN_BUDGET = 4 * SCAN_LIMIT;
    private static final int[] NO_INTS = new int[0];
    private static final byte[] NO_BYTES = new byte[0];
    private static final Object[] NO_REFS = new Object[0];

    /**
     * Per-entry metadata, {@link #STRIDE} ints per slot: where the octets start, the name's and the value's
     * lengths, and the name's hash. What only the indexes need is in {@link #links}, so a new connection's
     * first block, which builds none, zeroes 16 octets per slot, not 32.
     */
    private static final int STRIDE = 4;
    private static final int OFFSET = 0;
    private static final int NAME_LENGTH = 1;
    private static final int VALUE_LENGTH = 2;
    private static final int NAME_HASH = 3;
    /**
     * Per slot once the indexes are built, {@link #LINK_STRIDE} ints, so that following a chain touches one
     * array: the pair's hash, the name's hash again, and for each index the sequence number of the entry
     * that was bucket head before this one.
     */
    private static final int LINK_STRIDE = 4;
    private static final int LINK_PAIR_HASH = 0;
    private static final int LINK_NAME_HASH = 1;
    private static final int PAIR_NEXT = 2;
    private static final int NAME_NEXT = 3;
    private int[] meta = NO_INTS;
    /** {@link #LINK_STRIDE} ints per slot, allocated when the indexes are first built (see {@link #unlinked}). */
    private int[] links = NO_INTS;
    /**
     * Per slot, the caller's name and value arrays for an entry made from {@linkplain
     * hyper.api.spi.HeaderFields#constant constant} fields, which are kept instead of copied; null for an
     * entry whose octets are in the arena. Allocated with the first such entry.
     */
    private Object[] refs = NO_REFS;
    /** Slots minus one; a power of two minus one (-1 before the first entry). */
    private int slotMask = -1;
    /**
     * Sequence number of the newest entry in each bucket, pair buckets in the first half and name buckets in
     * the second; stale values are harmless (see class comment).
     */
    private int[] buckets = NO_INTS;
    /** Buckets per index minus one (-1 before the first entry). */
    private int bucketMask = -1;
    /** The most buckets per index the table's largest capacity can use. */
    private final int maxBuckets;
    /**
     * Whether the indexes are not kept up to date: true from the start (and after {@link #reset}) until a
     * lookup finds more than {@link #SCAN_LIMIT} entries or the {@link #SCAN_BUDGET} spent, and builds them
     * from the live entries. A new connection's first block starts with an empty table and looks up only
     * fields its own filter says may be there, so a connection that sends one block, or whose first block
     * repeats no name, never pays for linking.
     */
    private boolean unlinked = true;
    /** Entries left to compare entry by entry before the indexes are built ({@link #SCAN_BUDGET}). */
    private int scanBudget = SCAN_BUDGET;
    /** {@link #add} grows the indexes past this many entries: {@code bucketMask}, or never if unlinked or at {@link #maxBuckets}. */
    private int growBucketsAt = Integer.MAX_VALUE;

    private byte[] arena = NO_BYTES;
    /** Where the next entry's octets go. */
    private int arenaHead;
    /** The live octets run from the oldest entry to the arena's end, then from 0 to {@link #arenaHead}. */
    private boolean wrapped;

    /** Sequence number the next insertion gets; wraps around harmlessly (only differences are used). */
    private int insertCount;
    private int count;
    private int size;
    private int capacity;
    /** Set by the encoder when it is made, so logging costs one field read per change when it is off. */
    boolean debug;

    /**
     * @param capacity the current maximum size
     * @param maxCapacity the largest it may ever become, to size the hash index
     */
    EncoderTable(int capacity, int maxCapacity) {
        this.capacity = capacity;
        int maxEntries = Math.max(1, maxCapacity / DecoderTable.ENTRY_OVERHEAD);
        this.maxBuckets = Math.max(INITIAL_SLOTS, Math.min(MAX_BUCKETS, Integer.highestOneBit(maxEntries - 1) << 1));
    }

    /**
     * Sizes an empty table's arrays for a block of {@code fields} fields, the smallest of {@code smallest}
     * octets, holding {@code octets} octets of names and values to copy, and {@code keptFields} constant
     * fields whose arrays are kept, so that a new connection's first block allocates each array once, no
     * larger than it needs. (Twice the capacity would never need compacting, but short-lived connections rarely fill
     * the table: later blocks double the arena on demand, a handful of compactions per connection at most.)
     */
    void reserve(int fields, int smallest, long octets, int keptFields) {
        if (count != 0 || capacity < DecoderTable.ENTRY_OVERHEAD) {
            return; // in use, or nothing can be added
        }
        // No more entries than the table can hold at once: as many as the block's smallest field fits.
        long fit = capacity / ((long) smallest + DecoderTable.ENTRY_OVERHEAD);
        int entries = (int) Math.max(1, Math.min(fields, fit));
        int slots = Math.max(INITIAL_SLOTS, Integer.highestOneBit(entries - 1) << 1);
        if (slots > slotMask + 1) {
            meta = new int[slots * STRIDE];
            if (!unlinked) { // kept up to date: the links follow (the table is empty, so nothing to keep)
                links = new int[slots * LINK_STRIDE];
            }
            slotMask = slots - 1;
            refs = NO_REFS; // empty: reallocated below if needed
        }
        int bytes = (int) Math.min(octets, capacity);
        if (bytes > arena.length) {
            arena = new byte[Math.max(64, bytes)];
        }
        if (keptFields > 0 && refs.length < 2 * slots) {
            refs = new Object[2 * (slotMask + 1)];
        }
        arenaHead = 0;
        wrapped = false;
    }

    /** The hash of the pair ({@code name}, {@code value}) from the name's {@link FieldNames#nameHash} and the value's {@link FieldNames#sampleHash}. */
    static int pairHash(int nameHash, int valueHash) {
        return valueHash ^ Integer.rotateLeft(nameHash * 0x9E3779B1, 13);
    }

    /** Whether the indexes are built, so that {@link #add} needs the pair's hash. */
    boolean indexed() {
        return !unlinked;
    }

    /** How many entries were ever inserted (mod 2^32): a change means indexes moved. */
    int insertCount() {
        return insertCount;
    }

    /** Octets in use (§4.1). */
    int size() {
        return size;
    }

    /** The maximum size. */
    int capacity() {
        return capacity;
    }

    /** Number of entries. */
    int count() {
        return count;
    }

    /**
     * The dynamic index (1 = newest) of an entry equal to ({@code name}, {@code value}), or 0.
     *
     * @param nameHash {@link FieldNames#nameHash} of the name
     * @param pairHash {@link #pairHash} of the name's and the value's hashes
     */
    int findField(byte[] name, int nameHash, byte[] value, int pairHash) {
        final int nameLength = name.length;
        final int valueLength = value.length;
        if (count == 0) {
            return 0; // and the arrays may not exist yet
        }
        if (unlinked) {
            if (count <= SCAN_LIMIT && (scanBudget -= count) >= 0) {
                return scan(name, nameHash, value);
            }
            buildIndexes();
        }
        final int[] l = links;
        final int mask = slotMask;
        int seq = buckets[pairHash & bucketMask];
        int previousAge = -1;
        while (true) {
            int age = insertCount - 1 - seq;
            if (age <= previousAge || age >= count) { // not live, or not older than the last one: end of chain
                return 0;
            }
            int slot = seq & mask;
            if (l[slot * LINK_STRIDE + LINK_PAIR_HASH] == pairHash && matches(slot, name, nameLength, value, valueLength)) {
                return age + 1;
            }
            previousAge = age;
            seq = l[slot * LINK_STRIDE + PAIR_NEXT];
        }
    }

    /**
     * Whether the entry in {@code slot} has a name of {@code nameLength} octets equal to {@code name} and, if
     * {@code value} is not null, a value equal to it.
     */
    private boolean matches(int slot, byte[] name, int nameLength, byte[] value, int valueLength) {
        int base = slot * STRIDE;
        final int[] m = meta;
        if (m[base + NAME_LENGTH] != nameLength || value != null && m[base + VALUE_LENGTH] != valueLength) {
            return false;
        }
        Object kept = refs.length == 0 ? null : refs[2 * slot];
        if (kept == null) {
            int off = m[base + OFFSET];
            return (value == null || FieldNames.equalsAt(arena, off + nameLength, value, valueLength))
                    && FieldNames.equalsAt(arena, off, name, nameLength);
        }
        return (value == null || sameOctets((byte[]) refs[2 * slot + 1], value, valueLength))
                && sameOctets((byte[]) kept, name, nameLength);
    }

    /**
     * The dynamic index (1 = newest) of the newest entry named {@code name}, or 0.
     *
     * @param nameHash {@link FieldNames#nameHash} of the name
     */
    int findName(byte[] name, int nameHash) {
        final int nameLength = name.length;
        if (count == 0) {
            return 0;
        }
        if (unlinked) {
            if (count <= SCAN_LIMIT && (scanBudget -= count) >= 0) {
                return scan(name, nameHash, null);
            }
            buildIndexes();
        }
        final int[] l = links;
        final int mask = slotMask;
        int seq = buckets[bucketMask + 1 + (nameHash & bucketMask)];
        int previousAge = -1;
        while (true) {
            int age = insertCount - 1 - seq;
            if (age <= previousAge || age >= count) {
                return 0;
            }
            int slot = seq & mask;
            if (l[slot * LINK_STRIDE + LINK_NAME_HASH] == nameHash && matches(slot, name, nameLength, null, 0)) {
                return age + 1;
            }
            previousAge = age;
            seq = l[slot * LINK_STRIDE + NAME_NEXT];
        }
    }

    /**
     * {@link #findField} ({@code value} not null) or {@link #findName} ({@code value} null) without the
     * indexes: every entry, newest first, by the name's hash and the lengths. For a table of a few entries
     * not indexed yet: a first block whose filter let a field through (a repeated name, or two names whose
     * hashes share a bit) then need not build the indexes, nor hash values for them.
     */
    private int scan(byte[] name, int nameHash, byte[] value) {
        final int[] m = meta;
        final int nameLength = name.length;
        final int valueLength = value == null ? 0 : value.length;
        for (int age = 0; age < count; age++) {
            int slot = (insertCount - 1 - age) & slotMask;
            if (m[slot * STRIDE + NAME_HASH] == nameHash && matches(slot, name, nameLength, value, valueLength)) {
                return age + 1;
            }
        }
        return 0;
    }

    /** Whether {@code kept} (an array of {@code length} octets) holds the octets of {@code s}. */
    private static boolean sameOctets(byte[] kept, byte[] s, int length) {
        return kept == s || FieldNames.equalsAt(kept, 0, s, length);
    }

    /**
     * Adds the field, evicting as needed; one larger than the table empties it (§4.4). Its octets are copied,
     * unless {@code keep}: then the arrays themselves are kept (they are constants).
     *
     * @param pairHash {@link #pairHash} of the field, which only matters if {@link #indexed}: a new
     *        connection's first block need not hash its values
     */
    void add(byte[] name, int nameHash, byte[] value, int pairHash, boolean keep) {
        int nameLength = name.length;
        int valueLength = value.length;
        long entrySize = (long) nameLength + valueLength + DecoderTable.ENTRY_OVERHEAD;
        // Small enough to be inlined into the encoder: what is rare (evicting, growing) is in makeRoom.
        if (size + entrySize > capacity || count > slotMask || count > growBucketsAt) {
            if (!makeRoom(entrySize, keep ? 0 : nameLength + valueLength, keep)) {
                return;
            }
        }
        int seq = insertCount;
        int slot = seq & slotMask;
        int off;
        if (keep) {
            if (refs.length == 0) {
                refs = new Object[2 * (slotMask + 1)];
            }
            off = allocate(0); // no octets in the arena, but a place in its order (see evict)
            refs[2 * slot] = name;
            refs[2 * slot + 1] = value;
        } else {
            off = copyIn(name, value, slot);
        }
        insertCount++;
        int base = slot * STRIDE;
        meta[base + OFFSET] = off;
        meta[base + NAME_LENGTH] = nameLength;
        meta[base + VALUE_LENGTH] = valueLength;
        meta[base + NAME_HASH] = nameHash;
        if (!unlinked) {
            int at = slot * LINK_STRIDE;
            links[at + LINK_PAIR_HASH] = pairHash;
            links[at + LINK_NAME_HASH] = nameHash;
            link(seq, at);
        }
        count++;
        size += (int) entrySize;
        if (debug) {
            logInsert(name, valueLength);
        }
    }

    /** Copies the entry in slot {@code slot}'s octets into the arena; returns where they start. */
    private int copyIn(byte[] name, byte[] value, int slot) {
        int off = allocate(name.length + value.length);
        System.arraycopy(name, 0, arena, off, name.length);
        System.arraycopy(value, 0, arena, off + name.length, value.length);
        if (refs.length != 0) {
            refs[2 * slot] = null;
        }
        return off;
    }

    /**
     * Makes room for an entry of {@code entrySize} (§4.1) taking {@code octets} octets of the arena: evicts,
     * and sizes or grows the arrays. False if the entry is larger than the table, which is then empty (§4.4).
     */
    private boolean makeRoom(long entrySize, int octets, boolean keep) {
        if (entrySize > capacity) {
            if (debug) {
                LOG.log(Level.DEBUG, "HPACK encoder table cleared by an entry of " + entrySize + " octets");
            }
            clear();
            return false;
        }
        while (size + entrySize > capacity) {
            evict();
        }
        if (meta.length == 0) {
            reserve(1, 0, octets, keep ? 1 : 0);
        }
        if (count > slotMask) {
            growSlots();
        }
        if (count > growBucketsAt) {
            growBuckets();
        }
        return true;
    }

    private void logInsert(byte[] name, int valueLength) {
        LOG.log(Level.DEBUG, "HPACK encoder table insert " + new String(name, StandardCharsets.ISO_8859_1)
                + " (value of " + valueLength + " octets), size " + size + "/" + capacity);
    }

    /** Sets the maximum size, evicting what no longer fits (§4.3). */
    void setCapacity(int newCapacity) {
        if (debug) {
            LOG.log(Level.DEBUG, "HPACK encoder table resize " + capacity + " -> " + newCapacity);
        }
        capacity = newCapacity;
        while (size > capacity) {
            evict();
        }
    }

    /** Empties the table. */
    void clear() {
        while (count > 0) {
            evict();
        }
    }

    /**
     * Forgets every entry at once and sets the maximum size, without evicting one by one: takes back a refused
     * block that began with an empty table (its insertions and evictions never reached the wire, so they are
     * not logged one by one either).
     */
    void reset(int newCapacity) {
        if (debug && count != 0) {
            LOG.log(Level.DEBUG, "HPACK encoder table: a refused block's " + count + " entries taken back");
        }
        if (refs.length != 0) {
            Arrays.fill(refs, null); // lets go of the caller's arrays
        }
        count = 0;
        size = 0;
        arenaHead = 0;
        wrapped = false;
        capacity = newCapacity;
        unlinked = true; // nothing to index; stale heads would be harmless anyway
        scanBudget = SCAN_BUDGET;
        growBucketsAt = Integer.MAX_VALUE;
    }

    /** A copy of the name of entry {@code i} (1 = newest); for tests and logs. */
    byte[] name(int i) {
        int slot = (insertCount - i) & slotMask;
        if (refs.length != 0 && refs[2 * slot] != null) {
            return ((byte[]) refs[2 * slot]).clone();
        }
        int base = slot * STRIDE;
        return Arrays.copyOfRange(arena, meta[base + OFFSET], meta[base + OFFSET] + meta[base + NAME_LENGTH]);
    }

    /** A copy of the value of entry {@code i} (1 = newest); for tests and logs. */
    byte[] value(int i) {
        int slot = (insertCount - i) & slotMask;
        if (refs.length != 0 && refs[2 * slot + 1] != null) {
            return ((byte[]) refs[2 * slot + 1]).clone();
        }
        int base = slot * STRIDE;
        int start = meta[base + OFFSET] + meta[base + NAME_LENGTH];
        return Arrays.copyOfRange(arena, start, start + meta[base + VALUE_LENGTH]);
    }

    private void evict() {
        int slot = (insertCount - count) & slotMask;
        int base = slot * STRIDE;
        int off = meta[base + OFFSET];
        if (debug) {
            LOG.log(Level.DEBUG, "HPACK encoder table evict " + new String(name(count), StandardCharsets.ISO_8859_1)
                    + " (value of " + meta[base + VALUE_LENGTH] + " octets), size "
                    + (size - meta[base + NAME_LENGTH] - meta[base + VALUE_LENGTH] - DecoderTable.ENTRY_OVERHEAD)
                    + "/" + capacity);
        }
        if (refs.length != 0) { // a kept entry's arrays are let go; it had no octets in the arena
            refs[2 * slot] = null;
            refs[2 * slot + 1] = null;
        }
        count--;
        size -= meta[base + NAME_LENGTH] + meta[base + VALUE_LENGTH] + DecoderTable.ENTRY_OVERHEAD;
        // Entries before the wrap sit at offsets >= 1, the first one after it at 0: a drop means we crossed it.
        // A kept entry takes no octets but the offset the arena's head had, so offsets still never decrease
        // between two entries on one side of the wrap, and the first entry after it (which made it) has octets.
        if (wrapped && (count == 0 || oldestOffset() < off)) {
            wrapped = false;
        }
    }

    /** Finds {@code length} contiguous free octets in the arena. */
    private int allocate(int length) {
        if (count == 0) {
            arenaHead = 0;
            wrapped = false;
        }
        if (!wrapped) {
            if (arena.length - arenaHead >= length) {
                return take(length);
            }
            if (count > 0 && oldestOffset() >= length) {
                wrapped = true;
                arenaHead = 0;
                return take(length);
            }
        } else if (oldestOffset() - arenaHead >= length) {
            return take(length);
        }
        compact(length);
        return take(length);
    }

    private int take(int length) {
        int off = arenaHead;
        arenaHead += length;
        return off;
    }

    private int oldestOffset() {
        return meta[((insertCount - count) & slotMask) * STRIDE + OFFSET];
    }

    /** Moves the live octets, oldest first, to the start of a larger arena. */
    private void compact(int extra) {
        long live = (long) size - (long) count * DecoderTable.ENTRY_OVERHEAD;
        int newLength = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(arena.length * 2L, live + extra));
        byte[] fresh = new byte[newLength];
        int pos = 0;
        for (int age = count; age >= 1; age--) {
            int slot = (insertCount - age) & slotMask;
            int base = slot * STRIDE;
            int length = refs.length != 0 && refs[2 * slot] != null ? 0 : meta[base + NAME_LENGTH] + meta[base + VALUE_LENGTH];
            System.arraycopy(arena, meta[base + OFFSET], fresh, pos, length);
            meta[base + OFFSET] = pos;
            pos += length;
        }
        arena = fresh;
        arenaHead = pos;
        wrapped = false;
    }

    /** Makes entry {@code seq} (links at {@code at}) the head of its two buckets. */
    private void link(int seq, int at) {
        final int[] l = links;
        int pairBucket = l[at + LINK_PAIR_HASH] & bucketMask;
        l[at + PAIR_NEXT] = buckets[pairBucket];
        buckets[pairBucket] = seq;
        int nameBucket = bucketMask + 1 + (l[at + LINK_NAME_HASH] & bucketMask);
        l[at + NAME_NEXT] = buckets[nameBucket];
        buckets[nameBucket] = seq;
    }

    /** Doubles both indexes and relinks the live entries. */
    private void growBuckets() {
        int n = 2 * (bucketMask + 1);
        buckets = new int[2 * n];
        bucketMask = n - 1;
        relink();
    }

    /**
     * Builds the indexes, from now on kept up to date, from the live entries: as many buckets as slots (at
     * most {@link #maxBuckets}); an array already large enough is reused, its stale heads being harmless.
     * The live entries' pair hashes are computed here, from their octets: entries added before were not
     * given one.
     */
    private void buildIndexes() {
        int b = Math.min(maxBuckets, slotMask + 1);
        if (b > bucketMask + 1) {
            buckets = new int[2 * b];
            bucketMask = b - 1;
        }
        if (links.length < (slotMask + 1) * LINK_STRIDE) {
            links = new int[(slotMask + 1) * LINK_STRIDE];
        }
        for (int age = 1; age <= count; age++) {
            int slot = (insertCount - age) & slotMask;
            int base = slot * STRIDE;
            int nameHash = meta[base + NAME_HASH];
            int valueHash = refs.length != 0 && refs[2 * slot] != null
                    ? FieldNames.sampleHash((byte[]) refs[2 * slot + 1])
                    : FieldNames.sampleHash(arena, meta[base + OFFSET] + meta[base + NAME_LENGTH], meta[base + VALUE_LENGTH]);
            links[slot * LINK_STRIDE + LINK_PAIR_HASH] = pairHash(nameHash, valueHash);
            links[slot * LINK_STRIDE + LINK_NAME_HASH] = nameHash;
        }
        unlinked = false;
        relink();
    }

    /** Links the live entries, oldest first, so each chain runs newest to oldest. */
    private void relink() {
        for (int age = count; age >= 1; age--) {
            int seq = insertCount - age;
            link(seq, (seq & slotMask) * LINK_STRIDE);
        }
        growBucketsAt = bucketMask + 1 < maxBuckets ? bucketMask : Integer.MAX_VALUE;
    }

    private void growSlots() {
        int newMask = slotMask * 2 + 1;
        int[] fresh = new int[(newMask + 1) * STRIDE];
        int[] freshLinks = unlinked ? NO_INTS : new int[(newMask + 1) * LINK_STRIDE]; // built again if needed
        Object[] freshRefs = refs.length == 0 ? NO_REFS : new Object[2 * (newMask + 1)];
        for (int age = 1; age <= count; age++) {
            int seq = insertCount - age;
            System.arraycopy(meta, (seq & slotMask) * STRIDE, fresh, (seq & newMask) * STRIDE, STRIDE);
            if (!unlinked) {
                System.arraycopy(links, (seq & slotMask) * LINK_STRIDE, freshLinks, (seq & newMask) * LINK_STRIDE,
                        LINK_STRIDE);
            }
            if (freshRefs.length != 0) {
                freshRefs[2 * (seq & newMask)] = refs[2 * (seq & slotMask)];
                freshRefs[2 * (seq & newMask) + 1] = refs[2 * (seq & slotMask) + 1];
            }
        }
        meta = fresh;
        links = freshLinks;
        refs = freshRefs;
        slotMask = newMask;
    }
}
