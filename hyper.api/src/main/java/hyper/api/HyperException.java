package hyper.api;

import java.io.IOException;

/** Root of every error hyper raises; an {@link IOException} so callers can treat them all as I/O failures. */
public class HyperException extends IOException {
    private static final long serialVersionUID = 1L;

    public HyperException(String message) {
        super(message);
    }

    public HyperException(String message, Throwable cause) {
        super(message, cause);
    }
}
