package hyper.api;

/**
 * A header block could not be decoded (the seed's {@code HPACKDecodingError}).
 *
 * <p>{@link #reason()} says which rule was broken. When {@link #isConnectionFatal()} is false the decoder
 * consumed the whole block and its dynamic table is still in step with the peer's encoder, so only the
 * stream has to be reset (RFC 9113 §10.5.1); otherwise the connection must end with COMPRESSION_ERROR (§4.3).
 */
public class HpackDecodingException extends Http2Exception {
    private static final long serialVersionUID = 1L;

    /** The rule a header block broke. */
    public enum Reason {
        /** An integer does not fit in 31 bits, or uses more continuation bytes than any valid one (RFC 7541 §5.1). */
        INTEGER_OVERFLOW(true),
        /** An index points to neither the static nor the dynamic table (RFC 7541 §2.3.3). */
        INVALID_INDEX(true),
        /** Huffman data with EOS, more than 7 bits of padding, or padding that is not all ones (RFC 7541 §5.2). */
        INVALID_HUFFMAN(true),
        /** A dynamic table size update above the limit acknowledged through SETTINGS_HEADER_TABLE_SIZE (RFC 7541 §4.2, §6.3). */
        TABLE_SIZE_UPDATE_TOO_LARGE(true),
        /** A dynamic table size update that is not at the start of a header block (RFC 7541 §4.2). */
        TABLE_SIZE_UPDATE_MISPLACED(true),
        /** A table size update was required (the limit was lowered) but the block did not start with one (RFC 7541 §4.2). */
        TABLE_SIZE_UPDATE_MISSING(true),
        /** The block ended in the middle of a representation. */
        TRUNCATED_BLOCK(true),
        /** A single string literal is longer than the configured limit; refused before allocating. */
        STRING_TOO_LONG(true),
        /** The decoded list is larger than the limit (name + value + 32 per field, RFC 9113 §6.5.2). The block was still consumed. */
        HEADER_LIST_TOO_LARGE(false),
        /** The block holds more fields than the configured limit. The block was still consumed. */
        TOO_MANY_FIELDS(false);

        private final boolean connectionFatal;

        Reason(boolean connectionFatal) {
            this.connectionFatal = connectionFatal;
        }

        /** Whether the decoder's state can no longer be trusted, so the connection must end. */
        public boolean isConnectionFatal() {
            return connectionFatal;
        }
    }

    private final Reason reason;

    public HpackDecodingException(Reason reason, String message) {
        super(reason.isConnectionFatal() ? ErrorCode.COMPRESSION_ERROR : ErrorCode.PROTOCOL_ERROR, message);
        this.reason = reason;
    }

    /** Which rule the block broke. */
    public Reason reason() {
        return reason;
    }

    /** True when the decoding context is lost and the connection must close with COMPRESSION_ERROR. */
    public boolean isConnectionFatal() {
        return reason.isConnectionFatal();
    }
}
