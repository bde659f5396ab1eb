package hyper.impl.hpack;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * The decoder's dynamic table (RFC 7541 §2.3.2, §4): a ring of references to the decoded name and value
 * arrays, newest at index 1. The arrays are the ones handed to the listener, so indexed fields cost no copy.
 */
final class DecoderTable {
    private static final Logger LOG = System.getLogger("hyper.hpack");
    /** Each entry counts its name, its value and 32 octets of overhead (§4.1). */
    static final int ENTRY_OVERHEAD = 32;

    private byte[][] names = new byte[16][];
    private byte[][] values = new byte[16][];
    /** Slot of the next insertion; the newest entry is at {@code head - 1}. */
    private int head;
    private int count;
    private int size;
    private int capacity;
    /** Refreshed once per header block, so logging costs one field read per change when it is off. */
    boolean debug;

    DecoderTable(int capacity) {
        this.capacity = capacity;
    }

    /** Octets in use (§4.1). */
    int size() {
        return size;
    }

    /** The maximum size, as last set by a dynamic table size update (§6.3). */
    int capacity() {
        return capacity;
    }

    /** Number of entries. */
    int count() {
        return count;
    }

    /** Name of entry {@code i}, 1 (newest) to {@link #count()}. */
    byte[] name(int i) {
        return names[(head - i) & (names.length - 1)];
    }

    /** Value of entry {@code i}, 1 (newest) to {@link #count()}. */
    byte[] value(int i) {
        return values[(head - i) & (values.length - 1)];
    }

    /** Adds an entry, evicting the oldest ones to make room; one larger than the table empties it (§4.4). */
    void add(byte[] name, byte[] value) {
        long entrySize = (long) name.length + value.length + ENTRY_OVERHEAD;
        if (entrySize > capacity) {
            if (debug) {
                log("cleared by an entry of " + entrySize + " octets", name, value);
            }
            clear();
            return;
        }
        while (size + entrySize > capacity) {
            evict();
        }
        if (count == names.length) {
            grow();
        }
        int slot = head & (names.length - 1);
        names[slot] = name;
        values[slot] = value;
        head++;
        count++;
        size += (int) entrySize;
        if (debug) {
            log("insert", name, value);
        }
    }

    /** Applies a dynamic table size update, evicting what no longer fits (§4.3). */
    void setCapacity(int newCapacity) {
        if (debug) {
            LOG.log(Level.DEBUG, "HPACK decoder table resize " + capacity + " -> " + newCapacity);
        }
        capacity = newCapacity;
        while (size > capacity) {
            evict();
        }
    }

    /** Empties the table, keeping its maximum size. */
    void clear() {
        while (count > 0) {
            evict();
        }
    }

    private void evict() {
        int slot = (head - count) & (names.length - 1);
        byte[] name = names[slot];
        byte[] value = values[slot];
        names[slot] = null; // let the arrays go once the listener is done with them
        values[slot] = null;
        count--;
        size -= name.length + value.length + ENTRY_OVERHEAD;
        if (debug) {
            log("evict", name, value);
        }
    }

    private void grow() {
        int n = names.length;
        byte[][] newNames = new byte[n * 2][];
        byte[][] newValues = new byte[n * 2][];
        for (int i = count; i >= 1; i--) { // oldest first, to slots 0..count-1
            newNames[count - i] = name(i);
            newValues[count - i] = value(i);
        }
        names = newNames;
        values = newValues;
        head = count;
    }

    /** Logs the name and the value's length only: values may be credentials, and logs travel. */
    private void log(String what, byte[] name, byte[] value) {
        LOG.log(Level.DEBUG, "HPACK decoder table " + what + " " + new String(name, StandardCharsets.ISO_8859_1)
                + " (value of " + value.length + " octets), size " + size + "/" + capacity);
    }
}
