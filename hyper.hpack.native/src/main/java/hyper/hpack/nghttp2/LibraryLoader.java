package hyper.hpack.nghttp2;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads {@code libhyperhpack.so} once per JVM and remembers why it could not, if it could not.
 *
 * <p>Order: {@value #DISABLE_PROPERTY}{@code =true} wins; else the file named by {@value #LIBRARY_PROPERTY};
 * else the library packed at {@code native/<os>-<arch>/} beside these classes, loaded in place from a
 * directory or extracted from the jar to a private temporary file first (the JVM can only map files).
 * Any failure (another platform, libnghttp2 missing, a stale library) becomes a reason, never an error.
 */
final class LibraryLoader {
    /** {@code -Dhyper.hpack.nghttp2.disable=true} keeps the native codec unavailable. */
    static final String DISABLE_PROPERTY = "hyper.hpack.nghttp2.disable";
    /** {@code -Dhyper.hpack.nghttp2.library=/path/libhyperhpack.so} loads that file instead of the packed one. */
    static final String LIBRARY_PROPERTY = "hyper.hpack.nghttp2.library";

    static final String LIBRARY_FILE = "libhyperhpack.so";

    private static final Logger LOG = System.getLogger("hyper.hpack.nghttp2");

    private LibraryLoader() {
    }

    /** Empty when the library is loaded and usable; otherwise why not. Computed once. */
    static Optional<String> unavailableReason() {
        return Outcome.REASON;
    }

    /** The libnghttp2 version in use, or null when unavailable. */
    static String nghttp2Version() {
        return Outcome.VERSION;
    }

    /** The loading happens in this holder's initializer, so the JVM runs it exactly once and publishes it safely. */
    private static final class Outcome {
        static final String VERSION;
        static final Optional<String> REASON;

        static {
            Optional<String> reason;
            String version = null;
            try {
                reason = load();
                if (reason.isEmpty()) {
                    version = Nghttp2Jni.nghttp2Version();
                }
            } catch (LinkageError | RuntimeException e) { // UnsatisfiedLinkError, SecurityException, ...
                reason = Optional.of("cannot load the native library: " + e);
            }
            REASON = reason;
            VERSION = version;
            if (reason.isPresent()) {
                LOG.log(Level.DEBUG, "nghttp2 HPACK codec unavailable: {0}", reason.get());
            } else {
                LOG.log(Level.DEBUG, "nghttp2 HPACK codec loaded, libnghttp2 {0}", version);
            }
        }
    }

    private static Optional<String> load() {
        if (Boolean.getBoolean(DISABLE_PROPERTY)) {
            return Optional.of("disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        String named = System.getProperty(LIBRARY_PROPERTY);
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named.trim()).toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                return Optional.of("-D" + LIBRARY_PROPERTY + " names " + file + ", which is not a file");
            }
            return loadFile(file);
        }
        String platform = platform();
        if (platform == null) {
            return Optional.of("no native library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (only linux-x86_64 is built)");
        }
        String resource = "/native/" + platform + "/" + LIBRARY_FILE;
        URL url = LibraryLoader.class.getResource(resource);
        if (url == null) {
            return Optional.of(resource.substring(1) + " is not packed in hyper-hpack-nghttp2"
                    + " (it was built without gcc or libnghttp2-dev)");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return loadFile(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                // an unusual file URL: fall back to copying it like a jar entry
            }
        }
        return extractAndLoad(url);
    }

    /** {@code linux-x86_64} on the one platform the build targets, else null. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux-x86_64";
        }
        return null;
    }

    private static Optional<String> extractAndLoad(URL url) {
        Path copy = null;
        try {
            // createTempFile makes an owner-only file under a fresh name, so no one else can swap it
            copy = Files.createTempFile("hyperhpack-", ".so");
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return loadFile(copy);
        } catch (IOException e) {
            return Optional.of("cannot extract " + url + " to a temporary file: " + e);
        } finally {
            if (copy != null) {
                deleteLoadedCopy(copy);
            }
        }
    }

    /** Once loaded, the mapping outlives the file: on Linux the copy can go right away. */
    private static void deleteLoadedCopy(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            copy.toFile().deleteOnExit();
        }
    }

    private static Optional<String> loadFile(Path file) {
        try {
            System.load(file.toString());
        } catch (UnsatisfiedLinkError e) {
            // e.g. "<file>: libnghttp2.so.14: cannot open shared object file: No such file or directory"
            String why = String.valueOf(e.getMessage());
            String prefix = file + ": ";
            return Optional.of("cannot load " + prefix + (why.startsWith(prefix) ? why.substring(prefix.length()) : why));
        }
        int abi = Nghttp2Jni.abiVersion();
        if (abi != Nghttp2Jni.ABI_VERSION) {
            return Optional.of(file + " speaks JNI ABI " + abi + ", these classes need " + Nghttp2Jni.ABI_VERSION);
        }
        return Optional.empty();
    }
}
