package hyper.hpack.nghttp2;

import hyper.api.HpackDecodingException.Reason;

/**
 * The reason codes of hh_common.h ({@code enum hh_reason}) as {@link Reason}s, and the messages for them.
 *
 * <p>Most reasons are found exactly by the C pre-scan (hh_scan.c) before nghttp2 sees the octets. nghttp2
 * itself only says "compression error"; when it refuses a representation the scan accepted, the
 * representation's Huffman data is to blame, so that is {@link Reason#INVALID_HUFFMAN}.
 */
final class NativeReasons {
    static final int NOMEM = 20;

    private NativeReasons() {
    }

    static Reason reason(int code) {
        switch (code) {
            case 1: return Reason.INTEGER_OVERFLOW;
            case 2: return Reason.INVALID_INDEX;
            case 3: return Reason.INVALID_HUFFMAN;
            case 4: return Reason.TABLE_SIZE_UPDATE_TOO_LARGE;
            case 5: return Reason.TABLE_SIZE_UPDATE_MISPLACED;
            case 6: return Reason.TABLE_SIZE_UPDATE_MISSING;
            case 7: return Reason.TRUNCATED_BLOCK;
            case 8: return Reason.STRING_TOO_LONG;
            case 9: return Reason.HEADER_LIST_TOO_LARGE;
            case 10: return Reason.TOO_MANY_FIELDS;
            default: throw new IllegalStateException("native decoder reported unknown reason " + code);
        }
    }

    /** What broke, with the offending value and the limit where the C side recorded them. */
    static String message(Reason reason, long value, long limit) {
        switch (reason) {
            case INTEGER_OVERFLOW:
                return "integer does not fit in 31 bits or has too many continuation octets (RFC 7541 §5.1)";
            case INVALID_INDEX:
                return "index " + value + " is in neither the static table nor the dynamic table ("
                        + Math.max(0, limit - StaticTableNames.ENTRIES) + " entries) (RFC 7541 §2.3.3)";
            case INVALID_HUFFMAN:
                return "invalid Huffman-coded string: EOS, padding over 7 bits or not all ones (RFC 7541 §5.2)";
            case TABLE_SIZE_UPDATE_TOO_LARGE:
                return "dynamic table size update to " + value + " exceeds the allowed " + limit + " (RFC 7541 §6.3)";
            case TABLE_SIZE_UPDATE_MISPLACED:
                return "dynamic table size update after a header field (RFC 7541 §4.2)";
            case TABLE_SIZE_UPDATE_MISSING:
                return "the block must start with a dynamic table size update to at most " + limit + " (RFC 7541 §4.2)";
            case TRUNCATED_BLOCK:
                return "the header block ended inside a representation";
            case STRING_TOO_LONG:
                return "string literal of " + value + " octets exceeds the limit of " + limit
                        + (limit == 65536 ? " (nghttp2's maximum)" : "");
            case HEADER_LIST_TOO_LARGE:
                return "header list of at least " + value + " octets exceeds the limit of " + limit
                        + " (RFC 9113 §6.5.2)";
            case TOO_MANY_FIELDS:
                return "more than " + limit + " fields in one header block";
            default:
                return reason.toString();
        }
    }
}
