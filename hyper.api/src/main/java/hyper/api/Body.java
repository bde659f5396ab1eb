package hyper.api;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request body: octets, a String (sent as UTF-8), an {@link InputStream} read in chunks, or a sequence of
 * chunks. The seed's {@code body} argument (§6.1.1).
 *
 * <p>A stream or chunk sequence without a known length has {@link #length()} {@code -1}: HTTP/1.1 sends it
 * chunked; HTTP/2 needs a Content-Length header for a stream, as the seed says (§3.1.5).
 */
public final class Body {
    private static final Body EMPTY = new Body(new byte[0], null, null, 0);

    private final byte[] bytes;
    private final InputStream stream;
    private final Iterable<byte[]> chunks;
    private final long length;

    private Body(byte[] bytes, InputStream stream, Iterable<byte[]> chunks, long length) {
        this.bytes = bytes;
        this.stream = stream;
        this.chunks = chunks;
        this.length = length;
    }

    /** No body. */
    public static Body empty() {
        return EMPTY;
    }

    /** These octets (kept, not copied). */
    public static Body of(byte[] bytes) {
        return new Body(Objects.requireNonNull(bytes, "bytes"), null, null, bytes.length);
    }

    /** This text, as UTF-8. */
    public static Body of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A stream whose length is known; it is read in chunks and closed when sent. */
    public static Body of(InputStream stream, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0; use ofStream for an unknown length");
        }
        return new Body(null, Objects.requireNonNull(stream, "stream"), null, length);
    }

    /** A stream of unknown length: chunked on HTTP/1.1; on HTTP/2 the request needs a Content-Length header. */
    public static Body ofStream(InputStream stream) {
        return new Body(null, Objects.requireNonNull(stream, "stream"), null, -1);
    }

    /** A sequence of chunks of unknown total length (HTTP/1.1 sends one chunk per element). */
    public static Body ofChunks(Iterable<byte[]> chunks) {
        return new Body(null, null, Objects.requireNonNull(chunks, "chunks"), -1);
    }

    /** The length in octets, or -1 when unknown. */
    public long length() {
        return length;
    }

    /** The octets, when this body was made from octets or text; otherwise null. */
    public byte[] bytes() {
        return bytes;
    }

    /** The stream, when this body was made from one; otherwise null. */
    public InputStream stream() {
        return stream;
    }

    /** The chunks, when this body was made from them; otherwise null. */
    public Iterable<byte[]> chunks() {
        return chunks;
    }

    /** Whether this is the empty body. */
    public boolean isEmpty() {
        return length == 0;
    }
}
