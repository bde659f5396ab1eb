package hyper.impl.http2;

import hyper.api.ErrorCode;
import hyper.api.Http2Exception;

/** The peer broke a rule that ends the whole connection (RFC 9113 §5.4.1): we answer with GOAWAY and this code. */
final class ConnectionError extends Http2Exception {
    private static final long serialVersionUID = 1L;

    ConnectionError(ErrorCode code, String message) {
        super(code, message);
    }

    ConnectionError(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
