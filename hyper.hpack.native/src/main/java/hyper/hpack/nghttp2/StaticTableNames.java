package hyper.hpack.nghttp2;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The names of the static table (RFC 7541 Appendix A) as shared arrays, so a decoded field whose name
 * comes from the static table costs no allocation for its name. The listener contract allows this:
 * names handed over may be shared constants and must not be modified.
 */
final class StaticTableNames {
    /** Entries in the static table. */
    static final int ENTRIES = 61;

    private static final String[] NAMES = {
        ":authority", ":method", ":method", ":path", ":path", ":scheme", ":scheme", ":status", ":status",
        ":status", ":status", ":status", ":status", ":status", "accept-charset", "accept-encoding",
        "accept-language", "accept-ranges", "accept", "access-control-allow-origin", "age", "allow",
        "authorization", "cache-control", "content-disposition", "content-encoding", "content-language",
        "content-length", "content-location", "content-range", "content-type", "cookie", "date", "etag",
        "expect", "expires", "from", "host", "if-match", "if-modified-since", "if-none-match", "if-range",
        "if-unmodified-since", "last-modified", "link", "location", "max-forwards", "proxy-authenticate",
        "proxy-authorization", "range", "referer", "refresh", "retry-after", "server", "set-cookie",
        "strict-transport-security", "transfer-encoding", "user-agent", "vary", "via", "www-authenticate",
    };

    /** BY_INDEX[i] is the name of entry i (1-based); entries with the same name share one array. */
    private static final byte[][] BY_INDEX = new byte[ENTRIES + 1][];

    static {
        Map<String, byte[]> shared = new HashMap<>();
        for (int i = 0; i < ENTRIES; i++) {
            BY_INDEX[i + 1] = shared.computeIfAbsent(NAMES[i], n -> n.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private StaticTableNames() {
    }

    /** The name of static entry {@code index}, 1 to {@value #ENTRIES}. */
    static byte[] name(int index) {
        if (index < 1 || index > ENTRIES) {
            throw new IllegalStateException("native decoder returned static index " + index);
        }
        return BY_INDEX[index];
    }
}
