package hyper.cli;

import static hyper.cli.InProcess.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.cli.InProcess.Run;
import hyper.httpbin.HttpBin;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the command does with a response, whichever protocol carried it: run in-process against a real
 * hyper.httpbin, once per forced protocol.
 */
class CliAgainstHttpBinTest {
    private static HttpBin bin;
    private static String https;
    private static String http;
    private static String cacert;

    @TempDir
    Path dir;

    /** Each test runs once per protocol the engine speaks. */
    static List<String> protocols() {
        return List.of("--h1", "--h2");
    }

    @BeforeAll
    static void startServer() throws Exception {
        bin = HttpBin.builder().start();
        https = "https://localhost:" + bin.port();
        http = "http://localhost:" + bin.port();
        cacert = bin.caCertificatePemPath().toString();
    }

    @AfterAll
    static void stopServer() {
        bin.close();
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void theSeedsHeaderExample(String protocol) {
        Run r = run(protocol, "--cacert", cacert, "GET", https + "/get", "User-Agent:hyper/0.2.0", "X-Totally-Real-Header:someval");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("{\n    \"args\": {},\n    \"headers\": {\n"), r.out());
        assertTrue(r.out().contains("\n        \"User-Agent\": \"hyper/0.2.0\""), r.out());
        assertTrue(r.out().contains("\n        \"X-Totally-Real-Header\": \"someval\""), r.out());
        assertTrue(r.out().endsWith("\"url\": \"" + https + "/get\"\n}\n"), r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void theSeedsQueryExample(String protocol) {
        Run r = run(protocol, "--cacert", cacert, "GET", https + "/get", "search==hyper");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("{\n    \"args\": {\n        \"search\": \"hyper\"\n    },\n"), r.out());
        assertTrue(r.out().contains("\"url\": \"" + https + "/get?search=hyper\""), r.out());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void theSeedsJsonExample(String protocol) {
        Run r = run(protocol, "--cacert", cacert, "POST", https + "/post", "name=Hyper", "language=Java",
                "description=CLI HTTP client");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"data\": \"{\\\"name\\\": \\\"Hyper\\\", \\\"language\\\": \\\"Java\\\", "
                + "\\\"description\\\": \\\"CLI HTTP client\\\"}\""), r.out());
        assertTrue(r.out().contains("\"Content-Type\": \"application/json; charset=utf-8\""), r.out());
        assertTrue(r.out().contains("\"json\": {\n        \"name\": \"Hyper\",\n        \"language\": \"Java\",\n"
                + "        \"description\": \"CLI HTTP client\"\n    }"), r.out());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void dataFieldsMakeItAPostAndRawJsonKeepsItsType(String protocol) {
        Run r = run(protocol, "--cacert", cacert, https + "/anything", "n:=3", "ok:=true");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"method\": \"POST\""), r.out());
        assertTrue(r.out().contains("\"json\": {\n        \"n\": 3,\n        \"ok\": true\n    }"), r.out());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void formFieldsAreUrlEncoded(String protocol) {
        Run r = run(protocol, "--cacert", cacert, "--form", https + "/post", "name=Hyper CLI", "lang=Java");
        assertEquals(0, r.status(), r.err());
        // httpbin sorts the form's fields by name
        assertTrue(r.out().contains("\"form\": {\n        \"lang\": \"Java\",\n        \"name\": \"Hyper CLI\"\n    }"),
                r.out());
        assertTrue(r.out().contains("\"Content-Type\": \"application/x-www-form-urlencoded; charset=utf-8\""), r.out());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void aCompressedBodyIsDecodedBeforePrinting(String protocol) {
        Run r = run(protocol, "--cacert", cacert, https + "/gzip");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("{\n"), r.out());
        assertTrue(r.out().contains("\"gzipped\": true"), r.out());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void errorStatusesExitZeroUnlessCheckStatusIsGiven(String protocol) {
        assertEquals(0, run(protocol, "--cacert", cacert, https + "/status/404").status());
        Run notFound = run(protocol, "--check-status", "--cacert", cacert, https + "/status/404");
        assertEquals(Main.HTTP_4XX, notFound.status());
        // HTTP/1.1 has a reason phrase, HTTP/2 none
        assertTrue(notFound.err().matches("hyper: HTTP status 404( Not Found)?\n"), notFound.err());
        assertEquals(Main.HTTP_5XX, run(protocol, "--check-status", "--cacert", cacert, https + "/status/503").status());
        assertEquals(Main.HTTP_3XX, run(protocol, "--check-status", "--cacert", cacert, https + "/status/302").status());
        assertEquals(Main.OK, run(protocol, "--check-status", "--cacert", cacert, https + "/status/204").status());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void aBinaryBodyIsDescribedOnATerminalAndWrittenToAPipe(String protocol) {
        Run tty = run(new Terminal(true, true, 80), protocol, "--cacert", cacert, https + "/bytes/2048");
        assertEquals(0, tty.status(), tty.err());
        assertEquals("", tty.out());
        assertEquals("hyper: binary body not shown (application/octet-stream, 2.0 KiB, 2048 bytes); "
                + "use -o FILE to save it, or redirect stdout\n", tty.err());
        Run pipe = run(protocol, "--cacert", cacert, https + "/bytes/2048");
        assertEquals(0, pipe.status(), pipe.err());
        assertEquals(2048, pipe.outBytes().length);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void outputSavesTheBodyToAFile(String protocol) throws Exception {
        Path file = dir.resolve("body.bin");
        Run r = run(protocol, "--cacert", cacert, "-o", file.toString(), https + "/bytes/100000?seed=7");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.out());
        byte[] saved = Files.readAllBytes(file);
        assertEquals(100_000, saved.length);
        Run again = run(protocol, "--cacert", cacert, https + "/bytes/100000?seed=7");
        assertArrayEquals(again.outBytes(), saved); // the same seed gives the same bytes
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void anOutputFileThatCannotBeWrittenIsItsOwnExitStatus(String protocol) {
        Path file = dir.resolve("no-such-dir").resolve("body.bin");
        Run r = run(protocol, "--cacert", cacert, "-o", file.toString(), https + "/bytes/10");
        assertEquals(Main.OUTPUT_FILE, r.status());
        assertEquals("hyper: cannot write " + file + ": no such directory\n", r.err());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void anUntrustedCertificateIsANetworkErrorThatSuggestsCacert(String protocol) {
        Run r = run(protocol, https + "/get");
        assertEquals(Main.NETWORK, r.status());
        assertTrue(r.err().startsWith("hyper: TLS handshake with localhost:" + bin.port() + " failed: "), r.err());
        assertTrue(r.err().endsWith(" (use --cacert FILE to trust the server's CA)\n"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aRefusedConnectionIsANetworkError() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = run("http://127.0.0.1:" + closed + "/get");
        assertEquals(Main.NETWORK, r.status());
        assertEquals("hyper: cannot connect to 127.0.0.1:" + closed + ": Connection refused\n", r.err());
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void aServerSlowerThanTheTimeoutIsATimeout(String protocol) {
        Run r = run(protocol, "--timeout", "0.3", "--cacert", cacert, https + "/delay/5");
        assertEquals(Main.TIMEOUT, r.status(), r.err());
        assertTrue(r.err().startsWith("hyper: timed out talking to localhost:" + bin.port() + ": "), r.err());
        assertTrue(r.err().endsWith(" (raise --timeout to wait longer)\n"), r.err());
    }
}
