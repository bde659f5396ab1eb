package hyper.api.spi;

/**
 * Limits a decoder enforces before it allocates anything for a header block.
 *
 * @param maxTableSize the SETTINGS_HEADER_TABLE_SIZE we advertised; a size update above it is an error (RFC 7541 §6.3)
 * @param maxHeaderListSize the most name + value + 32 octets per field, summed over a block (RFC 9113 §6.5.2)
 * @param maxFields the most fields in one block
 * @param maxStringLength the longest single name or value literal, in octets as sent (before Huffman decoding)
 */
public record HpackLimits(int maxTableSize, int maxHeaderListSize, int maxFields, int maxStringLength) {

    /** 4 KiB table, 64 KiB header list, 1,000 fields, 64 KiB strings. */
    public static final HpackLimits DEFAULT = new HpackLimits(4096, 64 * 1024, 1000, 64 * 1024);

    public HpackLimits {
        if (maxTableSize < 0 || maxHeaderListSize < 0 || maxFields < 0 || maxStringLength < 0) {
            throw new IllegalArgumentException("HPACK limits must not be negative");
        }
    }

    /** A copy with another table size. */
    public HpackLimits withMaxTableSize(int size) {
        return new HpackLimits(size, maxHeaderListSize, maxFields, maxStringLength);
    }

    /** A copy with another header list size. */
    public HpackLimits withMaxHeaderListSize(int size) {
        return new HpackLimits(maxTableSize, size, maxFields, maxStringLength);
    }
}
