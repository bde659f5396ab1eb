package hyper.impl.http1;

import hyper.api.HeaderMap;
import hyper.api.Http1ProtocolException;
import hyper.api.HyperException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads one response body as its framing says (RFC 9112 §6.3): nothing, exactly Content-Length octets, chunked
 * (with a trailer section), or everything until the connection closes.
 *
 * <pre>
 *   chunked-body = *chunk last-chunk trailer-section CRLF
 *   chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF      ; "1a;name=val\r\n" + 26 octets + "\r\n"
 *   last-chunk   = 1*("0") [ chunk-ext ] CRLF                         ; "0\r\n"
 * </pre>
 * Not thread-safe: the wire's read lock guards it.
 */
final class BodyReader {
    enum Framing { NONE, LENGTH, CHUNKED, CLOSE }

    private static final int NEED_SIZE = -1;

    private final Http1Source src;
    private final Framing framing;
    private final int trailerLimit;
    /** LENGTH: octets left. CHUNKED: octets left in the current chunk, or NEED_SIZE. */
    private long remaining;
    private boolean done;
    private HeaderMap trailers = new HeaderMap(0);

    BodyReader(Http1Source src, Framing framing, long contentLength, int trailerLimit) {
        this.src = src;
        this.framing = framing;
        this.trailerLimit = trailerLimit;
        this.remaining = framing == Framing.CHUNKED ? NEED_SIZE : contentLength;
        this.done = framing == Framing.NONE || framing == Framing.LENGTH && contentLength == 0;
    }

    Framing framing() {
        return framing;
    }

    boolean isDone() {
        return done;
    }

    /** Octets left of a Content-Length body, or -1 for other framings. */
    long lengthRemaining() {
        return framing == Framing.LENGTH ? remaining : framing == Framing.NONE ? 0 : -1;
    }

    HeaderMap trailers() {
        return trailers;
    }

    /** Reads body octets; -1 at the end of the body. Blocks until at least one octet or the end. */
    int read(byte[] dst, int off, int len) throws IOException {
        if (done) {
            return -1;
        }
        switch (framing) {
            case LENGTH: {
                int n = src.read(dst, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new HyperException("the connection closed with " + remaining
                            + " octets of the response body (Content-Length) still to come");
                }
                remaining -= n;
                done = remaining == 0;
                return n;
            }
            case CLOSE: {
                int n = src.read(dst, off, len);
                if (n < 0) {
                    done = true;
                }
                return n;
            }
            case CHUNKED: {
                if (remaining == 0) {
                    endOfChunkData();
                }
                if (remaining == NEED_SIZE && !readChunkSize()) {
                    return -1;
                }
                int n = src.read(dst, off, (int) Math.min(len, remaining));
                if (n < 0) {
                    throw new HyperException("the connection closed inside a chunk, " + remaining + " octets short");
                }
                remaining -= n;
                return n;
            }
            default:
                return -1;
        }
    }

    /**
     * The next chunk's data as one array (chunked bodies; a chunk larger than {@code cap} comes in several parts),
     * or null at the end. For other framings, the octets that arrive next, at most {@code cap}.
     */
    byte[] nextChunk(int cap) throws IOException {
        if (done) {
            return null;
        }
        if (framing != Framing.CHUNKED) {
            byte[] out = new byte[(int) Math.min(cap, framing == Framing.LENGTH ? remaining : cap)];
            int n = read(out, 0, out.length);
            return n < 0 ? null : n == out.length ? out : Arrays.copyOf(out, n);
        }
        if (remaining == 0) {
            endOfChunkData();
        }
        if (remaining == NEED_SIZE && !readChunkSize()) {
            return null;
        }
        byte[] out = new byte[(int) Math.min(cap, remaining)];
        int filled = 0;
        while (filled < out.length) {
            int n = read(out, filled, out.length - filled);
            if (n < 0) {
                throw new HyperException("the chunked body ended inside a chunk");
            }
            filled += n;
        }
        return out;
    }

    /** Reads and discards up to {@code max} octets of what is left; true when the body then is complete. */
    boolean drain(long max) throws IOException {
        byte[] scratch = new byte[8192];
        long left = max;
        while (!done && left > 0) {
            int n = read(scratch, 0, (int) Math.min(scratch.length, left));
            if (n < 0) {
                break;
            }
            left -= n;
        }
        if (!done && framing == Framing.CHUNKED && remaining == 0) {
            endOfChunkData();
            if (remaining == NEED_SIZE && src.buffered() > 0) {
                readChunkSize(); // the last chunk may already be here: then the body is complete
            }
        }
        return done;
    }

    /** The CRLF (or bare LF) after chunk data. */
    private void endOfChunkData() throws IOException {
        if (!src.require(1)) {
            throw new HyperException("the connection closed before the chunked body ended");
        }
        byte[] b = src.array();
        int p = src.pos();
        if (b[p] == '\n') {
            src.consumeTo(p + 1);
        } else if (b[p] == '\r' && src.require(2) && src.array()[src.pos() + 1] == '\n') {
            src.consumeTo(src.pos() + 2);
        } else {
            src.require(Math.min(8, src.array().length)); // a few octets of context for the message
            throw new Http1ProtocolException("chunk data is not followed by CRLF", src.array(), src.pos(),
                    Math.min(8, src.buffered()));
        }
        remaining = NEED_SIZE;
    }

    /** Parses a chunk-size line; at the last chunk reads the trailers and returns false. */
    private boolean readChunkSize() throws IOException {
        int lf = src.lineEnd(ResponseHead.MAX_LINE, "chunk size line");
        if (lf < 0) {
            throw new HyperException("the connection closed before the chunked body ended");
        }
        byte[] b = src.array();
        int start = src.pos();
        int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
        long size = 0;
        int i = start;
        while (i < end && hex(b[i]) >= 0) {
            if (size > (Long.MAX_VALUE >>> 4)) {
                throw new Http1ProtocolException("chunk size too large", b, start, end - start);
            }
            size = size << 4 | hex(b[i]);
            i++;
        }
        if (i == start) {
            throw new Http1ProtocolException("malformed chunk size", b, start, end - start);
        }
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++; // BWS before a chunk-ext
        }
        if (i < end && b[i] != ';') {
            throw new Http1ProtocolException("malformed chunk size", b, start, end - start);
        }
        for (; i < end; i++) {
            if (!ResponseHead.fieldChar(b[i])) {
                throw new Http1ProtocolException("invalid octet in a chunk extension", b, start, end - start);
            }
        }
        src.consumeTo(lf + 1);
        if (size == 0) {
            trailers = ResponseHead.readFields(src, trailerLimit, "trailer");
            done = true;
            return false;
        }
        remaining = size;
        return true;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
