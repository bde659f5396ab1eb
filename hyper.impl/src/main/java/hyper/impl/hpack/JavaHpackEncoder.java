package hyper.impl.hpack;

import hyper.api.HpackEncodingException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderFields;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HuffmanPolicy;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * hyper's HPACK encoder (RFC 7541).
 *
 * <p>Each field becomes, in order of preference: an index into the dynamic then the static table (§6.1;
 * the dynamic table comes first because a warm connection finds most fields there); else a literal with
 * an indexed name if the name is in a table, added to the dynamic table, left out of it, or never indexed
 * as {@link IndexingPolicy} and {@link HeaderFields#sensitive} decide (§6.2). String literals are
 * Huffman-coded as the {@link HuffmanPolicy} says: by default whenever that is strictly shorter (§5.2).
 * Octets are written straight into the {@link BlockBuffer}'s array; after warm-up nothing is allocated.
 * Fields whose arrays are {@linkplain HeaderFields#constant constants} are remembered by identity
 * ({@link ConstantFieldCache}), so a warm connection sends them without reading their octets.
 */
final class JavaHpackEncoder implements HpackEncoder {
    private static final Logger LOG = System.getLogger("hyper.hpack");
    /** The table size both ends assume before any SETTINGS (RFC 7541 §4.2, RFC 9113 §6.5.2). */
    static final int DEFAULT_TABLE_SIZE = 4096;
    private static final int NONE = -1;

    private final int maxTableSize;
    private final IndexingPolicy policy;
    /** Strings shorter than this are sent raw (the {@link HuffmanPolicy}); at least 1, as "" is always raw. */
    private final int huffmanMinLength;
    /** Huffman even when no shorter ({@link StringCoding#HUFFMAN}, for RFC 7541 Appendix C). */
    private final boolean huffmanAlways;
    private final EncoderTable table;
    /**
     * Per field of the block being encoded in two passes, {@link #STRIDE} ints from pass 1: how it was found
     * ({@link #KIND}); where ({@link #WHERE}: a static index, a dynamic entry's sequence number, or for a new
     * field whether it is sensitive); and for fields hashed, the name's hash and the pair's. Grows to the
     * largest such block; a connection that sends one block never allocates it.
     */
    private int[] perField = new int[0];
    private static final int STRIDE = 4;
    private static final int KIND = 0;
    private static final int WHERE = 1;
    private static final int NAME_HASH = 2;
    private static final int PAIR_HASH = 3;
    /** Kinds: in no table as pass 1 looked, and no earlier field of the block can have added it. */
    private static final int NEW = 0;
    /** In no table as pass 1 looked, but an earlier field of the block may add it: look again. */
    private static final int NEW_AGAIN = 1;
    /** The dynamic entry numbered {@link #WHERE}. */
    private static final int DYNAMIC = 2;
    /** Static entry {@link #WHERE} (constant fields only; others are matched to the static table later). */
    private static final int STATIC = 3;
    /** {@link #WHERE} of a new field: it is sensitive. */
    private static final int SENSITIVE_FIELD = 1;
    /** Fields of constant arrays, by identity ({@link HeaderFields#constant}). */
    private final ConstantFieldCache constants = new ConstantFieldCache();
    /** Blocks encoded, counting this one (only whether it is the first matters). */
    private long blocks;
    /** Fields in the block being encoded: how many the constant cache should make room for. */
    private int blockFields;
    /** {@code insertCount >>> 30} when the cache was last cleared. */
    private int cacheEpoch;
    /** Whether table changes are logged; decided when the encoder is made, to keep the per-block path lean. */
    private final boolean debug;

    /** The smallest size the table had to shrink to since the last block, or {@link #NONE} (§4.2). */
    private int pendingMinimum = NONE;
    /** The size the table must have from the next block on, or {@link #NONE}. */
    private int pendingFinal = NONE;

    JavaHpackEncoder(int maxTableSize) {
        this(maxTableSize, HuffmanPolicy.WHEN_SHORTER);
    }

    JavaHpackEncoder(int maxTableSize, HuffmanPolicy huffman) {
        this(maxTableSize, IndexingPolicy.DEFAULT, StringCoding.SHORTEST, huffman.minLength());
    }

    /** How string literals are coded (§5.2). */
    enum StringCoding {
        /** Raw octets always, as RFC 7541 C.3 and C.5 show. */
        RAW,
        /** Huffman when strictly shorter than raw: hyper's choice. */
        SHORTEST,
        /** Huffman always, as RFC 7541 C.4 and C.6 show (C.6.2's "307" is no shorter). */
        HUFFMAN
    }

    /**
     * @param maxTableSize the table never grows beyond this, whatever the peer allows
     * @param coding how string literals are coded; tests reproduce RFC 7541 Appendix C with RAW and HUFFMAN
     */
    JavaHpackEncoder(int maxTableSize, IndexingPolicy policy, StringCoding coding) {
        this(maxTableSize, policy, coding, 0);
    }

    private JavaHpackEncoder(int maxTableSize, IndexingPolicy policy, StringCoding coding, int huffmanMinLength) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize must not be negative: " + maxTableSize);
        }
        this.maxTableSize = maxTableSize;
        this.policy = policy;
        this.huffmanMinLength = coding == StringCoding.RAW ? Integer.MAX_VALUE : Math.max(1, huffmanMinLength);
        this.huffmanAlways = coding == StringCoding.HUFFMAN;
        this.debug = LOG.isLoggable(Level.DEBUG);
        // Both ends start at 4,096; a smaller maximum is announced at the start of the first block, before
        // anything can be inserted.
        this.table = new EncoderTable(DEFAULT_TABLE_SIZE, maxTableSize);
        table.debug = debug;
        if (maxTableSize < DEFAULT_TABLE_SIZE) {
            pendingMinimum = maxTableSize;
            pendingFinal = maxTableSize;
        }
    }

    @Override
    public void setPeerMaxTableSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("table size must not be negative: " + size);
        }
        int effective = Math.min(size, maxTableSize);
        pendingMinimum = pendingMinimum == NONE ? effective : Math.min(pendingMinimum, effective);
        pendingFinal = effective;
    }

    @Override
    public int tableSize() {
        return table.size();
    }

    @Override
    public int tableEntries() {
        return table.count();
    }

    /** The table's current maximum size. */
    int tableCapacity() {
        return table.capacity();
    }

    /** A copy of the name of dynamic entry {@code i} (1 = newest), for tests. */
    byte[] entryName(int i) {
        return table.name(i);
    }

    /** A copy of the value of dynamic entry {@code i} (1 = newest), for tests. */
    byte[] entryValue(int i) {
        return table.value(i);
    }

    /**
     * {@inheritDoc}
     *
     * <p>An {@link HpackEncodingException} leaves {@code out} and the dynamic table as they were, so the
     * connection may go on without the request: every field is checked before anything is written or
     * indexed, or, when the table was empty as the block began, what the block did is taken back.
     */
    @Override
    public void encode(HeaderFields fields, BlockBuffer out) throws HpackEncodingException {
        int n = fields.size();
        if (table.insertCount() >>> 30 != cacheEpoch) { // keeps every cached sequence number within 2^31 of now
            constants.clear();
            cacheEpoch = table.insertCount() >>> 30;
        }
        int start = out.length();
        blocks++;
        int first = pendingFinal == NONE ? writeConstantPrefix(fields, n, out) : 0;
        if (first < n || pendingFinal != NONE) { // a size update is due even in an empty block
            try {
                encodeFrom(first, n, fields, out);
            } catch (HpackEncodingException e) {
                out.setLength(start); // the prefix was only indexes: the table is as it was
                throw e;
            }
        }
    }

    /**
     * Writes the block's leading run of constant fields that the cache knows, as indexes (§6.1), and returns
     * how many it wrote: on a warm connection, often the whole block, at the cost of two identity hashes per
     * field. Indexes only; nothing is checked or changed, so the rest of the block is encoded as if alone.
     */
    private int writeConstantPrefix(HeaderFields fields, int n, BlockBuffer out) {
        if (!constants.inUse() || n == 0 || fields.sensitive(0) || !fields.constant(0)) {
            return 0;
        }
        out.ensureCapacity(n * PrefixInt.MAX_OCTETS);
        byte[] a = out.array();
        int pos = out.length();
        int i = 0;
        for (; i < n; i++) {
            if (fields.sensitive(i) || !fields.constant(i)) {
                break;
            }
            long found = constants.find(fields.name(i), fields.value(i));
            if (found == 0) {
                break;
            }
            int index = ConstantFieldCache.value(found);
            if (!ConstantFieldCache.isStatic(found)) {
                int dynamic = ConstantFieldCache.dynamicIndex(table, index);
                if (dynamic == 0) {
                    break;
                }
                index = StaticTable.LENGTH + dynamic;
            }
            if (index < 0x7f) {
                a[pos++] = (byte) (0x80 | index);
            } else {
                pos = PrefixInt.encode(a, pos, 0x80, 0x7f, index);
            }
        }
        out.setLength(pos);
        return i;
    }

    /** Encodes fields {@code [from, n)}: in one pass if the table is empty, else in two. */
    private void encodeFrom(int from, int n, HeaderFields fields, BlockBuffer out) throws HpackEncodingException {
        blockFields = n;
        if (table.count() == 0) {
            encodeIntoEmptyTable(from, n, fields, out);
        } else {
            encodeInTwoPasses(from, n, fields, out);
        }
    }

    /**
     * One pass, for a block that starts with an empty table (a new connection's first block): nothing can be
     * found but what the block itself adds, so every field is looked up, written and indexed in turn, and a
     * name sent as a string is checked for upper case as it is copied, read once. A refused block's changes
     * are taken back: the table becomes empty again, as it was, and the size update stays pending.
     */
    private void encodeIntoEmptyTable(int from, int n, HeaderFields fields, BlockBuffer out)
            throws HpackEncodingException {
        int capacity = table.capacity();
        int minimum = pendingMinimum;
        int last = pendingFinal;
        try {
            if (pendingFinal != NONE) {
                writeSizeUpdates(out);
            }
            reserveTable(from, n, fields);
            long seenLow = 0; // a 128-bit filter of the name hashes of the block's earlier fields
            long seenHigh = 0;
            for (int i = from; i < n; i++) {
                byte[] name = fields.name(i);
                byte[] value = fields.value(i);
                boolean sensitive = fields.sensitive(i);
                int nameHash = FieldNames.nameHash(name);
                // The table holds only what earlier fields of this block put there: neither this field nor its
                // name can be there unless one of them had the same name hash.
                long bit = 1L << nameHash;
                boolean again;
                if ((nameHash & 64) == 0) {
                    again = (seenLow & bit) != 0;
                    seenLow |= bit;
                } else {
                    again = (seenHigh & bit) != 0;
                    seenHigh |= bit;
                }
                // The value is hashed only for a lookup, or for an insertion into indexes already built (only
                // a lookup builds them): the table hashes the values it was given without, if it ever must.
                int pair = again || table.indexed() ? EncoderTable.pairHash(nameHash, FieldNames.sampleHash(value)) : 0;
                if (!again && !sensitive && StaticTable.nameIndex(name, nameHash) == 0
                        && !policy.neverIndex(0, name, value)) {
                    // encodeField's answer for a name in no table, here so that the typical field of a new
                    // connection's first block costs no call (encodeField is too large to be inlined).
                    if (policy.index(0, name, value, table.capacity())) {
                        writeLiteral(0x40, 0x3f, 0, name, value, !fields.lowerCase(i), out); // §6.2.1
                        table.add(name, nameHash, value, pair, fields.constant(i));
                    } else {
                        writeLiteral(0x00, 0x0f, 0, name, value, !fields.lowerCase(i), out); // §6.2.2
                    }
                    continue;
                }
                encodeField(name, nameHash, value, sensitive, !sensitive && fields.constant(i), pair, again, again,
                        !fields.lowerCase(i), out);
            }
        } catch (HpackEncodingException e) {
            table.reset(capacity);
            pendingMinimum = minimum;
            pendingFinal = last;
            // The constant cache may name entries taken back: their sequence numbers are never reused (the
            // insertion count goes on), so it finds them gone, as if evicted.
            throw e;
        }
    }

    /** Sizes an empty table's arrays for fields {@code [from, n)}: a new connection's first block, typically. */
    private void reserveTable(int from, int n, HeaderFields fields) {
        if (table.count() != 0) {
            return;
        }
        long octets = 0;
        int kept = 0;
        int smallest = Integer.MAX_VALUE; // octets of the block's smallest field, which bounds how many fit
        for (int i = from; i < n; i++) {
            int length = fields.name(i).length + fields.value(i).length;
            smallest = Math.min(smallest, length);
            if (fields.constant(i)) { // a constant field's octets stay in its own arrays
                kept++;
            } else {
                octets += length;
            }
        }
        table.reserve(n - from, smallest, octets, kept);
    }

    /** Encodes fields {@code [from, n)} in two passes: look up and check, then write and index. */
    private void encodeInTwoPasses(int from, int n, HeaderFields fields, BlockBuffer out)
            throws HpackEncodingException {
        if (perField.length < n * STRIDE) {
            perField = new int[Math.max(n, 2 * perField.length / STRIDE) * STRIDE];
        }
        final int[] f = perField;
        long seenLow = 0; // a 128-bit filter of the pair hashes of the block's new fields
        long seenHigh = 0;
        // Pass 1 changes no table state, so a refused block leaves the encoder as it was. Each field is looked
        // up: by identity if its arrays are constants, else in the dynamic table by hash. A name is checked for
        // upper case (the one reason to refuse a block) only if its field was not found: one found matched an
        // entry that was checked when it went in.
        for (int i = from; i < n; i++) {
            byte[] name = fields.name(i);
            byte[] value = fields.value(i);
            boolean sensitive = fields.sensitive(i);
            boolean constant = !sensitive && fields.constant(i);
            int at = i * STRIDE;
            long scan = ConstantFieldCache.NO_SCAN;
            int nameHash;
            if (constant) {
                long found = constants.find(name, value);
                if (found != 0) {
                    int where = ConstantFieldCache.value(found);
                    if (ConstantFieldCache.isStatic(found)) {
                        f[at + KIND] = STATIC;
                        f[at + WHERE] = where;
                        continue;
                    }
                    if (ConstantFieldCache.dynamicIndex(table, where) != 0) {
                        f[at + KIND] = DYNAMIC;
                        f[at + WHERE] = where;
                        continue;
                    }
                }
            }
            boolean checked = fields.lowerCase(i); // the caller vouches for the name (HeaderFields#lowerCase)
            if (constant && !checked) {
                // Not found by identity: likely a new literal again, so its name's check is remembered (the
                // table is not empty, so this is not a connection's first block: one-block encoders skip it).
                scan = constants.nameScan(name);
                if (scan == ConstantFieldCache.NO_SCAN) {
                    scan = FieldNames.scanName(name);
                    constants.putNameScan(name, scan, n);
                }
                nameHash = (int) scan;
            } else {
                nameHash = FieldNames.nameHash(name);
            }
            int pair = EncoderTable.pairHash(nameHash, FieldNames.sampleHash(value));
            f[at + NAME_HASH] = nameHash;
            f[at + PAIR_HASH] = pair;
            int index = sensitive ? 0 : table.findField(name, nameHash, value, pair);
            if (index != 0) {
                f[at + KIND] = DYNAMIC;
                f[at + WHERE] = table.insertCount() - index; // a sequence number: right whatever is inserted
                if (constant) {
                    constants.putDynamic(name, value, table.insertCount() - index, n);
                }
                continue;
            }
            if (!checked && (constant ? (scan & FieldNames.UPPERCASE) != 0 : FieldNames.hasUppercase(name))) {
                throw uppercase(name);
            }
            // Only an earlier field of this block can put this one in the table before it is sent: the filter
            // says when looking again is worth it.
            long bit = 1L << pair;
            boolean again;
            if ((pair & 64) == 0) {
                again = (seenLow & bit) != 0;
                seenLow |= bit;
            } else {
                again = (seenHigh & bit) != 0;
                seenHigh |= bit;
            }
            f[at + KIND] = again ? NEW_AGAIN : NEW;
            f[at + WHERE] = sensitive ? SENSITIVE_FIELD : 0;
        }
        if (pendingFinal != NONE) {
            writeSizeUpdates(out);
        }
        reserveTable(from, n, fields); // if the size update emptied it
        for (int i = from; i < n; i++) {
            int at = i * STRIDE;
            int kind = f[at + KIND];
            if (kind == STATIC) {
                writeIndexed(f[at + WHERE], out);
                continue;
            }
            byte[] name = fields.name(i);
            if (kind == DYNAMIC) {
                // A sequence number stays right across insertions; only an eviction (by a size update, or
                // by this block's insertions) can take the entry away, and then the field is sent anew.
                int dynamic = ConstantFieldCache.dynamicIndex(table, f[at + WHERE]);
                if (dynamic != 0) {
                    writeIndexed(StaticTable.LENGTH + dynamic, out);
                    continue;
                }
                byte[] value = fields.value(i);
                int nameHash = FieldNames.nameHash(name); // not kept for fields found by identity
                int pair = EncoderTable.pairHash(nameHash, FieldNames.sampleHash(value));
                encodeField(name, nameHash, value, false, fields.constant(i), pair, true, true, false, out);
                continue;
            }
            boolean sensitive = f[at + WHERE] == SENSITIVE_FIELD;
            encodeField(name, f[at + NAME_HASH], fields.value(i), sensitive, !sensitive && fields.constant(i),
                    f[at + PAIR_HASH], kind == NEW_AGAIN, true, false, out);
        }
    }

    /** The refusal of a block for an upper-case letter in {@code name}. */
    private static HpackEncodingException uppercase(byte[] name) {
        return new HpackEncodingException("field name has an upper-case letter at octet "
                + FieldNames.firstUppercase(name) + "; HTTP/2 field names must be lower case (RFC 9113 §8.2.1)");
    }

    /**
     * Dynamic table size updates (§6.3), at the start of the block: the smallest size reached since the last
     * block if the table shrank below both its old and its final size, then the final size (§4.2).
     */
    private void writeSizeUpdates(BlockBuffer out) {
        out.ensureCapacity(2 * PrefixInt.MAX_OCTETS);
        byte[] a = out.array();
        int pos = out.length();
        if (pendingMinimum < table.capacity() && pendingMinimum < pendingFinal) {
            pos = PrefixInt.encode(a, pos, 0x20, 0x1f, pendingMinimum);
            table.setCapacity(pendingMinimum);
        }
        if (pendingFinal != table.capacity()) {
            pos = PrefixInt.encode(a, pos, 0x20, 0x1f, pendingFinal);
            table.setCapacity(pendingFinal);
        }
        out.setLength(pos);
        pendingMinimum = NONE;
        pendingFinal = NONE;
    }

    /**
     * A field pass 1 did not find in the dynamic table, or found in an entry this block may have moved.
     *
     * @param pairHash the field's {@link EncoderTable#pairHash}; may be 0 in a first block when neither a lookup
     *        ({@code lookAgain}) nor the table's indexes ({@link EncoderTable#indexed}) need it
     * @param lookAgain whether the dynamic table may hold the field now though pass 1 did not find it there (an
     *        earlier field of this block may have put it there)
     * @param lookForName whether the dynamic table may hold the name (false only when it is empty)
     * @param checkName whether the name, if sent as a string, must be checked for upper case (not yet done)
     */
    private void encodeField(byte[] name, int nameHash, byte[] value, boolean sensitive, boolean constant,
            int pairHash, boolean lookAgain, boolean lookForName, boolean checkName, BlockBuffer out)
            throws HpackEncodingException {
        // The dynamic table first (the policy let each entry in, so a full match needs no policy check);
        // a sensitive field is never sent as an index.
        if (!sensitive && lookAgain) {
            int dynamic = table.findField(name, nameHash, value, pairHash);
            if (dynamic > 0) {
                writeIndexed(StaticTable.LENGTH + dynamic, out);
                if (constant) {
                    constants.putDynamic(name, value, table.insertCount() - dynamic, blockFields);
                }
                return;
            }
        }
        int staticIndex = StaticTable.nameIndex(name, nameHash);
        boolean never = sensitive || policy.neverIndex(staticIndex, name, value);
        if (!never && staticIndex != 0) {
            int full = StaticTable.fullIndex(staticIndex, value);
            if (full != 0) {
                writeIndexed(full, out);
                if (constant) {
                    constants.putStatic(name, value, full, blockFields);
                }
                return;
            }
        }
        int nameIndex = staticIndex;
        if (nameIndex == 0 && lookForName) {
            int dynamicName = table.findName(name, nameHash);
            nameIndex = dynamicName != 0 ? StaticTable.LENGTH + dynamicName : 0;
        }
        if (never) {
            writeLiteral(0x10, 0x0f, nameIndex, name, value, checkName, out); // §6.2.3
        } else if (policy.index(staticIndex, name, value, table.capacity())) {
            writeLiteral(0x40, 0x3f, nameIndex, name, value, checkName, out); // §6.2.1
            // A constant field is cached when it is next found, not now: a connection that sends one block
            // (or a field that is never repeated) then costs the cache nothing.
            table.add(name, nameHash, value, pairHash, constant); // a constant's arrays are kept, not copied
        } else {
            writeLiteral(0x00, 0x0f, nameIndex, name, value, checkName, out); // §6.2.2
        }
    }

    /**
     * <pre>
     *   0   1   2   3   4   5   6   7
     * +---+---+---+---+---+---+---+---+
     * | 1 |        Index (7+)         |   §6.1
     * +---+---------------------------+
     * </pre>
     */
    private static void writeIndexed(int index, BlockBuffer out) {
        out.ensureCapacity(PrefixInt.MAX_OCTETS);
        out.setLength(PrefixInt.encode(out.array(), out.length(), 0x80, 0x7f, index));
    }

    /**
     * <pre>
     *   0   1   2   3   4   5   6   7
     * +---+---+---+---+---+---+---+---+
     * | 0 | 1 |      Index (6+)       |   with incremental indexing, §6.2.1
     * +---+---+-----------------------+   (0000 and a 4-bit index: without indexing, §6.2.2;
     * | H |     Value Length (7+)     |    0001 and a 4-bit index: never indexed, §6.2.3)
     * +---+---------------------------+
     * | Value String (Length octets)  |   Index 0: a name string (H, length, octets) comes first
     * +-------------------------------+
     * </pre>
     */
    private void writeLiteral(int flags, int mask, int nameIndex, byte[] name, byte[] value, boolean checkName,
            BlockBuffer out) throws HpackEncodingException {
        // index, name length and value length, 3 scratch octets for Huffman, and the raw strings
        long room = 4L * PrefixInt.MAX_OCTETS + value.length + (nameIndex == 0 ? name.length : 0);
        out.ensureCapacity((int) Math.min(room, Integer.MAX_VALUE)); // past 2^31, BlockBuffer refuses to grow
        byte[] a = out.array();
        int pos = PrefixInt.encode(a, out.length(), flags, mask, nameIndex);
        if (nameIndex == 0) {
            pos = checkName ? writeCheckedName(a, pos, name) : writeString(a, pos, name);
        }
        pos = writeString(a, pos, value);
        out.setLength(pos);
    }

    /** {@link #writeString} for a name not checked yet: refused if it has an upper-case letter. */
    private int writeCheckedName(byte[] a, int pos, byte[] name) throws HpackEncodingException {
        int length = name.length;
        if (length < huffmanMinLength && length < 0x7f) { // raw, with a one-octet length: check as it is copied
            a[pos] = (byte) length;
            if (FieldNames.copyChecked(name, a, pos + 1)) {
                return pos + 1 + length;
            }
        } else if (!FieldNames.hasUppercase(name)) {
            return writeString(a, pos, name);
        }
        throw uppercase(name);
    }

    /**
     * A string literal (§5.2): raw below the policy's minimum length, else Huffman-coded if strictly shorter.
     * One pass: the Huffman code is written where it would go after a raw-length prefix and abandoned as
     * soon as it is no shorter; if it wins with a shorter prefix, it moves left. Never longer than the raw
     * form (plus at most 3 scratch octets), which is the room the caller made.
     */
    private int writeString(byte[] a, int pos, byte[] s) {
        int length = s.length;
        if (length >= huffmanMinLength) {
            int rawPrefix = PrefixInt.size(0x7f, length);
            int start = pos + rawPrefix;
            int end = Huffman.encode(s, 0, length, a, start, start + length - (huffmanAlways ? 0 : 1));
            if (end >= 0) {
                int encoded = end - start;
                int prefix = PrefixInt.size(0x7f, encoded);
                if (prefix < rawPrefix) {
                    System.arraycopy(a, start, a, pos + prefix, encoded);
                }
                PrefixInt.encode(a, pos, 0x80, 0x7f, encoded);
                return pos + prefix + encoded;
            }
        }
        if (length < 0x7f) { // the common case: a one-octet length
            a[pos] = (byte) length;
            System.arraycopy(s, 0, a, pos + 1, length);
            return pos + 1 + length;
        }
        pos = PrefixInt.encode(a, pos, 0x00, 0x7f, length);
        System.arraycopy(s, 0, a, pos, length);
        return pos + length;
    }
}
