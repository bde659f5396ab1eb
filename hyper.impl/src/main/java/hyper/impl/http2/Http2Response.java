package hyper.impl.http2;

import hyper.api.HeaderMap;
import hyper.api.Response;
import hyper.impl.body.ChunkIterable;
import hyper.impl.body.ContentDecoder;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The response on one stream (the seed's {@code HTTP20Response}): status and headers as received, the body read
 * from the stream's buffer, gzip/deflate decoded unless asked otherwise. Reading gives flow-control credit back.
 * One reading thread at a time.
 */
final class Http2Response implements Response {
    private static final byte[] EMPTY = new byte[0];
    private static final int CHUNK = 16 * 1024;
    /** A content-length up to this sizes the result array up front; beyond it the array grows as data comes. */
    private static final int PRESIZE_LIMIT = 8 * 1024 * 1024;

    private final Http2ClientConnection conn;
    private final Http2Stream stream;
    private final int status;
    private final HeaderMap headers;
    private final long timeoutNanos;
    private ContentDecoder decoder;
    private boolean decoderChecked;
    private boolean finished;

    Http2Response(Http2ClientConnection conn, Http2Stream stream, int status, long timeoutNanos) {
        this.conn = conn;
        this.stream = stream;
        this.status = status;
        this.headers = stream.headers();
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String reason() {
        return ""; // HTTP/2 has no reason phrase (seed §6.1.2)
    }

    @Override
    public HeaderMap headers() {
        return headers;
    }

    @Override
    public int streamId() {
        return stream.id;
    }

    @Override
    public byte[] read() throws IOException {
        return read(true);
    }

    @Override
    public byte[] read(boolean decodeContent) throws IOException {
        ContentDecoder d = decodeContent ? decoder() : null;
        return d == null ? readAllRaw() : readAllDecoded(d);
    }

    /** The rest of the body as sent, read straight into an array sized by content-length when there is one. */
    private byte[] readAllRaw() throws IOException {
        if (!finished) {
            byte[] whole = stream.takeWholeBody(); // a small body that has fully arrived: no copy
            if (whole != null) {
                finished = true;
                return whole;
            }
        }
        long expected = stream.contentLength();
        byte[] out = expected >= 0 && expected <= PRESIZE_LIMIT ? new byte[(int) expected] : new byte[CHUNK];
        int length = 0;
        while (true) {
            if (length == out.length) {
                if (finished || stream.awaitAvailable(timeoutNanos) < 0) {
                    finished = true;
                    return out; // exactly as long as announced: no need to grow to find the end
                }
                out = Arrays.copyOf(out, Math.max(CHUNK, out.length * 2));
            }
            int n = readRaw(out, length, out.length - length);
            if (n < 0) {
                return length == out.length ? out : Arrays.copyOf(out, length);
            }
            length += n;
        }
    }

    private byte[] readAllDecoded(ContentDecoder d) throws IOException {
        byte[] raw = new byte[CHUNK];
        byte[] out = EMPTY;
        int length = 0;
        while (true) {
            int n = readRaw(raw, 0, raw.length);
            if (n < 0) {
                break;
            }
            d.feed(raw, 0, n);
            while (true) {
                if (out.length == length) {
                    out = Arrays.copyOf(out, Math.max(CHUNK, out.length * 2));
                }
                int m = d.inflate(out, length, out.length - length);
                if (m == 0) {
                    break;
                }
                length += m;
            }
        }
        d.finish();
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    @Override
    public byte[] read(int amount) throws IOException {
        return read(amount, true);
    }

    @Override
    public byte[] read(int amount, boolean decodeContent) throws IOException {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount);
        }
        if (amount == 0) {
            return EMPTY;
        }
        ContentDecoder d = decodeContent ? decoder() : null;
        if (d == null) {
            byte[] buf = new byte[Math.min(amount, 1 << 20)];
            int n = readRaw(buf, 0, buf.length);
            return n < 0 ? EMPTY : n == buf.length ? buf : Arrays.copyOf(buf, n);
        }
        byte[] out = new byte[Math.min(amount, 1 << 20)];
        byte[] raw = null;
        while (true) {
            int m = d.inflate(out, 0, out.length);
            if (m > 0) {
                return Arrays.copyOf(out, m);
            }
            if (raw == null) {
                raw = new byte[CHUNK];
            }
            int n = readRaw(raw, 0, raw.length);
            if (n < 0) {
                d.finish();
                return EMPTY;
            }
            d.feed(raw, 0, n);
        }
    }

    /** Decoded octets straight into {@code dst}: one copy from the stream's buffer, nothing allocated without decoding. */
    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
            return 0;
        }
        ContentDecoder d = decoder();
        if (d == null) {
            return readRaw(dst, off, len);
        }
        byte[] raw = null;
        while (true) {
            int m = d.inflate(dst, off, len);
            if (m > 0) {
                return m;
            }
            if (raw == null) {
                raw = new byte[CHUNK];
            }
            int n = readRaw(raw, 0, raw.length);
            if (n < 0) {
                d.finish();
                return -1;
            }
            d.feed(raw, 0, n);
        }
    }

    @Override
    public Iterable<byte[]> readChunked() {
        return readChunked(true);
    }

    @Override
    public Iterable<byte[]> readChunked(boolean decodeContent) {
        return new ChunkIterable(() -> nextChunk(decodeContent));
    }

    /** One DATA frame's payload, decoded if asked; null at the end of the body. */
    private byte[] nextChunk(boolean decodeContent) throws IOException {
        byte[] frame = stream.readFrame(timeoutNanos);
        ContentDecoder d = decodeContent ? decoder() : null;
        if (frame == null) {
            finished = true;
            if (d != null) {
                d.finish();
            }
            return null;
        }
        if (frame.length > 0) {
            stream.consumed(frame.length, conn);
        }
        if (d == null) {
            return frame;
        }
        d.feed(frame, 0, frame.length);
        return d.inflateAvailable();
    }

    @Override
    public HeaderMap trailers() throws IOException {
        stream.bufferToEnd(timeoutNanos, conn);
        HeaderMap t = stream.trailers();
        return t != null ? t : new HeaderMap(0);
    }

    @Override
    public void close() throws IOException {
        if (decoder != null) {
            decoder.close();
        }
        conn.closeResponse(stream);
    }

    private int readRaw(byte[] buf, int off, int len) throws IOException {
        if (finished) {
            return -1;
        }
        int n = stream.read(buf, off, len, timeoutNanos);
        if (n < 0) {
            finished = true;
            return -1;
        }
        stream.consumed(n, conn);
        return n;
    }

    private ContentDecoder decoder() {
        if (!decoderChecked) {
            decoderChecked = true;
            List<byte[]> codings = headers.get("content-encoding");
            if (codings.size() == 1) {
                decoder = ContentDecoder.forEncoding(codings.get(0));
            }
        }
        return decoder;
    }

    @Override
    public String toString() {
        return "Http2Response{stream=" + stream.id + ", status=" + status + "}";
    }
}
