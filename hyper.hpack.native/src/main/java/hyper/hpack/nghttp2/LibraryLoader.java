package hyper.hpack.nghttp2;

import hyper.api.spi.NativeLibraries;
import java.util.Optional;

/**
 * Loads {@code libhyperhpack.so} once per JVM and remembers why it could not, if it could not.
 *
 * <p>{@link NativeLibraries} finds it ({@value #DISABLE_PROPERTY}{@code =true} wins; else the file named by
 * {@value #LIBRARY_PROPERTY}; else the library packed beside these classes); then its JNI ABI is checked. Any
 * failure (another platform, libnghttp2 missing, a stale library) becomes a reason, never an error.
 */
final class LibraryLoader {
    /** {@code -Dhyper.hpack.nghttp2.disable=true} keeps the native codec unavailable. */
    static final String DISABLE_PROPERTY = "hyper.hpack.nghttp2.disable";
    /** {@code -Dhyper.hpack.nghttp2.library=/path/libhyperhpack.so} loads that file instead of the packed one. */
    static final String LIBRARY_PROPERTY = "hyper.hpack.nghttp2.library";
    private static final String PROPERTY_PREFIX = "hyper.hpack.nghttp2";

    static final String LIBRARY_FILE = "libhyperhpack.so";

    private LibraryLoader() {
    }

    /** Empty when the library is loaded and usable; otherwise why not. Computed once. */
    static Optional<String> unavailableReason() {
        return Holder.OUTCOME.unavailableReason();
    }

    /** The libnghttp2 version in use, or null when unavailable. */
    static String nghttp2Version() {
        return Holder.OUTCOME.version();
    }

    /** The loading happens in this holder's initializer, so the JVM runs it exactly once and publishes it safely. */
    private static final class Holder {
        static final NativeLibraries.Outcome OUTCOME = NativeLibraries.loadChecked(LibraryLoader.class, PROPERTY_PREFIX,
                LIBRARY_FILE, "hyper-hpack-nghttp2", "gcc or libnghttp2-dev", file -> System.load(file.toString()),
                Nghttp2Jni::abiVersion, Nghttp2Jni.ABI_VERSION, Nghttp2Jni::nghttp2Version);
    }
}
