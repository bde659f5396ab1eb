package hyper.impl.http1;

import hyper.api.Http1ProtocolException;
import hyper.api.HyperTimeoutException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * The buffered read side of one socket: lines for heads and chunk sizes, raw octets for bodies. The buffer is
 * {@code network_buffer_size} octets and grows only to hold a line that is longer, up to the line limit.
 * Not thread-safe: the wire's read lock guards it.
 */
final class Http1Source {
    private final InputStream in;
    private final Socket socket;
    private final String peer;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long consumedTotal;

    Http1Source(InputStream in, Socket socket, String peer, int bufferSize) {
        this.in = in;
        this.socket = socket;
        this.peer = peer;
        this.buf = new byte[bufferSize];
    }

    /** Octets buffered and not yet consumed. */
    int buffered() {
        return limit - pos;
    }

    /** How many octets have been consumed since the socket opened: tells whether a response had begun. */
    long consumedTotal() {
        return consumedTotal;
    }

    /** Ensures at least one octet is buffered; false when the peer closed the connection first. */
    boolean require() throws IOException {
        return pos < limit || fill() > 0;
    }

    /** Waits at most {@code millis} for data; true when some arrived, false on timeout or end of stream. */
    boolean await(int millis) throws IOException {
        if (pos < limit) {
            return true;
        }
        int before = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return fill() > 0;
        } catch (HyperTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** Whether the peer has closed its side (seen by a read that returned end of stream). */
    boolean isEof() {
        return eof;
    }

    /** Reads more from the socket; returns how many octets arrived, 0 at end of stream. */
    private int fill() throws IOException {
        if (eof) {
            return 0;
        }
        if (pos == limit) {
            pos = 0;
            limit = 0;
        } else if (limit == buf.length) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (SocketTimeoutException e) {
            throw new HyperTimeoutException("no data from " + peer + " within " + socket.getSoTimeout() + " ms");
        }
        if (n < 0) {
            eof = true;
            return 0;
        }
        limit += n;
        return n;
    }

    /**
     * Finds the next line (RFC 9112 §2.2: CRLF, or a bare LF, which a recipient may accept) and returns the index
     * of its LF; the line is {@code [pos(), lf)}, a CR before the LF included. Returns -1 when the stream ends
     * before any octet of the line.
     */
    int lineEnd(int maxLength, String what) throws IOException {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    if (i - pos > maxLength) {
                        throw tooLong(what, maxLength);
                    }
                    return i;
                }
            }
            scanned = limit;
            if (limit - pos > maxLength) {
                throw tooLong(what, maxLength);
            }
            if (limit == buf.length && pos == 0) {
                buf = Arrays.copyOf(buf, Math.min(buf.length * 2, maxLength + 2));
            }
            int before = limit - pos;
            if (fill() == 0) {
                if (before == 0 && limit == pos) {
                    return -1;
                }
                throw new Http1ProtocolException("the connection closed in the middle of the " + what, buf, pos, limit - pos);
            }
            scanned = pos + before;
        }
    }

    private Http1ProtocolException tooLong(String what, int maxLength) {
        return new Http1ProtocolException("the " + what + " is longer than " + maxLength + " octets", buf, pos,
                limit - pos);
    }

    /** Ensures at least {@code n} octets are buffered (n at most the buffer size); false if the stream ends first. */
    boolean require(int n) throws IOException {
        while (limit - pos < n) {
            if (limit == buf.length && pos == 0) {
                throw new IllegalArgumentException("cannot buffer " + n + " octets");
            }
            if (fill() == 0) {
                return false;
            }
        }
        return true;
    }

    byte[] array() {
        return buf;
    }

    int pos() {
        return pos;
    }

    /** Consumes up to and including index {@code end} - 1. */
    void consumeTo(int end) {
        consumedTotal += end - pos;
        pos = end;
    }

    /** Reads up to {@code len} octets into {@code dst}; -1 at end of stream. Large reads bypass the buffer. */
    int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length && !eof) {
                int n;
                try {
                    n = in.read(dst, off, len);
                } catch (SocketTimeoutException e) {
                    throw new HyperTimeoutException("no data from " + peer + " within " + socket.getSoTimeout() + " ms");
                }
                if (n < 0) {
                    eof = true;
                    return -1;
                }
                consumedTotal += n;
                return n;
            }
            if (fill() == 0) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        consumedTotal += n;
        return n;
    }

    /** Consumes and returns what is buffered (handed to HTTP/2 after an h2c upgrade). */
    byte[] takeBuffered() {
        byte[] out = Arrays.copyOfRange(buf, pos, limit);
        consumedTotal += limit - pos;
        pos = limit;
        return out;
    }
}
