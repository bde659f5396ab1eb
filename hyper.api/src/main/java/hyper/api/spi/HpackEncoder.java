package hyper.api.spi;

import hyper.api.HpackEncodingException;

/**
 * Encodes header blocks for one connection (RFC 7541). Not thread-safe: the connection encodes under the
 * same lock that orders HEADERS frames on the wire, since table state must follow wire order (§2.3.2).
 */
public interface HpackEncoder extends AutoCloseable {

    /**
     * Appends the encoded block for {@code fields} to {@code out}. A pending dynamic table size update is
     * emitted first (RFC 7541 §4.2). The arrays of {@code fields} must not change during the call; they are
     * not retained after it, except those of fields marked {@link HeaderFields#constant}.
     *
     * @throws HpackEncodingException a field cannot be encoded (an upper-case name, say); the block is refused
     *         whole, leaving {@code out} and the encoder's state as they were, so the connection can go on
     */
    void encode(HeaderFields fields, BlockBuffer out) throws HpackEncodingException;

    /**
     * The peer's SETTINGS_HEADER_TABLE_SIZE changed. The encoder uses {@code min(size, its own maximum)} and
     * signals the change at the start of the next block; if the size dipped and came back up between blocks,
     * it signals the smallest value first.
     */
    void setPeerMaxTableSize(int size);

    /** Octets currently held by the dynamic table, counted as RFC 7541 §4.1 does. */
    int tableSize();

    /** Entries currently in the dynamic table. */
    int tableEntries();

    /** Releases native resources, if any. Further use is an error. */
    @Override
    default void close() {
    }
}
