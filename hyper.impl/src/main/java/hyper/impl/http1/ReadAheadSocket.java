package hyper.impl.http1;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A TCP socket whose input stream reads ahead into a buffer: the transport under a TLS socket.
 *
 * <p>Why: JSSE's {@code SSLSocket} reads every record with two reads of its transport, the 5-octet record header
 * (RFC 8446 §5.1) and then the body, and a plain socket stream makes each one a system call. Layered on this
 * socket, one system call brings in as many records as the kernel holds (up to the buffer's size), and JSSE's small
 * reads are served from memory: about a quarter of the reads on a bulk download, and one per batch of small
 * responses instead of two per record. The cost is one copy of the ciphertext, which the decryption reads again
 * from cache right after.
 *
 * <p>Only the stream's one reader (the TLS layer, under its own read lock) may call {@code read}; {@code available}
 * may be called from any thread and counts what is buffered plus what the kernel holds.
 */
public final class ReadAheadSocket extends Socket {
    /** Enough for four full TLS records (16 KiB of plaintext each, RFC 8446 §5.2) per system call. */
    static final int BUFFER_SIZE = 64 * 1024;

    private volatile ReadAheadStream input;

    @Override
    public InputStream getInputStream() throws IOException {
        ReadAheadStream in = input;
        if (in == null) {
            InputStream raw = super.getInputStream(); // throws when closed or not connected
            synchronized (this) { // no I/O inside: creates the wrapper once
                in = input;
                if (in == null) {
                    in = new ReadAheadStream(raw, BUFFER_SIZE);
                    input = in;
                }
            }
        }
        return in;
    }

    /**
     * Whether {@code transport} is a read-ahead stream holding a whole TLS record: the TLS layer's next read of a
     * record will not wait for the peer. Only the thread that reads may ask.
     */
    public static boolean wholeRecordBuffered(InputStream transport) {
        return transport instanceof ReadAheadStream r && r.wholeRecordBuffered();
    }

    /** The read-ahead stream: an unsynchronized buffered stream whose {@code available} may be asked concurrently. */
    static final class ReadAheadStream extends InputStream {
        private final InputStream in;
        private final byte[] buf;
        private int pos;
        private int limit;
        /** {@code limit - pos}, published for {@link #available} on other threads. */
        private volatile int buffered;

        ReadAheadStream(InputStream in, int size) {
            this.in = in;
            this.buf = new byte[size];
        }

        @Override
        public int read() throws IOException {
            if (pos == limit && !fill()) {
                return -1;
            }
            int p = pos;
            pos = p + 1;
            buffered = limit - pos;
            return buf[p] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            int p = pos;
            int have = limit - p;
            if (have == 0) {
                if (len >= buf.length) {
                    return in.read(b, off, len); // a large read gains nothing from the buffer
                }
                if (!fill()) {
                    return -1;
                }
                p = pos;
                have = limit - p;
            }
            int n = Math.min(len, have);
            System.arraycopy(buf, p, b, off, n);
            pos = p + n;
            buffered = have - n;
            return n;
        }

        /** One read of the transport into the empty buffer; false at end of stream. */
        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            buffered = n;
            return true;
        }

        /** A whole record at the read position: its 5-octet header, then as many octets as it says (RFC 8446 §5.1). */
        boolean wholeRecordBuffered() {
            int have = limit - pos;
            if (have < 5) {
                return false;
            }
            int length = (buf[pos + 3] & 0xff) << 8 | (buf[pos + 4] & 0xff);
            return have >= 5 + length;
        }

        @Override
        public int available() throws IOException {
            return buffered + in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
