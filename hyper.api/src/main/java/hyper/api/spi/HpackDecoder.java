package hyper.api.spi;

import hyper.api.HpackDecodingException;

/**
 * Decodes the header blocks of one connection (RFC 7541), incrementally: a block may arrive in several
 * fragments (HEADERS then CONTINUATION), and each field goes to the listener once it is complete.
 * Not thread-safe: the connection's reader thread is its only user.
 */
public interface HpackDecoder extends AutoCloseable {

    /**
     * Decodes one fragment of a header block.
     *
     * @param endOfBlock this fragment ends the block (END_HEADERS); a block may not end inside a representation
     * @throws HpackDecodingException the block broke a rule; see {@link HpackDecodingException#isConnectionFatal()}.
     *         A non-fatal error is thrown only once the whole block has been consumed.
     */
    void decode(byte[] src, int offset, int length, boolean endOfBlock, HeaderListener listener)
            throws HpackDecodingException;

    /**
     * The SETTINGS_HEADER_TABLE_SIZE we advertised has been acknowledged by the peer. Size updates above it
     * are errors from now on; if it is below the current table size, the next block must start with an update.
     */
    void setMaxTableSize(int acknowledgedSize);

    /** A new limit on the decoded header list (our SETTINGS_MAX_HEADER_LIST_SIZE). */
    void setMaxHeaderListSize(int size);

    /** Octets currently held by the dynamic table (RFC 7541 §4.1). */
    int tableSize();

    /** Entries currently in the dynamic table. */
    int tableEntries();

    /** Releases native resources, if any. Further use is an error. */
    @Override
    default void close() {
    }
}
