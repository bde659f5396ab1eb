package hyper.impl.hpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The static table of RFC 7541 Appendix A. Its names and values are shared constants that the decoder hands
 * out without copying; entries with the same name share one array, so identity tells names apart.
 */
final class StaticTable {
    /** Entries 1..61; index 0 is unused, as on the wire (§2.3.3). */
    static final int LENGTH = 61;

    static final int AUTHORITY = 1;
    static final int PATH = 4;
    static final int AUTHORIZATION = 23;
    static final int CONTENT_LENGTH = 28;
    static final int COOKIE = 32;
    static final int ETAG = 34;
    static final int IF_MODIFIED_SINCE = 40;
    static final int IF_NONE_MATCH = 41;
    static final int PROXY_AUTHORIZATION = 49;
    static final int SET_COOKIE = 55;

    static final byte[][] NAMES = new byte[LENGTH + 1][];
    static final byte[][] VALUES = new byte[LENGTH + 1][];

    /** Open-addressing map from a name's {@link FieldNames#nameHash} to the first static index with that name. */
    private static final int SLOTS = 256; // 52 names: most misses end at the first, empty, slot
    private static final int[] SLOT_HASH = new int[SLOTS];
    private static final int[] SLOT_INDEX = new int[SLOTS];
    /** Bit {@code n} is set if a name has {@code n} octets (all are shorter than 64): most custom names have none. */
    private static final long NAME_LENGTHS;

    static {
        String[][] entries = {
            {":authority", ""},
            {":method", "GET"},
            {":method", "POST"},
            {":path", "/"},
            {":path", "/index.html"},
            {":scheme", "http"},
            {":scheme", "https"},
            {":status", "200"},
            {":status", "204"},
            {":status", "206"},
            {":status", "304"},
            {":status", "400"},
            {":status", "404"},
            {":status", "500"},
            {"accept-charset", ""},
            {"accept-encoding", "gzip, deflate"},
            {"accept-language", ""},
            {"accept-ranges", ""},
            {"accept", ""},
            {"access-control-allow-origin", ""},
            {"age", ""},
            {"allow", ""},
            {"authorization", ""},
            {"cache-control", ""},
            {"content-disposition", ""},
            {"content-encoding", ""},
            {"content-language", ""},
            {"content-length", ""},
            {"content-location", ""},
            {"content-range", ""},
            {"content-type", ""},
            {"cookie", ""},
            {"date", ""},
            {"etag", ""},
            {"expect", ""},
            {"expires", ""},
            {"from", ""},
            {"host", ""},
            {"if-match", ""},
            {"if-modified-since", ""},
            {"if-none-match", ""},
            {"if-range", ""},
            {"if-unmodified-since", ""},
            {"last-modified", ""},
            {"link", ""},
            {"location", ""},
            {"max-forwards", ""},
            {"proxy-authenticate", ""},
            {"proxy-authorization", ""},
            {"range", ""},
            {"referer", ""},
            {"refresh", ""},
            {"retry-after", ""},
            {"server", ""},
            {"set-cookie", ""},
            {"strict-transport-security", ""},
            {"transfer-encoding", ""},
            {"user-agent", ""},
            {"vary", ""},
            {"via", ""},
            {"www-authenticate", ""},
        };
        Map<String, byte[]> names = new HashMap<>();
        Map<String, byte[]> values = new HashMap<>();
        long lengths = 0;
        for (int i = 1; i <= LENGTH; i++) {
            String name = entries[i - 1][0];
            byte[] bytes = names.get(name);
            if (bytes == null) {
                bytes = name.getBytes(StandardCharsets.US_ASCII);
                names.put(name, bytes);
                putName(bytes, i);
                lengths |= 1L << bytes.length;
            }
            NAMES[i] = bytes;
            VALUES[i] = values.computeIfAbsent(entries[i - 1][1], v -> v.getBytes(StandardCharsets.US_ASCII));
        }
        NAME_LENGTHS = lengths;
    }

    private StaticTable() {
    }

    private static void putName(byte[] name, int index) {
        int hash = FieldNames.nameHash(name);
        int slot = hash & (SLOTS - 1);
        while (SLOT_INDEX[slot] != 0) {
            slot = (slot + 1) & (SLOTS - 1);
        }
        SLOT_HASH[slot] = hash;
        SLOT_INDEX[slot] = index;
    }

    /** The first static index whose name is {@code name} (with {@code hash = FieldNames.nameHash(name)}), or 0. */
    static int nameIndex(byte[] name, int hash) {
        if (name.length >= 64 || (NAME_LENGTHS & 1L << name.length) == 0) {
            return 0; // no name that long: no need to probe
        }
        int slot = hash & (SLOTS - 1);
        while (true) {
            int index = SLOT_INDEX[slot];
            if (index == 0) {
                return 0;
            }
            if (SLOT_HASH[slot] == hash && Arrays.equals(NAMES[index], name)) {
                return index;
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }

    /** The static index holding exactly ({@code NAMES[nameIndex]}, {@code value}), or 0. */
    static int fullIndex(int nameIndex, byte[] value) {
        byte[] name = NAMES[nameIndex];
        for (int i = nameIndex; i <= LENGTH && NAMES[i] == name; i++) {
            if (Arrays.equals(VALUES[i], value)) {
                return i;
            }
        }
        return 0;
    }
}
