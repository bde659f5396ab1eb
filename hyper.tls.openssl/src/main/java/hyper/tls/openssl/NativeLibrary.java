package hyper.tls.openssl;

import hyper.api.spi.NativeLibraries;
import java.util.Optional;

/**
 * Loads {@code libhypertls.so} once per JVM, or remembers why it could not: {@link NativeLibraries} finds it
 * ({@value #DISABLE_PROPERTY}{@code =true} wins; else the file {@value #LIBRARY_PROPERTY} names; else the library
 * packed beside these classes), then its JNI ABI is checked. Every failure (another platform, no libssl 3, a stale
 * library) becomes a reason.
 */
final class NativeLibrary {
    /** {@code -Dhyper.tls.openssl.disable=true} keeps the provider unavailable (hyper then uses JSSE). */
    static final String DISABLE_PROPERTY = "hyper.tls.openssl.disable";
    /** {@code -Dhyper.tls.openssl.library=/path/libhypertls.so} loads that file instead of the packed one. */
    static final String LIBRARY_PROPERTY = "hyper.tls.openssl.library";
    static final String FILE = "libhypertls.so";
    /** The one thread that frees native handles whose owners were dropped (contexts, unclosed sessions). */
    static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    private NativeLibrary() {
    }

    /** Empty when the library is loaded; otherwise why not. */
    static Optional<String> unavailableReason() {
        return Holder.OUTCOME.unavailableReason();
    }

    /** The libssl in use ({@code "OpenSSL 3.0.19 ..."}), or null when unavailable. */
    static String openSslVersion() {
        return Holder.OUTCOME.version();
    }

    /** The class initializer runs the loading exactly once and publishes its outcome safely. */
    private static final class Holder {
        static final NativeLibraries.Outcome OUTCOME = NativeLibraries.loadChecked(NativeLibrary.class, "hyper.tls.openssl",
                FILE, "hyper-tls-openssl", "gcc or libssl-dev", file -> System.load(file.toString()),
                OpenSslJni::abiVersion, OpenSslJni.ABI_VERSION, OpenSslJni::openSslVersion);
    }
}
