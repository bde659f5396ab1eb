package hyper.api;

/** A response body that says it is gzip- or deflate-encoded could not be decoded (corrupt or truncated). */
public class ContentDecodingException extends HyperException {
    private static final long serialVersionUID = 1L;

    public ContentDecodingException(String message) {
        super(message);
    }

    public ContentDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
