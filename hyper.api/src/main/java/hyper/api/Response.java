package hyper.api;

import java.io.IOException;

/**
 * A response: status, headers, a body read as a stream, and trailers (the seed's {@code HTTP20Response} and
 * {@code HTTP11Response}). The body is decoded (gzip, deflate) unless a method is told otherwise.
 * Reading from one thread at a time is supported; different responses may be read from different threads.
 */
public interface Response extends AutoCloseable {

    /** The status code. */
    int status();

    /** The reason phrase; always empty on HTTP/2, which has none. */
    String reason();

    /** The response headers (interim 1xx responses are not included). */
    HeaderMap headers();

    /** The HTTP/2 stream id, or 0 on HTTP/1.1. */
    int streamId();

    /** The rest of the body, decoded. Blocks until the body ends. */
    byte[] read() throws IOException;

    /** The rest of the body; {@code decodeContent=false} returns the octets as sent. */
    byte[] read(boolean decodeContent) throws IOException;

    /**
     * Up to {@code amount} octets of the body, decoded; an empty array at the end. When decoding, the count
     * returned may differ from what was asked for, as in the seed. Blocks until at least one octet or the end.
     */
    byte[] read(int amount) throws IOException;

    /** {@link #read(int)} with a choice of decoding. */
    byte[] read(int amount, boolean decodeContent) throws IOException;

    /**
     * Reads up to {@code len} octets of the body, decoded, into {@code dst} from {@code off}, as
     * {@link java.io.InputStream#read(byte[], int, int)} does: the count read, at least 1 unless {@code len} is 0,
     * or -1 at the end of the body. Blocks until at least one octet or the end. Unlike {@link #read(int)} it
     * allocates nothing: the octets go straight from the connection's buffer to the caller's.
     * (The default, for implementations whose {@code read(amount)} never returns more than asked, copies from it.)
     */
    default int read(byte[] dst, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
            return 0;
        }
        byte[] chunk = read(len);
        System.arraycopy(chunk, 0, dst, off, chunk.length);
        return chunk.length == 0 ? -1 : chunk.length;
    }

    /**
     * The body one element per DATA frame (HTTP/2) or chunk (HTTP/1.1); an element may be empty without the body
     * having ended. With decoding, each element is what the decompressor made of one frame. I/O errors during
     * iteration surface as {@link java.io.UncheckedIOException} wrapping the typed exception.
     */
    Iterable<byte[]> readChunked();

    /** {@link #readChunked()} with a choice of decoding. */
    Iterable<byte[]> readChunked(boolean decodeContent);

    /** The trailers, or an empty map; reads (and buffers) any unread body first, as the seed warns. */
    HeaderMap trailers() throws IOException;

    /** Closes the response: on HTTP/2 an unfinished stream is reset with CANCEL and its data discarded. */
    @Override
    void close() throws IOException;
}
