package hyper.impl.hpack;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import hyper.api.spi.HeaderListener;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Objects;

/**
 * hyper's HPACK decoder (RFC 7541), incremental: a header block may be cut anywhere across fragments.
 *
 * <p>Each representation is parsed straight from the caller's array when it is complete there, which is
 * the normal case. Parsing only reads until the whole representation is known to be present, so when a
 * fragment ends inside one, its first octets are kept in {@link #pending} and the representation is parsed
 * again, from the start, once enough octets have been appended: that buffer holds at most one
 * representation, which the string-length limit bounds.
 *
 * <p>Limits are checked before anything is allocated. Breaking the list-size or field-count limit is not
 * fatal (RFC 9113 §10.5.1): the rest of the block is still decoded, so the dynamic table stays in step with
 * the peer, but no more fields are emitted, literals that are not indexed are skipped without being
 * decoded, and the error is thrown once the block ends.
 */
final class JavaHpackDecoder implements HpackDecoder {
    private static final Logger LOG = System.getLogger("hyper.hpack");
    private static final int NEED_MORE = -1;
    private static final byte[] EMPTY = new byte[0];
    /** A {@link #pending} buffer larger than this is dropped once its block ends. */
    private static final int PENDING_KEEP = 4096;
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final int maxFields;
    private final int maxStringLength;
    private int maxHeaderListSize;
    private final DecoderTable table;

    /** The SETTINGS_HEADER_TABLE_SIZE the peer acknowledged: no size update may exceed it (§6.3). */
    private int allowedTableSize;
    /** Since the last block the allowed size fell below the table's: the next block must shrink it to at most this (§4.2); or -1. */
    private int requiredUpdate = -1;

    // The block being decoded.
    /** A representation other than a size update has been seen, so size updates are over (§4.2). */
    private boolean fieldsStarted;
    private int sizeUpdates;
    private int fieldCount;
    private long listSize;
    /** The non-fatal limit this block broke; from then on fields are consumed but not emitted. */
    private Reason breach;

    // A representation cut by the end of a fragment.
    private byte[] pending = EMPTY;
    private int pendingLength;
    /** After {@link #NEED_MORE}: octets the cut representation needs at least, counted from its start. */
    private long need;
    /** Octets of a skipped literal value still to come. */
    private long skip;

    /** Reused output of Huffman decoding; decoded strings are copied out at their exact length. */
    private byte[] scratch = new byte[128];

    JavaHpackDecoder(HpackLimits limits) {
        this.maxFields = limits.maxFields();
        this.maxStringLength = limits.maxStringLength();
        this.maxHeaderListSize = limits.maxHeaderListSize();
        this.table = new DecoderTable(JavaHpackEncoder.DEFAULT_TABLE_SIZE);
        this.allowedTableSize = JavaHpackEncoder.DEFAULT_TABLE_SIZE;
        setMaxTableSize(limits.maxTableSize());
    }

    @Override
    public void setMaxTableSize(int acknowledgedSize) {
        if (acknowledgedSize < 0) {
            throw new IllegalArgumentException("table size must not be negative: " + acknowledgedSize);
        }
        allowedTableSize = acknowledgedSize;
        if (acknowledgedSize < table.capacity()) {
            requiredUpdate = requiredUpdate < 0 ? acknowledgedSize : Math.min(requiredUpdate, acknowledgedSize);
        }
    }

