package hyper.impl.http1;

import hyper.api.HeaderMap;
import hyper.api.Http11Response;
import hyper.api.HyperException;
import hyper.impl.body.ChunkIterable;
import hyper.impl.body.ContentDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A response read from a {@link Wire}: the head is parsed already, the body is pulled from the socket as the caller
 * reads, so a large body never sits in memory. Reads take the wire's read lock; one thread reads a response at a
 * time.
 */
final class Http1Response implements Http11Response {
    /** Largest element {@link #readChunked} yields; a larger chunk comes in several elements. */
    static final int MAX_CHUNK_ELEMENT = 1024 * 1024;

    private final Http1Connection connection;
    private final Wire wire;
    private final ResponseHead head;
    private final BodyReader body;
    private final int bufferSize;
    private ContentDecoder decoder;
    private boolean decoderInputEnded;
    private Boolean decoding;
    private byte[] pushback;
    private int pushbackPos;
    private boolean finished;
    private boolean discarded;
    private boolean closed;

    Http1Response(Http1Connection connection, Wire wire, ResponseHead head, BodyReader body, int bufferSize) {
        this.connection = connection;
        this.wire = wire;
        this.head = head;
        this.body = body;
        this.bufferSize = bufferSize;
        this.finished = body.isDone();
    }

    @Override
    public int status() {
        return head.status;
    }

    @Override
    public String reason() {
        return head.reason;
    }

    @Override
    public HeaderMap headers() {
        return head.headers;
    }

    @Override
    public int streamId() {
        return 0;
    }

    /** Whether the body has been read to its end from the wire (or there is none). */
    boolean bodyComplete() {
        return finished;
    }

    @Override
    public byte[] read() throws IOException {
        return read(true);
    }

