package hyper.api;

/** HPACK encoding failed (the seed's {@code HPACKEncodingError}), for example a field the encoder cannot represent. */
public class HpackEncodingException extends Http2Exception {
    private static final long serialVersionUID = 1L;

    public HpackEncodingException(String message) {
        super(ErrorCode.INTERNAL_ERROR, message);
    }
}
