package hyper.tls.openssl;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads {@code libhypertls.so} once per JVM, or remembers why it could not.
 *
 * <p>{@value #DISABLE_PROPERTY}{@code =true} wins; else the file {@value #LIBRARY_PROPERTY} names; else the library
 * packed at {@code native/linux-x86_64/} beside these classes (from a jar, through a private temporary copy, since
 * the JVM maps only files). Every failure (another platform, no libssl 3, a stale library) becomes a reason.
 */
final class NativeLibrary {
    /** {@code -Dhyper.tls.openssl.disable=true} keeps the provider unavailable (hyper then uses JSSE). */
    static final String DISABLE_PROPERTY = "hyper.tls.openssl.disable";
    /** {@code -Dhyper.tls.openssl.library=/path/libhypertls.so} loads that file instead of the packed one. */
    static final String LIBRARY_PROPERTY = "hyper.tls.openssl.library";
    static final String FILE = "libhypertls.so";

    private NativeLibrary() {
    }

    /** Empty when the library is loaded; otherwise why not. */
    static Optional<String> unavailableReason() {
        return Outcome.REASON;
    }

    /** The libssl in use ({@code "OpenSSL 3.0.19 ..."}), or null when unavailable. */
    static String openSslVersion() {
        return Outcome.VERSION;
    }

    /** The class initializer runs the loading exactly once and publishes its outcome safely. */
    private static final class Outcome {
        static final Optional<String> REASON;
        static final String VERSION;

        static {
            Optional<String> reason;
            String version = null;
            try {
                reason = load();
                if (reason.isEmpty()) {
                    version = OpenSslJni.openSslVersion();
                }
            } catch (LinkageError | RuntimeException e) {
                reason = Optional.of("cannot load the native library: " + e);
            }
            REASON = reason;
            VERSION = version;
            System.getLogger("hyper.tls").log(Level.DEBUG, reason.isPresent()
                    ? "OpenSSL TLS provider unavailable: " + reason.get() : "OpenSSL TLS provider loaded: " + version);
        }
    }

    private static Optional<String> load() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return Optional.of("disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        String named = System.getProperty(LIBRARY_PROPERTY);
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named.trim()).toAbsolutePath();
            return Files.isRegularFile(file) ? loadFile(file)
                    : Optional.of("-D" + LIBRARY_PROPERTY + " names " + file + ", which is not a file");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("no native library for " + os + "/" + arch + " (only linux-x86_64 is built)");
        }
        String resource = "native/linux-x86_64/" + FILE;
        URL url = NativeLibrary.class.getResource("/" + resource);
        if (url == null) {
            return Optional.of(resource + " is not packed in hyper-tls-openssl (it was built without gcc or libssl-dev)");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return loadFile(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                // an unusual file URL: copy it like a jar entry
            }
        }
        Path copy = null;
        try {
            copy = Files.createTempFile("hypertls-", ".so"); // owner-only, under a fresh name
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return loadFile(copy);
        } catch (IOException e) {
            return Optional.of("cannot extract " + url + " to a temporary file: " + e);
        } finally {
            if (copy != null) {
                copy.toFile().delete(); // once mapped, the library outlives its file on Linux
            }
        }
    }

    private static Optional<String> loadFile(Path file) {
        try {
            System.load(file.toString());
        } catch (UnsatisfiedLinkError e) {
            return Optional.of("cannot load " + file + ": " + e.getMessage()); // e.g. libssl.so.3 missing
        }
        int abi = OpenSslJni.abiVersion();
        return abi == OpenSslJni.ABI_VERSION ? Optional.empty()
                : Optional.of(file + " speaks JNI ABI " + abi + ", these classes need " + OpenSslJni.ABI_VERSION);
    }
}
