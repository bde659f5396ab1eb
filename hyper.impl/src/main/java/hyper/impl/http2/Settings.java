package hyper.impl.http2;

/**
 * The values carried by one SETTINGS frame, or the accumulated settings of one endpoint (RFC 9113 §6.5).
 * Only the six identifiers of §6.5.2 are kept; unknown ones are dropped by the reader, as §6.5.2 requires.
 * Values are the wire's unsigned 32-bit numbers clamped to {@code Integer.MAX_VALUE}. Not thread-safe.
 */
final class Settings {
    private static final int SLOTS = 7; // identifiers 1..6; slot 0 unused

    private final int[] values = new int[SLOTS];
    private int present; // bit i set when identifier i has a value

    /** Sets identifier {@code id} (1..6) to {@code value}; other identifiers are ignored. */
    Settings set(int id, int value) {
        if (id > 0 && id < SLOTS) {
            values[id] = value;
            present |= 1 << id;
        }
        return this;
    }

    /** Whether {@code id} has a value. */
    boolean isSet(int id) {
        return id > 0 && id < SLOTS && (present & (1 << id)) != 0;
    }

    /** The value of {@code id}, or {@code defaultValue} when it has none. */
    int get(int id, int defaultValue) {
        return isSet(id) ? values[id] : defaultValue;
    }

    /** How many identifiers have values. */
    int size() {
        return Integer.bitCount(present);
    }

    /** Copies every value of {@code other} over this one (a SETTINGS frame updates only what it names, §6.5.3). */
    void merge(Settings other) {
        for (int id = 1; id < SLOTS; id++) {
            if (other.isSet(id)) {
                set(id, other.values[id]);
            }
        }
    }

    /** Forgets every value. */
    void clear() {
        present = 0;
    }

    /** A copy. */
    Settings copy() {
        Settings c = new Settings();
        c.merge(this);
        return c;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Settings{");
        String[] names = {"", "HEADER_TABLE_SIZE", "ENABLE_PUSH", "MAX_CONCURRENT_STREAMS", "INITIAL_WINDOW_SIZE",
            "MAX_FRAME_SIZE", "MAX_HEADER_LIST_SIZE"};
        String sep = "";
        for (int id = 1; id < SLOTS; id++) {
            if (isSet(id)) {
                sb.append(sep).append(names[id]).append('=').append(values[id]);
                sep = ", ";
            }
        }
        return sb.append('}').toString();
    }
}
