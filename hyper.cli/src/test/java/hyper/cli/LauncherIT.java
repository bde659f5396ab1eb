package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.httpbin.HttpBin;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged launcher, {@code target/hyper}: the module path in {@code target/lib} resolves, the AppCDS archive is
 * taken without a word on stderr, and a request goes through. Runs after {@code package} (see the pom).
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("target", "hyper");
    private static HttpBin bin;

    @BeforeAll
    static void startServer() throws Exception {
        bin = HttpBin.builder().start();
    }

    @AfterAll
    static void stopServer() {
        bin.close();
    }

    @Test
    void theBuildMadeAnExecutableLauncherAndItsArchive() {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " is not executable");
        assertTrue(Files.isRegularFile(Path.of("target", "lib", "hyper-api-" + Main.version() + ".jar")));
        assertTrue(Files.isRegularFile(Path.of("target", "hyper.jsa")), "the AppCDS training made no archive");
    }

    @Test
    void versionRunsQuietly() throws Exception {
        Result r = launch("--version");
        assertEquals(0, r.status, r.err);
        assertEquals("hyper " + Main.version() + "\n", r.out);
        assertEquals("", r.err); // in particular, no CDS warning
    }

    @Test
    void theArchiveIsUsable() throws Exception {
        // -Xshare:on makes the JVM refuse to start rather than run without the archive
        Result r = launch(List.of("HYPER_JAVA_OPTS", "-Xshare:on"), "--version");
        assertEquals(0, r.status, r.err);
        assertEquals("hyper " + Main.version() + "\n", r.out);
    }

    @Test
    void aRequestGoesThrough() throws Exception {
        Result r = launch("-i", "--cacert", bin.caCertificatePemPath().toString(),
                "https://localhost:" + bin.port() + "/get", "search==hyper");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("HTTP/"), r.out);
        assertTrue(r.out.contains("\"search\": \"hyper\""), r.out);
        assertTrue(r.err.startsWith("* "), r.err);
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Result r = launch("--timeout", "never", "localhost");
        assertEquals(Main.USAGE, r.status);
        assertTrue(r.err.startsWith("hyper: error: bad --timeout 'never'"), r.err);
    }

    record Result(int status, String out, String err) {
    }

    private static Result launch(String... args) throws IOException, InterruptedException {
        return launch(List.of(), args);
    }

    /** Runs the launcher with {@code env}, alternating names and values, added to the environment. */
    private static Result launch(List<String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // the JVM running this test, which is the one that built the archive
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (int i = 0; i < env.size(); i += 2) {
            pb.environment().put(env.get(i), env.get(i + 1));
        }
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> text(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 60 s: " + command);
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static String text(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
