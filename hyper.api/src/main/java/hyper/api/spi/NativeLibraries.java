package hyper.api.spi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * For providers that carry a JNI library in their jar, at {@code native/linux-x86_64/<file>} beside their classes
 * (hyper.hpack.nghttp2, hyper.tls.openssl): finds it and has the provider load it, or says why it cannot.
 *
 * <p>Order: {@code -D<prefix>.disable=true} wins; else the file {@code -D<prefix>.library} names; else the packed
 * library, loaded in place from a classes directory or, from a jar, through a private temporary copy (the JVM maps
 * only files) deleted once loaded. Every failure (another platform, a missing system library, a stale file) becomes
 * a reason, never an exception, so that hyper can pass the provider over.
 *
 * <p>The provider's own code calls {@code System.load} (the {@link Loader} it passes), so that the native access
 * the JDK asks about (JEP 472) is the provider module's, not this one's.
 */
public final class NativeLibraries {
    /** The one platform the native libraries are built for. */
    public static final String PLATFORM = "linux-x86_64";

    private NativeLibraries() {
    }

    /** Loads a library file: {@code file -> System.load(file.toString())}, written in the provider's module. */
    @FunctionalInterface
    public interface Loader {
        void load(Path file);
    }

    /**
     * What loading a provider's library came to.
     *
     * @param unavailableReason empty when the library is loaded and speaks the expected JNI ABI; otherwise why not
     * @param version the version of the system library it wraps, or null when unavailable
     */
    public record Outcome(Optional<String> unavailableReason, String version) {
    }

    /**
     * The whole loading of a provider's library, to run once per JVM (in a holder class's initializer): {@link #load},
     * then a check that the library speaks JNI ABI {@code expectedAbi}, then its wrapped library's version. Every
     * failure, thrown ones included ({@code UnsatisfiedLinkError} from a stale library, say), becomes the reason;
     * the outcome is logged at DEBUG to the {@code prefix} logger.
     */
    public static Outcome loadChecked(Class<?> owner, String prefix, String file, String artifact, String buildNeeds,
            Loader loader, IntSupplier abiVersion, int expectedAbi, Supplier<String> version) {
        Optional<String> reason;
        String v = null;
        try {
            reason = load(owner, prefix, file, artifact, buildNeeds, loader);
            if (reason.isEmpty()) {
                int abi = abiVersion.getAsInt();
                if (abi != expectedAbi) {
                    reason = Optional.of("the library speaks JNI ABI " + abi + ", these classes need " + expectedAbi);
                } else {
                    v = version.get();
                }
            }
        } catch (LinkageError | RuntimeException e) {
            reason = Optional.of("cannot load the native library: " + e);
        }
        System.getLogger(prefix).log(System.Logger.Level.DEBUG, reason.isPresent()
                ? file + " unavailable: " + reason.get() : file + " loaded, wrapping " + v);
        return new Outcome(reason, v);
    }

    /**
     * Loads the library of {@code owner}'s module, or says why not.
     *
     * @param owner a class of the provider, beside the packed library
     * @param prefix the provider's property prefix, e.g. {@code "hyper.tls.openssl"}
     * @param file the library's file name, e.g. {@code "libhypertls.so"}
     * @param artifact the jar, for messages, e.g. {@code "hyper-tls-openssl"}
     * @param buildNeeds what building the library takes, for messages, e.g. {@code "gcc or libssl-dev"}
     * @return empty once loaded; otherwise why it is not
     */
    public static Optional<String> load(Class<?> owner, String prefix, String file, String artifact, String buildNeeds,
            Loader loader) {
        if (Boolean.getBoolean(prefix + ".disable")) {
            return Optional.of("disabled by -D" + prefix + ".disable=true");
        }
        String named = System.getProperty(prefix + ".library");
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named.trim()).toAbsolutePath();
            return Files.isRegularFile(path) ? loadFile(path, loader)
                    : Optional.of("-D" + prefix + ".library names " + path + ", which is not a file");
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.of("no native library for " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + " (only " + PLATFORM + " is built)");
        }
        String resource = "native/" + PLATFORM + "/" + file;
        URL url = owner.getResource("/" + resource);
        if (url == null) {
            return Optional.of(resource + " is not packed in " + artifact + " (it was built without " + buildNeeds + ")");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return loadFile(Path.of(url.toURI()), loader);
            } catch (URISyntaxException | IllegalArgumentException e) {
                // an unusual file URL: copy it like a jar entry
            }
        }
        Path copy = null;
        try {
            copy = Files.createTempFile(file.replace(".so", "") + "-", ".so"); // owner-only, under a fresh name
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return loadFile(copy, loader);
        } catch (IOException e) {
            return Optional.of("cannot extract " + url + " to a temporary file: " + e);
        } finally {
            if (copy != null) {
                deleteLoadedCopy(copy);
            }
        }
    }

    /** Once mapped, the library outlives its file on Linux: the copy can go at once. */
    private static void deleteLoadedCopy(Path copy) {
        try {
            Files.deleteIfExists(copy);
        } catch (IOException e) {
            copy.toFile().deleteOnExit();
        }
    }

    private static Optional<String> loadFile(Path file, Loader loader) {
        try {
            loader.load(file);
            return Optional.empty();
        } catch (UnsatisfiedLinkError e) {
            // e.g. "<file>: libnghttp2.so.14: cannot open shared object file: No such file or directory"
            String why = String.valueOf(e.getMessage());
            String prefix = file + ": ";
            return Optional.of("cannot load " + prefix + (why.startsWith(prefix) ? why.substring(prefix.length()) : why));
        }
    }
}
