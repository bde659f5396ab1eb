package hyper.impl.body;

import hyper.api.ContentDecodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Streaming decoder for {@code Content-Encoding: gzip} (RFC 1952, several members allowed) and {@code deflate},
 * which servers send both as zlib (RFC 1950, what RFC 9110 §8.4.1.2 means) and as raw deflate (RFC 1951):
 * the first two octets tell which. Pull-style, so a tiny compressed input cannot force a huge allocation:
 * {@link #feed} input, then {@link #inflate} into the caller's buffer until it returns 0.
 * Not thread-safe.
 */
public final class ContentDecoder implements AutoCloseable {
    private enum Format { GZIP, DEFLATE_UNKNOWN, ZLIB, RAW }

    private enum State { GZIP_HEADER, BODY, GZIP_TRAILER, DONE }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private Format format;
    private State state;
    private Inflater inflater;
    private final CRC32 crc = new CRC32();
    private byte[] pending = new byte[0]; // input not yet handed to the inflater or header parser
    private int pendingStart;
    private int pendingEnd;
    private long members;

    private ContentDecoder(Format format) {
        this.format = format;
        this.state = format == Format.GZIP ? State.GZIP_HEADER : State.BODY;
    }

    /**
     * A decoder for the coding named by a Content-Encoding value, or null for identity, none, or codings this
     * class does not know (the body is then passed through as sent).
     */
    public static ContentDecoder forEncoding(byte[] contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        String coding = new String(contentEncoding, StandardCharsets.ISO_8859_1).trim().toLowerCase(java.util.Locale.ROOT);
        switch (coding) {
            case "gzip":
            case "x-gzip":
                return new ContentDecoder(Format.GZIP);
            case "deflate":
                return new ContentDecoder(Format.DEFLATE_UNKNOWN);
            default:
                return null;
        }
    }

    /** Adds compressed input; it is copied, so the caller may reuse {@code buf}. */
    public void feed(byte[] buf, int off, int len) {
        if (len == 0) {
            return;
        }
        int live = pendingEnd - pendingStart;
        if (pending.length - pendingEnd < len) {
            byte[] grown = pending.length - live >= len && pendingStart > 0
                    ? pending : new byte[Math.max(live + len, pending.length * 2)];
            System.arraycopy(pending, pendingStart, grown, 0, live);
            pending = grown;
            pendingStart = 0;
            pendingEnd = live;
        }
        System.arraycopy(buf, off, pending, pendingEnd, len);
        pendingEnd += len;
    }

    /**
     * Decodes into {@code out}; returns how many octets were written, 0 when more input is needed or the
     * stream is complete.
     */
    public int inflate(byte[] out, int off, int len) throws ContentDecodingException {
        while (true) {
            switch (state) {
                case GZIP_HEADER:
                    if (!parseGzipHeader()) {
                        return 0;
                    }
                    break;
                case BODY: {
                    if (format == Format.DEFLATE_UNKNOWN && !sniffDeflate()) {
                        return 0;
                    }
                    int n = inflateBody(out, off, len);
                    if (n > 0 || state == State.BODY) {
                        return n;
                    }
                    break; // the deflate stream ended: trailer or done
                }
                case GZIP_TRAILER:
                    if (!parseGzipTrailer()) {
                        return 0;
                    }
                    break;
                case DONE:
                    if (pendingEnd > pendingStart && format == Format.GZIP) {
                        state = State.GZIP_HEADER; // another gzip member follows (RFC 1952 §2.2)
                        break;
                    }
                    pendingStart = pendingEnd; // octets after a zlib/raw stream's end are ignored, as zlib does
                    return 0;
                default:
                    throw new IllegalStateException(state.toString());
            }
        }
    }

    /** Decodes everything fed so far into a new array (used per DATA frame by {@code readChunked}). */
    public byte[] inflateAvailable() throws ContentDecodingException {
        byte[] out = new byte[Math.max(256, (pendingEnd - pendingStart) * 4)];
        int len = 0;
        while (true) {
            if (len == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            int n = inflate(out, len, out.length - len);
            if (n == 0) {
                return Arrays.copyOf(out, len);
            }
            len += n;
        }
    }

    /** The body ended: throws if the compressed stream was cut short. */
    public void finish() throws ContentDecodingException {
        if (state != State.DONE || members == 0 && format == Format.GZIP) {
            if (state == State.BODY && format == Format.DEFLATE_UNKNOWN && pendingEnd == pendingStart) {
                return; // an empty body that claims deflate: nothing to decode
            }
            throw new ContentDecodingException("the " + describe() + " body ended before its compressed stream did");
        }
    }

    @Override
    public void close() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private int inflateBody(byte[] out, int off, int len) throws ContentDecodingException {
        // Input is handed over afresh on every call and consumption read back from getRemaining(), so the
        // inflater never holds on to 'pending' while feed() may move or overwrite it.
        int given = pendingEnd - pendingStart;
        inflater.setInput(pending, pendingStart, given);
        int n;
        try {
            n = inflater.inflate(out, off, len);
            pendingStart += given - inflater.getRemaining();
        } catch (DataFormatException e) {
            throw new ContentDecodingException("corrupt " + describe() + " body: " + e.getMessage(), e);
        }
        if (inflater.needsDictionary()) {
            throw new ContentDecodingException("the " + describe() + " body needs a preset dictionary, which HTTP does not allow");
        }
        if (format == Format.GZIP) {
            crc.update(out, off, n);
        }
        if (inflater.finished()) {
            state = format == Format.GZIP ? State.GZIP_TRAILER : State.DONE;
        }
        return n;
    }

    private boolean sniffDeflate() {
        if (pendingEnd - pendingStart < 2) {
            return false;
        }
        int cmf = pending[pendingStart] & 0xff;
        int flg = pending[pendingStart + 1] & 0xff;
        boolean zlib = (cmf & 0x0f) == 8 && (cmf >>> 4) <= 7 && (cmf * 256 + flg) % 31 == 0;
        format = zlib ? Format.ZLIB : Format.RAW;
        inflater = new Inflater(!zlib);
        return true;
    }

    /** Parses a gzip member header (RFC 1952 §2.3) once all of it has arrived. */
    private boolean parseGzipHeader() throws ContentDecodingException {
        int p = pendingStart;
        int end = pendingEnd;
        if (end - p < 10) {
            return false;
        }
        if ((pending[p] & 0xff) != 0x1f || (pending[p + 1] & 0xff) != 0x8b) {
            throw new ContentDecodingException("not a gzip body: it starts with " + String.format("%02x %02x", pending[p], pending[p + 1]));
        }
        if (pending[p + 2] != 8) {
            throw new ContentDecodingException("unsupported gzip compression method " + pending[p + 2]);
        }
        int flags = pending[p + 3] & 0xff;
        p += 10;
        if ((flags & FEXTRA) != 0) {
            if (end - p < 2) {
                return false;
            }
            int xlen = (pending[p] & 0xff) | (pending[p + 1] & 0xff) << 8;
            p += 2 + xlen;
        }
        if ((flags & FNAME) != 0) {
            p = skipZeroTerminated(p, end);
        }
        if ((flags & FCOMMENT) != 0 && p >= 0) {
            p = skipZeroTerminated(p, end);
        }
        if ((flags & FHCRC) != 0 && p >= 0) {
            p += 2;
        }
        if (p < 0 || p > end) {
            return false; // header not complete yet
        }
        pendingStart = p;
        if (inflater == null) {
            inflater = new Inflater(true);
        } else {
            inflater.reset();
        }
        crc.reset();
        state = State.BODY;
        return true;
    }

    private int skipZeroTerminated(int p, int end) {
        while (p < end) {
            if (pending[p++] == 0) {
                return p;
            }
        }
        return -1;
    }

    private boolean parseGzipTrailer() throws ContentDecodingException {
        if (pendingEnd - pendingStart < 8) {
            return false;
        }
        int p = pendingStart;
        long expectedCrc = le32(p);
        long expectedSize = le32(p + 4);
        pendingStart += 8;
        if (expectedCrc != crc.getValue()) {
            throw new ContentDecodingException("gzip body failed its CRC-32 check");
        }
        if (expectedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
            throw new ContentDecodingException("gzip body has the wrong length (ISIZE)");
        }
        members++;
        state = State.DONE;
        return true;
    }

    private long le32(int p) {
        return (pending[p] & 0xffL) | (pending[p + 1] & 0xffL) << 8 | (pending[p + 2] & 0xffL) << 16 | (pending[p + 3] & 0xffL) << 24;
    }

    private String describe() {
        return format == Format.GZIP ? "gzip" : "deflate";
    }
}
