package hyper.hpack.nghttp2;

import hyper.api.HpackEncodingException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderFields;
import hyper.api.spi.HpackEncoder;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An HPACK encoder backed by nghttp2's deflater. Each block costs one JNI call: the fields are copied
 * into a native buffer (see hh_deflate.c for the layout), nghttp2 encodes them in place, and the block
 * is copied out into the caller's {@link BlockBuffer}.
 */
final class Nghttp2Encoder implements HpackEncoder {
    /** name length, value length, flags */
    private static final int FIELD_HEADER = 9;
    /** Marshalled lists stay below this so nghttp2's worst-case output still fits a Java buffer. */
    private static final int MAX_INPUT = 1 << 29;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final long handle;
    private final NativeGuard guard;
    private final int maxTableSize;
    /** The table size nghttp2 encodes against: min(peer's setting, ours). */
    private int tableSizeInUse;
    private ByteBuffer input;
    private ByteBuffer output;
    private int outputGeneration = -1;

    Nghttp2Encoder(int maxTableSize) {
        if (maxTableSize < 0) {
            throw new IllegalArgumentException("maxTableSize must not be negative: " + maxTableSize);
        }
        long h = Nghttp2Jni.deflaterNew(maxTableSize);
        if (h == 0) {
            throw new OutOfMemoryError("nghttp2 could not allocate an HPACK deflater");
        }
        this.handle = h;
        this.guard = new NativeGuard(this, "HPACK encoder", h, Nghttp2Jni::deflaterFree);
        this.maxTableSize = maxTableSize;
        this.tableSizeInUse = Math.min(4096, maxTableSize); // RFC 7541 §4.2: 4,096 until SETTINGS say otherwise
        try {
            this.input = Nghttp2Jni.deflaterInput(h).order(ORDER);
        } catch (RuntimeException | Error e) {
            guard.close();
            throw e;
        }
    }

    @Override
    public void encode(HeaderFields fields, BlockBuffer out) throws HpackEncodingException {
        guard.enter();
        try {
            int length = marshal(fields);
            long r = Nghttp2Jni.deflate(handle, length);
            if (r < 0) {
                throw failure((int) r);
            }
            int blockLength = (int) r;
            int generation = (int) (r >>> 32);
            if (generation != outputGeneration) { // nghttp2 needed a bigger buffer: the old view is stale
                output = Nghttp2Jni.deflaterOutput(handle);
                outputGeneration = generation;
            }
            if (blockLength > output.capacity()) {
                throw new IllegalStateException("native encoder reported " + blockLength + " octets");
            }
            out.ensureCapacity(blockLength);
            output.get(0, out.array(), out.length(), blockLength);
            out.setLength(out.length() + blockLength);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this); // no Cleaner may free the handle while nghttp2 uses it
        }
    }

    /** Copies the fields into the native input buffer; returns the octets written. */
    private int marshal(HeaderFields fields) throws HpackEncodingException {
        int count = fields.size();
        ByteBuffer in = input;
        int pos = 4;
        for (int i = 0; i < count; i++) {
            byte[] name = fields.name(i);
            byte[] value = fields.value(i);
            if (name == null || value == null) {
                throw new HpackEncodingException("header field " + i + " has a null " + (name == null ? "name" : "value"));
            }
            checkLowerCase(name);
            long end = (long) pos + FIELD_HEADER + name.length + value.length;
            if (end > MAX_INPUT) {
                throw new HpackEncodingException("header list too large to encode: over " + MAX_INPUT + " octets");
            }
            if (end > in.capacity()) {
                in = growInput((int) end);
            }
            in.putInt(pos, name.length);
            in.putInt(pos + 4, value.length);
            in.put(pos + 8, fields.sensitive(i) ? (byte) 1 : (byte) 0);
            in.put(pos + FIELD_HEADER, name);
            in.put(pos + FIELD_HEADER + name.length, value);
            pos = (int) end;
        }
        in.putInt(0, count);
        return pos;
    }

    /** Refused before nghttp2 sees the list, as the pure-Java encoder refuses it (nghttp2 would send it). */
    private static void checkLowerCase(byte[] name) throws HpackEncodingException {
        for (int i = 0; i < name.length; i++) {
            if (name[i] >= 'A' && name[i] <= 'Z') {
                throw new HpackEncodingException("field name has an upper-case letter at octet " + i
                        + "; HTTP/2 field names must be lower case (RFC 9113 §8.2.1)");
            }
        }
    }

    private ByteBuffer growInput(int needed) {
        int capacity = (int) Math.min(MAX_INPUT, Math.max(needed, 2L * input.capacity()));
        if (!Nghttp2Jni.deflaterReserveInput(handle, capacity)) {
            throw new OutOfMemoryError("cannot grow the native HPACK field buffer to " + capacity + " octets");
        }
        input = Nghttp2Jni.deflaterInput(handle).order(ORDER);
        return input;
    }

    private static HpackEncodingException failure(int code) {
        switch (code) {
            case Nghttp2Jni.DEFLATE_NOMEM:
                return new HpackEncodingException("nghttp2 ran out of memory encoding a header block");
            case Nghttp2Jni.DEFLATE_TOO_LARGE:
                return new HpackEncodingException("header block too large to encode");
            case Nghttp2Jni.DEFLATE_FAILED:
                return new HpackEncodingException("nghttp2's deflater failed; this encoder cannot be used again");
            default: // DEFLATE_BAD_INPUT: marshal() and hh_deflate.c disagree about the layout
                throw new IllegalStateException("native encoder rejected the marshalled fields (code " + code + ")");
        }
    }

    @Override
    public void setPeerMaxTableSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("table size must not be negative: " + size);
        }
        int wanted = Math.min(size, maxTableSize);
        guard.enter();
        try {
            // nghttp2 signals every change it is told about; tell it only of real ones. It keeps the
            // smallest value since the last block itself, so a dip and return is still signalled.
            if (wanted != tableSizeInUse) {
                Nghttp2Jni.deflaterChangeTableSize(handle, wanted);
                tableSizeInUse = wanted;
            }
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int tableSize() {
        guard.enter();
        try {
            return Nghttp2Jni.deflaterTableSize(handle);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int tableEntries() {
        guard.enter();
        try {
            return Nghttp2Jni.deflaterTableEntries(handle);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void close() {
        guard.close();
    }

    /** Whether the native handle is gone (close() may wait for a running call); for tests. */
    boolean isFreed() {
        return guard.isFreed();
    }

    @Override
    public String toString() {
        return "nghttp2 HPACK encoder" + (guard.isOpen() ? "" : " (closed)");
    }
}
