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

    /** Runs on the reading thread just before a read of the socket would wait for the peer. */
    @FunctionalInterface
    public interface BlockingHook {
        void beforeBlocking() throws IOException;
    }

    /**
     * Has {@code transport}, if it is a read-ahead stream, run {@code hook} before each read of the socket that may
     * wait for the peer (the kernel holds nothing), whichever layer above asked for the octets: a TLS layer
     * reading a record's rest included. Returns whether the hook was installed.
     */
    public static boolean beforeBlocking(InputStream transport, BlockingHook hook) {
        if (transport instanceof ReadAheadStream r) {
            r.hook = hook;
            return true;
        }
        return false;
    }

    /** The read-ahead stream: an unsynchronized buffered stream whose {@code available} may be asked concurrently. */
    static final class ReadAheadStream extends InputStream {
        private final InputStream in;
        private final byte[] buf;
        private int pos;
        private int limit;
        /** {@code limit - pos}, published for {@link #available} on other threads. */
        private volatile int buffered;
        private volatile BlockingHook hook;

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
                if (len >= buf.length) { // a large read gains nothing from the buffer
                    warnIfBlocking();
                    return in.read(b, off, len);
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
            warnIfBlocking();
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            buffered = n;
            return true;
        }

        /** Runs the hook when the next read of the socket may wait: the kernel holds nothing for it. */
        private void warnIfBlocking() throws IOException {
            BlockingHook h = hook;
            if (h != null && in.available() <= 0) {
                h.beforeBlocking();
            }
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
