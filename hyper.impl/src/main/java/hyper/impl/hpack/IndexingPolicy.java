package hyper.impl.hpack;

/**
 * How the encoder represents a field that is not sent as an index (RFC 7541 §6.2): added to the dynamic
 * table, left out of it, or marked never-indexed. A field the caller marks sensitive is always never-indexed.
 */
interface IndexingPolicy {

    /**
     * Whether the field must use the never-indexed representation (§6.2.3, §7.1.3): it then skips the table
     * entirely, so its value cannot be probed through compression ratios.
     *
     * @param staticNameIndex the first static-table index with this name, or 0
     */
    boolean neverIndex(int staticNameIndex, byte[] name, byte[] value);

    /**
     * Whether a field that is not never-indexed should be added to the dynamic table (§6.2.1) rather than
     * sent without indexing (§6.2.2).
     *
     * @param capacity the table's current maximum size
     */
    boolean index(int staticNameIndex, byte[] name, byte[] value, int capacity);

    /**
     * hyper's policy.
     * <ul>
     *   <li>Never indexed: {@code authorization} and {@code proxy-authorization} (credentials),
     *       {@code set-cookie}, and {@code cookie} values under 20 octets, which are short enough to guess
     *       (RFC 7541 §7.1.3).</li>
     *   <li>Not indexed: an entry over 3/4 of the table, which would evict nearly everything for one field;
     *       and values that change on almost every message, so that an entry would only push out useful
     *       ones: {@code :path} with a query string, {@code content-length}, {@code etag},
     *       {@code if-none-match} and {@code if-modified-since}.</li>
     *   <li>Everything else is indexed.</li>
     * </ul>
     */
    IndexingPolicy DEFAULT = new IndexingPolicy() {
        @Override
        public boolean neverIndex(int staticNameIndex, byte[] name, byte[] value) {
            switch (staticNameIndex) {
                case StaticTable.AUTHORIZATION:
                case StaticTable.PROXY_AUTHORIZATION:
                case StaticTable.SET_COOKIE:
                    return true;
                case StaticTable.COOKIE:
                    return value.length < 20;
                default:
                    return false;
            }
        }

        @Override
        public boolean index(int staticNameIndex, byte[] name, byte[] value, int capacity) {
            long entrySize = (long) name.length + value.length + DecoderTable.ENTRY_OVERHEAD;
            if (entrySize * 4 > capacity * 3L) {
                return false;
            }
            switch (staticNameIndex) {
                case StaticTable.PATH:
                    return indexOf(value, (byte) '?') < 0;
                case StaticTable.CONTENT_LENGTH:
                case StaticTable.ETAG:
                case StaticTable.IF_NONE_MATCH:
                case StaticTable.IF_MODIFIED_SINCE:
                    return false;
                default:
                    return true;
            }
        }
    };

    private static int indexOf(byte[] a, byte b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
