package hyper.api.spi;

import java.util.Arrays;

/**
 * A growable octet buffer that encoders append a header block to. Reused by the connection between
 * blocks, so steady-state encoding allocates nothing. Not thread-safe.
 */
public final class BlockBuffer {
    private byte[] buf;
    private int length;

    public BlockBuffer() {
        this(256);
    }

    public BlockBuffer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Appends one octet. */
    public void write(int b) {
        if (length == buf.length) {
            grow(1);
        }
        buf[length++] = (byte) b;
    }

    /** Appends {@code len} octets of {@code src} from {@code off}. */
    public void write(byte[] src, int off, int len) {
        ensureCapacity(len);
        System.arraycopy(src, off, buf, length, len);
        length += len;
    }

    /** Makes room for {@code extra} more octets; callers may then write into {@link #array()} from {@link #length()}. */
    public void ensureCapacity(int extra) {
        if (buf.length - length < extra) {
            grow(extra);
        }
    }

    /** The backing array; valid octets are {@code [0, length())}. */
    public byte[] array() {
        return buf;
    }

    /** How many octets have been written. */
    public int length() {
        return length;
    }

    /** Sets the length after writing directly into {@link #array()}. */
    public void setLength(int newLength) {
        if (newLength < 0 || newLength > buf.length) {
            throw new IndexOutOfBoundsException(newLength);
        }
        length = newLength;
    }

    /** Forgets the contents, keeping the capacity. */
    public void reset() {
        length = 0;
    }

    /** A copy of the written octets. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    private void grow(int extra) {
        long wanted = Math.max((long) buf.length * 2, (long) length + extra);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("header block too large: " + wanted);
        }
        buf = Arrays.copyOf(buf, (int) wanted);
    }
}
