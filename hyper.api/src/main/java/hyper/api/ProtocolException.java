package hyper.api;

/** The peer broke an HTTP/2 or HTTP/1.1 rule (a malformed frame, response or message); the message says which. */
public class ProtocolException extends Http2Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(ErrorCode.PROTOCOL_ERROR, message);
    }

    public ProtocolException(ErrorCode code, String message) {
        super(code, message);
    }
}
