package hyper.impl.http2;

import hyper.api.Body;
import hyper.api.ErrorCode;
import hyper.api.HyperException;
import hyper.api.spi.BlockBuffer;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sends request bodies as DATA frames (RFC 9113 §6.1) within the send windows (§6.9): octets, chunks, or an
 * InputStream of a declared length. Each frame is queued as soon as its credit is taken, so bodies of several
 * streams interleave on the wire.
 */
final class DataSender {
    private static final int READ_CHUNK = 16 * 1024;

    private final Http2ClientConnection c;
    private final long writeTimeoutNanos;

    DataSender(Http2ClientConnection connection, long writeTimeoutNanos) {
        this.c = connection;
        this.writeTimeoutNanos = writeTimeoutNanos;
    }

    /** Sends {@code b}; {@code last} ends the stream. A stream body is sent for {@code contentLength} octets. */
    void sendBody(Http2Stream s, Body b, long contentLength, boolean last) throws IOException {
        if (b.bytes() != null) {
            sendData(s, b.bytes(), 0, b.bytes().length, last);
        } else if (b.stream() != null) {
            sendStream(s, b.stream(), b.length() >= 0 ? b.length() : contentLength, last);
        } else if (b.chunks() != null) {
            for (byte[] chunk : b.chunks()) {
                sendData(s, chunk, 0, chunk.length, false);
            }
            if (last) {
                sendData(s, new byte[0], 0, 0, true);
            }
        }
    }

    /** Sends exactly {@code length} octets read from {@code in}, which must then be at its end. Closes {@code in}. */
    private void sendStream(Http2Stream s, InputStream in, long length, boolean last) throws IOException {
        try (InputStream input = in) {
            byte[] buf = new byte[(int) Math.min(Math.max(length, 1), READ_CHUNK)];
            long remaining = length;
            while (remaining > 0) {
                int n = input.read(buf, 0, (int) Math.min(buf.length, remaining));
                if (n < 0) {
                    cancel(s, "the request body stream ended after " + (length - remaining) + " of " + length
                            + " octets (its content-length)");
                }
                remaining -= n;
                sendData(s, buf, 0, n, last && remaining == 0);
            }
            if (input.read() >= 0) {
                cancel(s, "the request body stream is longer than its content-length of " + length);
            }
            if (length == 0 && last) {
                sendData(s, buf, 0, 0, true);
            }
        }
    }

    /** A body that does not match its declared length would be malformed (§8.1.1): reset the stream instead. */
    private void cancel(Http2Stream s, String why) throws IOException {
        HyperException e = new HyperException(why);
        c.resetStream(s.id, ErrorCode.CANCEL, e);
        throw e;
    }

    /**
     * Sends {@code len} octets as DATA frames within the send windows, waiting (bounded) for credit. Stops quietly
     * when the stream closed after a complete response (a server may cut an upload short that way, §8.1).
     */
    void sendData(Http2Stream s, byte[] b, int off, int len, boolean last) throws IOException {
        if (s.localClosed) {
            throw new HyperException("the request body on stream " + s.id + " has already ended");
        }
        if (len == 0 && !last) {
            return;
        }
        do {
            int n;
            try {
                n = c.sendWindows.reserve(s, len, c.peerMaxFrameSize, writeTimeoutNanos, () -> stopReason(s));
            } catch (StopSending stop) {
                s.localClosed = true;
                return;
            }
            boolean end = last && n == len;
            BlockBuffer q = c.writer.lock();
            try {
                FrameWriter.data(q, s.id, end, b, off, n);
            } finally {
                c.writer.unlock();
            }
            if (end) {
                s.localClosed = true;
            }
            c.flush();
            off += n;
            len -= n;
        } while (len > 0);
        if (last) {
            c.maybeClose(s);
        }
    }

    /** Why sending must stop: the stream's failure, the connection's, or a quiet stop after a complete response. */
    private IOException stopReason(Http2Stream s) {
        if (s.failure() != null) {
            return s.failure();
        }
        if (c.failure() != null) {
            return c.failure();
        }
        return s.isClosed() ? StopSending.INSTANCE : null;
    }

    /** Not an error: the stream ended with its response complete, so the rest of the body is not wanted. */
    private static final class StopSending extends IOException {
        private static final long serialVersionUID = 1L;
        static final StopSending INSTANCE = new StopSending();

        private StopSending() {
            super("stream closed after a complete response");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a shared signal, not an error: no stack trace
        }
    }
}
