package hyper.api;

/** Base of hyper's HTTP/2 errors (the seed's {@code HTTP20Error}); carries the RFC 9113 §7 code that applies. */
public class Http2Exception extends HyperException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;

    public Http2Exception(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public Http2Exception(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The HTTP/2 error code that this failure maps to on the wire. */
    public ErrorCode errorCode() {
        return errorCode;
    }
}
