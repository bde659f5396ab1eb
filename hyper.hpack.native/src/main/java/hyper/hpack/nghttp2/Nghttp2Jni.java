package hyper.hpack.nghttp2;

import java.nio.ByteBuffer;

/**
 * The JNI entry points of {@code libhyperhpack.so} (sources in {@code src/main/c}). Call only after
 * {@link LibraryLoader} reported the library loaded.
 *
 * <p>Handles are the addresses of C structs; every method that takes one must only be called between
 * a successful {@code *New} and the matching {@code *Free}, and never concurrently ({@link NativeGuard}
 * enforces both). Buffers returned here are views over C memory that die with the handle.
 *
 * <p>Hot calls take and return only primitives: one crossing per header block, no upcalls, no JNI
 * object lookups on the C side.
 */
final class Nghttp2Jni {
    /** Must equal HH_ABI_VERSION in hh_common.h; guards against a stale library named by a system property. */
    static final int ABI_VERSION = 1;

    // Status of inflate(), in bits 48..55 of its result (see hh_inflate.c).
    static final int INFLATE_DONE = 0;
    static final int INFLATE_OUTPUT_FULL = 1;
    static final int INFLATE_FATAL = 2;
    static final int INFLATE_BLOCK_ERROR = 3;

    // Negative results of deflate() (see hh_deflate.c).
    static final int DEFLATE_BAD_INPUT = -1;
    static final int DEFLATE_NOMEM = -2;
    static final int DEFLATE_FAILED = -3;
    static final int DEFLATE_TOO_LARGE = -4;

    private Nghttp2Jni() {
    }

    /** {@link #ABI_VERSION} of the loaded library. */
    static native int abiVersion();

    /** The version of the libnghttp2 actually loaded, e.g. {@code "1.52.0"}. */
    static native String nghttp2Version();

    /** Deflaters plus inflaters allocated and not yet freed, process-wide; lets tests see leaks. */
    static native long liveHandles();

    // ---- deflater (encoder) ----

    /** A new deflater whose table never exceeds {@code maxTableSize}; 0 when out of memory. */
    static native long deflaterNew(int maxTableSize);

    static native void deflaterFree(long handle);

    /** Grows the field buffer to at least {@code capacity} octets, keeping its contents; false when out of memory. */
    static native boolean deflaterReserveInput(long handle, int capacity);

    /** The field buffer Java marshals a header list into (changes after {@link #deflaterReserveInput}). */
    static native ByteBuffer deflaterInput(long handle);

    /** The block buffer {@link #deflate} writes into (changes when the result's generation changes). */
    static native ByteBuffer deflaterOutput(long handle);

    /**
     * Encodes the {@code inputLength} marshalled octets of the field buffer. Returns the block length in bits
     * 0..31 and the output buffer generation in bits 32..47, or a negative {@code DEFLATE_*} code.
     */
    static native long deflate(long handle, int inputLength);

    static native void deflaterChangeTableSize(long handle, int size);

    static native int deflaterTableSize(long handle);

    static native int deflaterTableEntries(long handle);

    // ---- inflater (decoder) ----

    /** A new inflater enforcing these limits; 0 when out of memory. */
    static native long inflaterNew(int maxTableSize, int maxHeaderListSize, int maxFields, int maxStringLength);

    static native void inflaterFree(long handle);

    /** The fixed-size buffer Java copies each chunk of a fragment into. */
    static native ByteBuffer inflaterInput(long handle);

    /** The record buffer {@link #inflate} writes decoded fields into (changes with the generation). */
    static native ByteBuffer inflaterOutput(long handle);

    /**
     * Decodes {@code inputLength} octets of the input buffer; {@code endOfBlock} when they end the block.
     * Returns the record octets written in bits 0..31, the output generation in bits 32..47 and an
     * {@code INFLATE_*} status in bits 48..55.
     */
    static native long inflate(long handle, int inputLength, boolean endOfBlock);

    /** Continues after {@link #INFLATE_OUTPUT_FULL}, once Java has read the records; same result as {@link #inflate}. */
    static native long inflateResume(long handle);

    /** The error behind an {@code INFLATE_FATAL} or {@code INFLATE_BLOCK_ERROR}: reason code, value, limit, field index. */
    static native void inflaterError(long handle, long[] into);

    static native void inflaterSetMaxTableSize(long handle, int size);

    static native void inflaterSetMaxHeaderListSize(long handle, int size);

    static native int inflaterTableSize(long handle);

    static native int inflaterTableEntries(long handle);
}
