package hyper.hpack.nghttp2;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import hyper.api.spi.HeaderListener;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * An HPACK decoder backed by nghttp2's inflater, with hyper's limits and error reasons (enforced on the
 * C side, see hh_scan.c and hh_inflate.c). A fragment is copied into a native buffer in chunks; each
 * chunk is one JNI call that leaves every field it decoded as a record in the output buffer, and this
 * class turns the records into arrays for the listener. Static-table names come from shared constants.
 */
final class Nghttp2Decoder implements HpackDecoder {
    /** flags, static index, name length, value length: see hh_inflate.c */
    private static final int RECORD_HEADER = 10;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private final long handle;
    private final NativeGuard guard;
    private final ByteBuffer input;
    private final long[] errorDetails = new long[4];
    private ByteBuffer output;
    private int outputGeneration = -1;
    /** A listener threw in the middle of a block: the rest of it was never decoded, so the tables are lost. */
    private boolean listenerFailed;

    Nghttp2Decoder(HpackLimits limits) {
        Objects.requireNonNull(limits, "limits");
        long h = Nghttp2Jni.inflaterNew(limits.maxTableSize(), limits.maxHeaderListSize(), limits.maxFields(),
                limits.maxStringLength());
        if (h == 0) {
            throw new OutOfMemoryError("nghttp2 could not allocate an HPACK inflater");
        }
        this.handle = h;
        this.guard = new NativeGuard(this, "HPACK decoder", h, Nghttp2Jni::inflaterFree);
        try {
            this.input = Nghttp2Jni.inflaterInput(h);
        } catch (RuntimeException | Error e) {
            guard.close();
            throw e;
        }
    }

    @Override
    public void decode(byte[] src, int offset, int length, boolean endOfBlock, HeaderListener listener)
            throws HpackDecodingException {
        Objects.checkFromIndexSize(offset, length, src.length);
        Objects.requireNonNull(listener, "listener");
        guard.enter();
        try {
            if (listenerFailed) {
                throw new IllegalStateException("a header listener threw during an earlier block; "
                        + "the decoding context is lost");
            }
            int chunk = input.capacity();
            int done = 0;
            do { // fragments larger than the native buffer go in chunks: decoding is incremental anyway
                int n = Math.min(chunk, length - done);
                input.put(0, src, offset + done, n);
                done += n;
                long r = Nghttp2Jni.inflate(handle, n, endOfBlock && done == length);
                deliver(r, listener);
            } while (done < length);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this); // no Cleaner may free the handle while nghttp2 uses it
        }
    }

    /** Hands the records of one call (and of its resumptions) to the listener, then reports its outcome. */
    private void deliver(long r, HeaderListener listener) throws HpackDecodingException {
        while (true) {
            int length = (int) r;
            int generation = (int) (r >>> 32) & 0xffff;
            int status = (int) (r >>> 48) & 0xff;
            if (generation != outputGeneration) { // the record buffer grew and moved: the old view is stale
                output = Nghttp2Jni.inflaterOutput(handle).order(ORDER);
                outputGeneration = generation;
            }
            try {
                readRecords(length, listener);
            } catch (RuntimeException | Error e) {
                listenerFailed = true;
                throw e;
            }
            switch (status) {
                case Nghttp2Jni.INFLATE_DONE:
                    return;
                case Nghttp2Jni.INFLATE_OUTPUT_FULL:
                    r = Nghttp2Jni.inflateResume(handle);
                    break;
                case Nghttp2Jni.INFLATE_FATAL:
                case Nghttp2Jni.INFLATE_BLOCK_ERROR:
                    throw error();
                default:
                    throw new IllegalStateException("native decoder returned status " + status);
            }
        }
    }

    private void readRecords(int length, HeaderListener listener) {
        ByteBuffer out = output;
        if (length < 0 || length > out.capacity()) {
            throw new IllegalStateException("native decoder reported " + length + " octets of records");
        }
        int p = 0;
        while (p < length) {
            if (length - p < RECORD_HEADER) {
                throw corrupt(p);
            }
            boolean neverIndexed = (out.get(p) & 1) != 0;
            int staticIndex = out.get(p + 1) & 0xff;
            int nameLength = out.getInt(p + 2);
            int valueLength = out.getInt(p + 6);
            p += RECORD_HEADER;
            if (nameLength < 0 || valueLength < 0 || nameLength > length - p || valueLength > length - p - nameLength) {
                throw corrupt(p);
            }
            byte[] name;
            if (staticIndex != 0) {
                name = StaticTableNames.name(staticIndex);
            } else {
                name = new byte[nameLength];
                out.get(p, name);
            }
            p += nameLength;
            byte[] value = new byte[valueLength];
            out.get(p, value);
            p += valueLength;
            listener.onHeader(name, value, neverIndexed);
        }
    }

    private static IllegalStateException corrupt(int at) {
        return new IllegalStateException("corrupt record from the native decoder at octet " + at);
    }

    /** The exception for the error the native side recorded. */
    private HpackDecodingException error() {
        Nghttp2Jni.inflaterError(handle, errorDetails);
        int code = (int) errorDetails[0];
        long value = errorDetails[1];
        long limit = errorDetails[2];
        long field = errorDetails[3];
        if (code == NativeReasons.NOMEM) {
            throw new OutOfMemoryError("nghttp2 ran out of memory decoding a header block");
        }
        Reason reason = NativeReasons.reason(code);
        return new HpackDecodingException(reason, NativeReasons.message(reason, value, limit) + " (field " + field
                + " of the block, nghttp2 decoder)");
    }

    @Override
    public void setMaxTableSize(int acknowledgedSize) {
        if (acknowledgedSize < 0) {
            throw new IllegalArgumentException("table size must not be negative: " + acknowledgedSize);
        }
        guard.enter();
        try {
            Nghttp2Jni.inflaterSetMaxTableSize(handle, acknowledgedSize);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void setMaxHeaderListSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("header list size must not be negative: " + size);
        }
        guard.enter();
        try {
            Nghttp2Jni.inflaterSetMaxHeaderListSize(handle, size);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int tableSize() {
        guard.enter();
        try {
            return Nghttp2Jni.inflaterTableSize(handle);
        } finally {
            guard.exit();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int tableEntries() {
        guard.enter();
        try {
            return Nghttp2Jni.inflaterTableEntries(handle);
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
        return "nghttp2 HPACK decoder" + (guard.isOpen() ? "" : " (closed)");
    }
}