    @Override
    public void setMaxHeaderListSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("header list size must not be negative: " + size);
        }
        maxHeaderListSize = size;
    }

    @Override
    public int tableSize() {
        return table.size();
    }

    @Override
    public int tableEntries() {
        return table.count();
    }

    /** The table's current maximum size, as set by the last size update. */
    int tableCapacity() {
        return table.capacity();
    }

    /** Name of dynamic entry {@code i} (1 = newest); for tests. */
    byte[] entryName(int i) {
        return table.name(i);
    }

    /** Value of dynamic entry {@code i} (1 = newest); for tests. */
    byte[] entryValue(int i) {
        return table.value(i);
    }

    @Override
    public void decode(byte[] src, int offset, int length, boolean endOfBlock, HeaderListener listener)
            throws HpackDecodingException {
        Objects.checkFromIndexSize(offset, length, src.length);
        table.debug = LOG.isLoggable(Level.DEBUG);
        int pos = offset;
        int limit = offset + length;
        pos = skip(pos, limit);
        if (pendingLength > 0) {
            pos = resume(src, pos, limit, listener);
        }
        while (pos < limit) {
            int next = decodeOne(src, pos, limit, listener);
            if (next == NEED_MORE) {
                append(src, pos, limit - pos);
                break;
            }
            pos = next;
        }
        if (endOfBlock) {
            endBlock();
        }
    }

    /** Consumes what is left of a skipped value. */
    private int skip(int pos, int limit) {
        if (skip > 0) {
            int n = (int) Math.min(skip, limit - pos);
            skip -= n;
            pos += n;
        }
        return pos;
    }

    /** Feeds octets to the cut representation until it completes or the fragment ends. */
    private int resume(byte[] src, int pos, int limit, HeaderListener listener) throws HpackDecodingException {
        while (pos < limit) {
            // Append only what the representation needs, so it ends exactly at the end of the buffer.
            int n = (int) Math.min(need - pendingLength, limit - pos);
            append(src, pos, n);
            pos += n;
            if (pendingLength < need) {
                return pos; // the fragment ended first
            }
            int next = decodeOne(pending, 0, pendingLength, listener);
            if (next != NEED_MORE) {
                pendingLength = 0;
                return skip(pos, limit);
            }
        }
        return pos;
    }

    private void append(byte[] src, int pos, int n) throws HpackDecodingException {
        if (pending.length - pendingLength < n) {
            long needed = pendingLength + (long) n;
            if (needed > MAX_ARRAY) { // only reachable with string limits near 2^31
                throw new HpackDecodingException(Reason.STRING_TOO_LONG, "representation longer than " + MAX_ARRAY);
            }
            long wanted = Math.max(needed, Math.min(pending.length * 2L, MAX_ARRAY));
            pending = Arrays.copyOf(pending, (int) Math.max(wanted, 64));
        }
        System.arraycopy(src, pos, pending, pendingLength, n);
        pendingLength += n;
    }

    /** The block ended: anything left over is an error, and so is a broken limit. Resets for the next block. */
    private void endBlock() throws HpackDecodingException {
        boolean truncated = pendingLength > 0 || skip > 0;
        boolean updateMissing = requiredUpdate >= 0;
        Reason broken = breach;
        long size = listSize;
        pendingLength = 0;
        skip = 0;
        need = 0;
        if (pending.length > PENDING_KEEP) {
            pending = EMPTY;
        }
        fieldsStarted = false;
        sizeUpdates = 0;
        fieldCount = 0;
        listSize = 0;
        breach = null;
        if (truncated) {
            throw new HpackDecodingException(Reason.TRUNCATED_BLOCK, "header block ends inside a representation");
        }
        if (updateMissing) {
            throw missingUpdate();
        }
        if (broken == Reason.TOO_MANY_FIELDS) {
            throw new HpackDecodingException(broken, "header block has more than " + maxFields + " fields");
        }
        if (broken == Reason.HEADER_LIST_TOO_LARGE) {
            throw new HpackDecodingException(broken, "header list exceeds " + maxHeaderListSize + " octets"
                    + (size > 0 ? " (" + size + " accepted before the limit was hit)" : ""));
        }
    }

    /**
     * Decodes the representation at {@code pos} if it is complete before {@code limit}.
     *
     * @return the position after it, or {@link #NEED_MORE} with {@link #need} set and nothing changed
     */
    private int decodeOne(byte[] buf, int pos, int limit, HeaderListener listener) throws HpackDecodingException {
        int b = buf[pos];
        if (b < 0) {
            return indexed(buf, pos, limit, listener);
        }
        if ((b & 0xe0) == 0x20) {
            return sizeUpdate(buf, pos, limit);
        }
        return literal(buf, pos, limit, listener);
    }

    /**
     * Indexed Header Field (§6.1).
     * <pre>
     * +---+---+---+---+---+---+---+---+
     * | 1 |        Index (7+)         |
     * +---+---------------------------+
     * </pre>
     */
    private int indexed(byte[] buf, int pos, int limit, HeaderListener listener) throws HpackDecodingException {
        int index = buf[pos] & 0x7f;
        int next = pos + 1;
        if (index == 0x7f) {
            long r = PrefixInt.decode(buf, pos, limit, 0x7f);
            if (r == PrefixInt.NEED_MORE) {
                return needAtLeast(pos, limit);
            }
            index = PrefixInt.value(r);
            next = PrefixInt.next(r);
        }
        beginField();
        byte[] name;
        byte[] value;
        if (index <= StaticTable.LENGTH) {
            if (index == 0) {
                throw new HpackDecodingException(Reason.INVALID_INDEX, "index 0 is not a table entry");
            }
            name = StaticTable.NAMES[index];
            value = StaticTable.VALUES[index];
        } else {
            int i = index - StaticTable.LENGTH;
            if (i > table.count()) {
                throw invalidIndex(index);
            }
            name = table.name(i);
            value = table.value(i);
        }
        if (admit(name.length + value.length + DecoderTable.ENTRY_OVERHEAD)) {
            listSize += name.length + value.length + DecoderTable.ENTRY_OVERHEAD;
            fieldCount++;
            listener.onHeader(name, value, false);
        }
        return next;
    }

    /**
     * Dynamic Table Size Update (§6.3), allowed only before the first field of a block (§4.2).
     * <pre>
     * +---+---+---+---+---+---+---+---+
     * | 0 | 0 | 1 |   Max size (5+)   |
     * +---+---------------------------+
     * </pre>
     */
    private int sizeUpdate(byte[] buf, int pos, int limit) throws HpackDecodingException {
        long r = PrefixInt.decode(buf, pos, limit, 0x1f);
        if (r == PrefixInt.NEED_MORE) {
            return needAtLeast(pos, limit);
        }
        int size = PrefixInt.value(r);
        if (fieldsStarted) {
            throw new HpackDecodingException(Reason.TABLE_SIZE_UPDATE_MISPLACED,
                    "dynamic table size update after a header field");
        }
        if (sizeUpdates == 2) { // a shrink and a final size are all an encoder ever needs (§4.2)
            throw new HpackDecodingException(Reason.TABLE_SIZE_UPDATE_MISPLACED,
                    "more than two dynamic table size updates at the start of a block");
        }
        if (size > allowedTableSize) {
            throw new HpackDecodingException(Reason.TABLE_SIZE_UPDATE_TOO_LARGE, "dynamic table size update to "
                    + size + " exceeds the acknowledged SETTINGS_HEADER_TABLE_SIZE " + allowedTableSize);
        }
        sizeUpdates++;
        if (size <= requiredUpdate) {
            requiredUpdate = -1;
        }
        table.setCapacity(size);
        return PrefixInt.next(r);
    }

    /**
     * Literal Header Field with Incremental Indexing (§6.2.1), without Indexing (§6.2.2), Never Indexed (§6.2.3).
     * <pre>
     * +---+---+---+---+---+---+---+---+
     * | 0 | 1 |      Index (6+)       |   0000 + Index (4+): without indexing
     * +---+---+-----------------------+   0001 + Index (4+): never indexed
     * | H |     Name Length (7+)      |   } only when Index is 0
     * +---+---------------------------+   }
     * |  Name String (Length octets)  |   }
     * +---+---------------------------+
     * | H |     Value Length (7+)     |
     * +---+---------------------------+
     * | Value String (Length octets)  |
     * +-------------------------------+
     * </pre>
     */
    private int literal(byte[] buf, int pos, int limit, HeaderListener listener) throws HpackDecodingException {
        int first = buf[pos];
        boolean indexing = (first & 0x40) != 0;
        boolean neverIndexed = !indexing && (first & 0x10) != 0;
        int mask = indexing ? 0x3f : 0x0f;
        int nameIndex = first & mask;
        int p = pos + 1;
        if (nameIndex == mask) {
            long r = PrefixInt.decode(buf, pos, limit, mask);
            if (r == PrefixInt.NEED_MORE) {
                return needAtLeast(pos, limit);
            }
            nameIndex = PrefixInt.value(r);
            p = PrefixInt.next(r);
        }
        beginField();

        byte[] name = null;
        int nameStart = 0;
        int nameLength = 0;
        boolean nameHuffman = false;
        if (nameIndex == 0) {
            if (p >= limit) {
                return needAtLeast(pos, limit);
            }
            nameHuffman = buf[p] < 0;
            long r = PrefixInt.decode(buf, p, limit, 0x7f);
            if (r == PrefixInt.NEED_MORE) {
                return needAtLeast(pos, limit);
            }
            nameLength = checkedLength(PrefixInt.value(r), "name");
            nameStart = PrefixInt.next(r);
            long nameEnd = (long) nameStart + nameLength;
            if (nameEnd >= limit) { // the value's length octet is not here either
                return needExactly(pos, nameEnd + 1);
            }
            p = (int) nameEnd;
        } else {
            name = tableName(nameIndex);
            if (p >= limit) {
                return needAtLeast(pos, limit);
            }
        }

        boolean valueHuffman = buf[p] < 0;
        long r = PrefixInt.decode(buf, p, limit, 0x7f);
        if (r == PrefixInt.NEED_MORE) {
            return needAtLeast(pos, limit);
        }
        int valueLength = checkedLength(PrefixInt.value(r), "value");
        int valueStart = PrefixInt.next(r);
        long valueEnd = (long) valueStart + valueLength;

        // Both lengths are known: check the limits before decoding or buffering anything.
        long minSize = DecoderTable.ENTRY_OVERHEAD
                + (name != null ? name.length : nameHuffman ? Huffman.minDecodedLength(nameLength) : nameLength)
                + (valueHuffman ? Huffman.minDecodedLength(valueLength) : valueLength);
        boolean emit = admit(minSize);
        if (!emit && !indexing) {
            // Not emitted and not indexed: nothing needs these octets, so skip them (RFC 9113 §10.5.1).
            if (valueEnd > limit) { // the rest arrives in later fragments: consume this one, skip the rest
                skip = valueEnd - limit;
                return limit;
            }
            return (int) valueEnd;
        }
        if (valueEnd > limit) {
            return needExactly(pos, valueEnd);
        }
        int end = (int) valueEnd;
        if (!emit && minSize > table.capacity()) {
            table.clear(); // too large for the table whatever it decodes to, so adding it empties the table (§4.4)
            return end;
        }
        if (name == null) {
            name = string(buf, nameStart, nameLength, nameHuffman);
        }
        byte[] value = string(buf, valueStart, valueLength, valueHuffman);
        if (emit) {
            long size = (long) name.length + value.length + DecoderTable.ENTRY_OVERHEAD;
            if (listSize + size > maxHeaderListSize) {
                breach = Reason.HEADER_LIST_TOO_LARGE;
                emit = false;
            } else {
                listSize += size;
                fieldCount++;
            }
        }
        if (indexing) {
            table.add(name, value);
        }
        if (emit) {
            listener.onHeader(name, value, neverIndexed);
        }
        return end;
    }

    /** Whether a field of at least {@code minSize} octets may still be emitted; records the breach if not. */
    private boolean admit(long minSize) {
        if (breach != null) {
            return false;
        }
        if (fieldCount >= maxFields) {
            breach = Reason.TOO_MANY_FIELDS;
            return false;
        }
        if (listSize + minSize > maxHeaderListSize) {
            breach = Reason.HEADER_LIST_TOO_LARGE;
            return false;
        }
        return true;
    }

    /** The first field of a block: a required size update must have come before it (§4.2). */
    private void beginField() throws HpackDecodingException {
        if (!fieldsStarted) {
            if (requiredUpdate >= 0) {
                throw missingUpdate();
            }
            fieldsStarted = true;
        }
    }

    private HpackDecodingException missingUpdate() {
        return new HpackDecodingException(Reason.TABLE_SIZE_UPDATE_MISSING, "header block does not start with "
                + "a dynamic table size update to at most " + requiredUpdate
                + ", required since SETTINGS_HEADER_TABLE_SIZE was lowered");
    }

    private byte[] tableName(int index) throws HpackDecodingException {
        if (index <= StaticTable.LENGTH) {
            return StaticTable.NAMES[index];
        }
        int i = index - StaticTable.LENGTH;
        if (i > table.count()) {
            throw invalidIndex(index);
        }
        return table.name(i);
    }

    private HpackDecodingException invalidIndex(int index) {
        return new HpackDecodingException(Reason.INVALID_INDEX, "index " + index + " is past the dynamic table ("
                + table.count() + " entries after the " + StaticTable.LENGTH + " static ones)");
    }

    private int checkedLength(int length, String what) throws HpackDecodingException {
        if (length > maxStringLength) {
            throw new HpackDecodingException(Reason.STRING_TOO_LONG, "field " + what + " of " + length
                    + " octets exceeds the limit of " + maxStringLength);
        }
        return length;
    }

    /** Decodes a string literal that lies complete in {@code buf} (§5.2). */
    private byte[] string(byte[] buf, int start, int length, boolean huffman) throws HpackDecodingException {
        if (length == 0) {
            return EMPTY;
        }
        if (!huffman) {
            return Arrays.copyOfRange(buf, start, start + length);
        }
        int max = Huffman.maxDecodedLength(length);
        if (scratch.length < max) {
            scratch = new byte[Math.max(max, scratch.length * 2)];
        }
        int n = Huffman.decode(buf, start, length, scratch, 0);
        return n == 0 ? EMPTY : Arrays.copyOf(scratch, n);
    }

    /** The representation at {@code pos} continues past {@code limit}, by an unknown amount. */
    private int needAtLeast(int pos, int limit) {
        need = limit - pos + 1L;
        return NEED_MORE;
    }

    /** The representation at {@code pos} needs octets up to {@code end}, or more. */
    private int needExactly(int pos, long end) {
        need = end - pos;
        return NEED_MORE;
    }
}
