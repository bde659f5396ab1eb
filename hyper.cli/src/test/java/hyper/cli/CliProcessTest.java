package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.httpbin.HttpBin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command as a real process (its own JVM, {@code main}, {@code System.exit}), against a real hyper.httpbin. */
class CliProcessTest {
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
    void getsJsonAndExitsZero() throws Exception {
        Result r = hyper("--cacert", bin.caCertificatePemPath().toString(), "GET",
                "https://localhost:" + bin.port() + "/get", "search==hyper");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("{\n    \"args\": {\n        \"search\": \"hyper\"\n    },\n"), r.out);
        assertEquals("", r.err);
    }

    @Test
    void includeOverCleartextShowsH2cAndTheStream() throws Exception {
        Result r = hyper("-i", "--h2", "http://localhost:" + bin.port() + "/headers");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("HTTP/2 200\n"), r.out);
        assertEquals("* h2c to localhost:" + bin.port() + ", stream 1\n", r.err);
    }

    @Test
    void http11IsForcedWithH1() throws Exception {
        Result r = hyper("-i", "--h1", "http://localhost:" + bin.port() + "/headers");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("HTTP/1.1 200 OK\n"), r.out);
        assertEquals("* http/1.1 to localhost:" + bin.port() + "\n", r.err);
    }

    @Test
    void checkStatusBecomesTheExitStatus() throws Exception {
        Result r = hyper("--check-status", "http://localhost:" + bin.port() + "/status/418");
        assertEquals(Main.HTTP_4XX, r.status);
        assertTrue(r.err.startsWith("hyper: HTTP status 418"), r.err);
    }

    @Test
    void aUsageErrorExitsTwoWithTheMessageOnStderr() throws Exception {
        Result r = hyper("--h1", "--h2", "localhost");
        assertEquals(Main.USAGE, r.status);
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("hyper: error: --h1 and --h2 cannot be used together"), r.err);
    }

    @Test
    void versionExitsZero() throws Exception {
        Result r = hyper("--version");
        assertEquals(0, r.status);
        assertTrue(r.out.startsWith("hyper "), r.out);
    }

    record Result(int status, String out, String err) {
    }

    /**
     * Runs {@code java -cp <this test's class path> hyper.cli.Main args}, bounded to 60 seconds. Native access is
     * granted as a class-path user of hyper.tls.openssl grants it (JDK 24+ warns on stderr otherwise).
     */
    private static Result hyper(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hyper did not finish in 60 s: " + command);
        }
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