    @Override
    public byte[] read(boolean decodeContent) throws IOException {
        chooseMode(decodeContent);
        long known = body.lengthRemaining();
        if (!finished && decoder == null && pushback == null && known >= 0 && known <= MAX_CHUNK_ELEMENT) {
            // The common case: a sized body, read straight into an array of its size.
            byte[] out = new byte[(int) known];
            int filled = 0;
            while (filled < out.length) {
                int n = rawRead(out, filled, out.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            return filled == out.length ? out : Arrays.copyOf(out, filled);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(finished && pushback == null ? 0 : 8192);
        byte[] buf = new byte[Math.min(bufferSize, 16 * 1024)];
        int n;
        while ((n = readSome(buf, 0, buf.length)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Override
    public byte[] read(int amount) throws IOException {
        return read(amount, true);
    }

    @Override
    public byte[] read(int amount, boolean decodeContent) throws IOException {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0, was " + amount);
        }
        chooseMode(decodeContent);
        if (amount == 0) {
            return new byte[0];
        }
        byte[] buf = new byte[Math.min(amount, MAX_CHUNK_ELEMENT)];
        int n = readSome(buf, 0, buf.length);
        return n < 0 ? new byte[0] : n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /** Decoded octets straight into {@code dst}, nothing allocated. */
    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        chooseMode(true);
        return len == 0 ? 0 : readSome(dst, off, len);
    }

    @Override
    public Iterable<byte[]> readChunked() {
        return readChunked(true);
    }

    @Override
    public Iterable<byte[]> readChunked(boolean decodeContent) {
        return new ChunkIterable(() -> {
            chooseMode(decodeContent);
            return nextElement();
        });
    }

    /** One chunk (or the buffered rest), decoded per chunk when decoding; null at the end. */
    private byte[] nextElement() throws IOException {
        byte[] raw;
        if (pushback != null) {
            raw = Arrays.copyOfRange(pushback, pushbackPos, pushback.length);
            pushback = null;
        } else {
            raw = pullChunk();
        }
        if (decoder == null) {
            return raw;
        }
        if (raw == null) {
            if (decoderInputEnded) {
                return null;
            }
            decoderInputEnded = true;
            byte[] rest = decoder.inflateAvailable();
            decoder.finish();
            return rest.length > 0 ? rest : null;
        }
        decoder.feed(raw, 0, raw.length);
        return decoder.inflateAvailable();
    }

    private byte[] pullChunk() throws IOException {
        wire.readLock.lock();
        try {
            checkReadable();
            if (finished) {
                return null;
            }
            byte[] raw;
            try {
                raw = body.nextChunk(body.framing() == BodyReader.Framing.CHUNKED ? MAX_CHUNK_ELEMENT : bufferSize);
            } catch (IOException | RuntimeException e) {
                wire.close();
                throw e;
            }
            if (raw == null || body.isDone()) {
                finish();
            }
            return raw;
        } finally {
            wire.readLock.unlock();
        }
    }

    /** Decoded or raw octets into {@code dst}; -1 at the end. */
    private int readSome(byte[] dst, int off, int len) throws IOException {
        if (decoder == null) {
            return rawRead(dst, off, len);
        }
        byte[] scratch = null;
        while (true) {
            int n = decoder.inflate(dst, off, len);
            if (n > 0) {
                return n;
            }
            if (decoderInputEnded) {
                decoder.finish();
                return -1;
            }
            if (scratch == null) {
                scratch = new byte[Math.min(bufferSize, 16 * 1024)];
            }
            int r = rawRead(scratch, 0, scratch.length);
            if (r < 0) {
                decoderInputEnded = true;
            } else {
                decoder.feed(scratch, 0, r);
            }
        }
    }

    /** Body octets as sent: what trailers() buffered first, then the wire; -1 at the end. */
    private int rawRead(byte[] dst, int off, int len) throws IOException {
        if (pushback != null) {
            int n = Math.min(len, pushback.length - pushbackPos);
            System.arraycopy(pushback, pushbackPos, dst, off, n);
            pushbackPos += n;
            if (pushbackPos == pushback.length) {
                pushback = null;
            }
            return n;
        }
        wire.readLock.lock();
        try {
            checkReadable();
            if (finished) {
                return -1;
            }
            int n;
            try {
                n = body.read(dst, off, len);
            } catch (IOException | RuntimeException e) {
                wire.close();
                throw e;
            }
            if (n < 0 || body.isDone()) {
                finish();
            }
            return n;
        } finally {
            wire.readLock.unlock();
        }
    }

    /** The first read decides whether this response is decoded; mixing would hand out half-decoded data. */
    private void chooseMode(boolean decode) {
        if (decoding == null) {
            decoding = decode;
            if (decode) {
                // One coding is decoded; a stack of codings ("gzip, br") is handed over as sent.
                java.util.List<byte[]> codings = head.headers.get("content-encoding");
                decoder = codings.size() == 1 ? ContentDecoder.forEncoding(codings.get(0)) : null;
            }
        } else if (decoding != decode) {
            throw new IllegalStateException("this response is already being read with decodeContent=" + decoding);
        }
    }

    private void checkReadable() throws HyperException {
        if (closed) {
            throw new IllegalStateException("the response is closed");
        }
        if (discarded) {
            throw new HyperException("the rest of this response's body was discarded: getResponse() was called for the "
                    + "next response before this one was read to its end");
        }
        if (!finished && wire.isClosed()) {
            throw new HyperException("the connection was closed before the response body was read");
        }
    }

    /** The body ended on the wire: let the connection reuse or close it. Called under the read lock, once. */
    private void finish() {
        if (!finished) {
            finished = true;
            connection.responseFinished(wire);
        }
    }

    @Override
    public HeaderMap trailers() throws IOException {
        if (!finished) {
            wire.readLock.lock();
            try {
                checkReadable();
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                if (pushback != null) {
                    rest.write(pushback, pushbackPos, pushback.length - pushbackPos);
                }
                byte[] buf = new byte[bufferSize];
                int n;
                try {
                    while ((n = body.read(buf, 0, buf.length)) >= 0) {
                        rest.write(buf, 0, n);
                        if (body.isDone()) {
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    wire.close();
                    throw e;
                }
                finish();
                pushback = rest.size() > 0 ? rest.toByteArray() : null;
                pushbackPos = 0;
            } finally {
                wire.readLock.unlock();
            }
        }
        return body.trailers();
    }

    /** Reads and drops the rest of the body so the next response can be read; called by getResponse(). */
    void discardRest() throws IOException {
        if (body.framing() == BodyReader.Framing.CLOSE) {
            wire.close(); // the body runs to the end of the connection: nothing can follow it
        } else {
            while (!body.drain(Long.MAX_VALUE)) {
                if (wire.isClosed()) {
                    break;
                }
            }
        }
        discarded = true;
        finish();
        releaseDecoder();
    }

    @Override
    public void close(boolean socketClose) throws IOException {
        if (closed) {
            return;
        }
        wire.readLock.lock();
        try {
            closed = true;
            if (socketClose) {
                wire.close();
            } else if (!finished) {
                boolean drained;
                try {
                    drained = body.framing() != BodyReader.Framing.CLOSE && body.drain(Http1Connection.CLOSE_DRAIN_LIMIT);
                } catch (IOException e) {
                    drained = false;
                }
                if (drained) {
                    finish();
                } else {
                    wire.close();
                }
            }
            releaseDecoder();
        } finally {
            wire.readLock.unlock();
        }
    }

    private void releaseDecoder() {
        if (decoder != null) {
            decoder.close();
        }
    }

    @Override
    public String toString() {
        return "HTTP/1." + head.minorVersion + " " + head.status + " " + head.reason;
    }
}
