package hyper.api;

import java.io.IOException;

/**
 * A response received over HTTP/1.1 (the seed's {@code HTTP11Response}, §6.1.3). Its body is delimited by
 * Content-Length, by chunked transfer coding (trailers included) or by the connection closing; responses to
 * HEAD and 204/304 responses have none. {@link #streamId()} is 0.
 */
public interface Http11Response extends Response {

    /**
     * Closes the response, which then loses access to the socket (seed {@code close(socket_close)}).
     * With {@code socketClose} the connection's socket is closed too; the connection opens a new one for its next
     * request. Without it, an unread rest of the body is drained so the socket can be reused, or, when more than a
     * small amount remains, the socket is closed instead.
     */
    void close(boolean socketClose) throws IOException;

    /** {@link #close(boolean) close(false)}. */
    @Override
    default void close() throws IOException {
        close(false);
    }
}
