package hyper.hpack.nghttp2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Hyper;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.Providers;
import hyper.impl.hpack.JavaHpackCodecProvider;
import hyper.probe.CodecProbe;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How hyper picks the codec. In this JVM nghttp2 loaded, so it wins by priority; the other situations
 * (disabled, a library that will not load, the jar, the module path) each need a fresh JVM, because the
 * library is loaded once per process: {@link CodecProbe} runs there and reports what it saw.
 */
class ProviderSelectionTest {
    private static final String PROBE_DECODED = "decoded :method=GET :path=/";

    @TempDir
    Path temp;

    @BeforeEach
    void nativeBuilt() {
        Codecs.requireNativeBuilt();
    }

    @Test
    void theNativeCodecWinsByPriorityWhenItLoads() {
        assertEquals(List.of("nghttp2", "java"),
                Providers.all(HpackCodecProvider.class).stream().map(HpackCodecProvider::name).toList());
        assertEquals("nghttp2", Hyper.hpackCodec(null).name());
        assertEquals("java", Hyper.hpackCodec("java").name(), "naming a codec overrides priority");
        assertTrue(Hyper.hpackCodec(null).toString().contains("libnghttp2 1."), Hyper.hpackCodec(null).toString());
    }

    @Test
    void disablingItMakesItUnavailableAndJavaIsChosen() throws Exception {
        String out = probe(classPath(nativeClasses()), "-Dhyper.hpack.nghttp2.disable=true");
        assertContains(out, "provider nghttp2: disabled by -Dhyper.hpack.nghttp2.disable=true");
        assertContains(out, "chosen java");
        assertContains(out, PROBE_DECODED);
        // Providers logs the skip once, through System.Logger (java.util.logging prints INFO to stderr)
        assertContains(out, "HpackCodecProvider 'nghttp2' skipped: disabled by -Dhyper.hpack.nghttp2.disable=true");
    }

    @Test
    void namingItWhileUnavailableIsAClearError() throws Exception {
        String out = probe(classPath(nativeClasses()), "-Dhyper.hpack.nghttp2.disable=true", "-Dhyper.hpack=nghttp2");
        assertContains(out, "refused: HpackCodecProvider 'nghttp2' was asked for but is unavailable: "
                + "disabled by -Dhyper.hpack.nghttp2.disable=true");
    }

    @Test
    void aLibraryThatWillNotLoadFallsBackToJava() throws Exception {
        Path notALibrary = Files.writeString(temp.resolve("libbroken.so"), "not an ELF file");
        String out = probe(classPath(nativeClasses()), "-Dhyper.hpack.nghttp2.library=" + notALibrary);
        assertContains(out, "provider nghttp2: cannot load " + notALibrary);
        assertContains(out, "chosen java");
        assertContains(out, PROBE_DECODED);
    }

    @Test
    void withoutLibnghttp2TheCodecIsUnavailableAndJavaIsChosen() throws Exception {
        // A copy of our library that needs "libnghttp2.so.99", which no system has: the dynamic linker
        // refuses it exactly as it refuses ours on a machine without libnghttp2.
        byte[] library = Files.readAllBytes(nativeClasses().resolve("native/linux-x86_64/libhyperhpack.so"));
        byte[] needed = "libnghttp2.so.14".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(library, needed);
        assertTrue(at >= 0, "the library names libnghttp2.so.14 as a dependency");
        System.arraycopy("libnghttp2.so.99".getBytes(StandardCharsets.US_ASCII), 0, library, at, needed.length);
        Path orphan = Files.write(temp.resolve("libhyperhpack.so"), library);

        String out = probe(classPath(nativeClasses()), "-Dhyper.hpack.nghttp2.library=" + orphan);

        assertContains(out, "provider nghttp2: cannot load " + orphan);
        assertContains(out, "libnghttp2.so.99: cannot open shared object file");
        assertContains(out, "chosen java");
        assertContains(out, PROBE_DECODED);
    }

    @Test
    void aNamedLibraryThatIsMissingIsReported() throws Exception {
        Path missing = temp.resolve("no-such-dir/libhyperhpack.so");
        String out = probe(classPath(nativeClasses()), "-Dhyper.hpack.nghttp2.library=" + missing);
        assertContains(out, "provider nghttp2: -Dhyper.hpack.nghttp2.library names " + missing + ", which is not a file");
        assertContains(out, "chosen java");
    }

    @Test
    void theNamedLibraryIsLoadedInsteadOfThePackedOne() throws Exception {
        Path copy = Files.copy(nativeClasses().resolve("native/linux-x86_64/libhyperhpack.so"),
                temp.resolve("libhyperhpack-copy.so"));
        String out = probe(classPath(nativeClasses()), "-Dhyper.hpack.nghttp2.library=" + copy);
        assertContains(out, "chosen nghttp2");
        assertContains(out, PROBE_DECODED);
    }

    @Test
    void fromTheJarOnTheClassPathTheLibraryIsExtractedAndLoaded() throws Exception {
        Path jar = jarOf(nativeClasses(), temp.resolve("hyper-hpack-nghttp2.jar"));
        Path tmp = Files.createDirectory(temp.resolve("tmp"));
        String out = probe(classPath(jar), "-Djava.io.tmpdir=" + tmp);
        assertContains(out, "provider nghttp2: available");
        assertContains(out, "chosen nghttp2 from unnamed module");
        assertContains(out, PROBE_DECODED);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("hyperhpack-")).toList(),
                    "the extracted copy is deleted once loaded");
        }
    }

    @Test
    void onTheModulePathTheModuleIsAddedWithAddModules() throws Exception {
        Path jar = jarOf(nativeClasses(), temp.resolve("hyper-hpack-nghttp2.jar"));
        List<String> args = List.of(
                "--module-path", location(HpackCodecProvider.class) + File.pathSeparator + jar,
                "--add-modules", "hyper.hpack.nghttp2",
                "--enable-native-access=hyper.hpack.nghttp2", // JDK 24+ warns without it (JEP 472)
                "-cp", location(CodecProbe.class) + File.pathSeparator + location(JavaHpackCodecProvider.class));
        String out = run(args);
        assertContains(out, "chosen nghttp2 from module hyper.hpack.nghttp2");
        assertContains(out, PROBE_DECODED);
        assertTrue(!out.contains("System::load"), "no restricted-method warning once access is enabled:\n" + out);
    }

    // Helpers

    private static String probe(List<String> classPath, String... properties) throws Exception {
        List<String> args = new ArrayList<>(List.of(properties));
        args.add("-cp");
        args.add(String.join(File.pathSeparator, classPath));
        return run(args);
    }

    /** The class path of a user's program: hyper.api, hyper.impl, the probe, and this module as {@code module}. */
    private static List<String> classPath(Path module) throws URISyntaxException {
        return List.of(location(HpackCodecProvider.class).toString(), location(JavaHpackCodecProvider.class).toString(),
                location(CodecProbe.class).toString(), module.toString());
    }

    private static Path nativeClasses() throws URISyntaxException {
        return location(Nghttp2CodecProvider.class);
    }

    private static Path location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** Runs CodecProbe in a fresh JVM with {@code args}; returns its stdout and stderr. */
    private static String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        command.add(CodecProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("probe JVM did not finish: " + command);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** Packs a classes directory the way the build's jar does. */
    private static Path jarOf(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(classes)) {
                    continue;
                }
                String name = classes.relativize(p).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(p)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(p, out);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertContains(String output, String expected) {
        assertTrue(output.contains(expected), "expected «" + expected + "» in:\n" + output);
    }
}
