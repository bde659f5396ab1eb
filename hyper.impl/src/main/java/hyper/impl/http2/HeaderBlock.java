package hyper.impl.http2;

import hyper.api.spi.HeaderFields;
import hyper.api.spi.HeaderListener;
import java.util.Arrays;

/**
 * The decoded fields of one header block, collected by the reader and handed to its handler once END_HEADERS
 * arrives; also a {@link HeaderFields} view for the frame log. Reused from block to block, so the handler must
 * take what it keeps before returning; the name and value arrays themselves belong to the receiver (see
 * {@link HeaderListener}). Not thread-safe.
 */
final class HeaderBlock implements HeaderListener, HeaderFields {
    private byte[][] names = new byte[16][];
    private byte[][] values = new byte[16][];
    private boolean[] neverIndexed = new boolean[16];
    private int size;

    @Override
    public void onHeader(byte[] name, byte[] value, boolean sensitive) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
            neverIndexed = Arrays.copyOf(neverIndexed, size * 2);
        }
        names[size] = name;
        values[size] = value;
        neverIndexed[size] = sensitive;
        size++;
    }

    /** How many fields. */
    @Override
    public int size() {
        return size;
    }

    /** The lower-case name of field {@code i}. */
    @Override
    public byte[] name(int i) {
        return names[i];
    }

    /** The value of field {@code i}. */
    @Override
    public byte[] value(int i) {
        return values[i];
    }

    /** Whether field {@code i} came as never-indexed (RFC 7541 §6.2.3). */
    boolean neverIndexed(int i) {
        return neverIndexed[i];
    }

    /** Empties the block, dropping references so decoded values can be collected. */
    void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }
}
