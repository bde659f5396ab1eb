package hyper.cli;

import static hyper.cli.InProcess.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.cli.InProcess.Run;
import hyper.httpbin.HttpBin;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which protocol the command negotiates or is told to use, and how -i and --debug show it; against hyper.httpbin. */
class CliProtocolsTest {
    private static HttpBin bin;
    private static String https;
    private static String http;
    private static String cacert;

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

    @Test
    void includeShowsStatusLineHeadersProtocolAndStream() {
        Run r = run("-i", "--cacert", cacert, https + "/get");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("HTTP/2 200\ncontent-type: application/json\n"), r.out());
        assertTrue(r.out().contains("\n\n{\n    \"args\": {},"), r.out());
        assertEquals("* h2 to localhost:" + bin.port() + ", stream 1\n", r.err());
    }

    @Test
    void h2ForcedOverCleartextIsPriorKnowledge() {
        Run r = run("-i", "--h2", http + "/get", "a==1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("HTTP/2 200\n"), r.out());
        assertTrue(r.out().contains("\"url\": \"" + http + "/get?a=1\""), r.out());
        assertEquals("* h2c to localhost:" + bin.port() + ", stream 1\n", r.err());
    }

    @Test
    void cleartextWithoutAFlagUpgradesToH2c() {
        Run r = run("-i", http + "/get");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("HTTP/2 200\n"), r.out());
        assertEquals("* h2c to localhost:" + bin.port() + ", stream 1 (upgraded from HTTP/1.1)\n", r.err());
    }

    @Test
    void debugShowsHypersDebugLoggingAndTheRequest() {
        Run r = run("--debug", "--cacert", cacert, https + "/get", "X-A:1");
        assertEquals(0, r.status(), r.err());
        // the request lines come first on their own, though frame log lines (the SETTINGS of the preface) may precede them
        assertTrue(Pattern.compile("(^|\n)> GET /get\n> user-agent: hyper/").matcher(r.err()).find(), r.err());
        assertTrue(r.err().contains("\n> x-a: 1\n"), r.err());
        assertTrue(r.err().contains(" DEBUG hyper.hpack: "), r.err());
        assertTrue(r.err().contains(" DEBUG hyper.http2.frames: >> HEADERS stream=1 flags=END_STREAM|END_HEADERS length="), r.err());
        assertTrue(r.err().contains(" DEBUG hyper.http2.frames: << HEADERS stream=1 ") && r.err().contains("\n    :status: 200\n"), r.err());
        assertTrue(r.err().contains("\n* h2 to localhost:" + bin.port() + ", stream 1\n"), r.err());
        assertTrue(r.out().startsWith("{\n"), r.out());
        Run quiet = run("--cacert", cacert, https + "/get");
        assertEquals("", quiet.err()); // the logger is back to its quiet self
    }
    @Test
    void h1ForcedOverTlsIsHttp11WithAReasonPhrase() {
        Run r = run("-i", "--h1", "--cacert", cacert, https + "/get", "search==hyper");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("HTTP/1.1 200 OK\n"), r.out());
        assertTrue(r.out().contains("\n\n{\n    \"args\": {\n        \"search\": \"hyper\"\n    },"), r.out());
        assertEquals("* http/1.1 to localhost:" + bin.port() + "\n", r.err());
    }

    @Test
    void h1ForcedOverCleartextPostsJson() {
        Run r = run("--h1", "--check-status", http + "/post", "name=Hyper");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"json\": {\n        \"name\": \"Hyper\"\n    }"), r.out());
    }

    @Test
    void debugShowsTheRequestAsSentAndTheProtocol() {
        Run r = run("--debug", "--h1", "--cacert", cacert, https + "/get", "X-A:1");
        assertEquals(0, r.status(), r.err());
        // in-process, another test's still-open connection may log a frame (e.g. a flow-control PING) first
        assertTrue(r.err().startsWith("> GET /get\n> user-agent: hyper/") || r.err().contains("\n> GET /get\n> user-agent: hyper/"),
                r.err());
        assertTrue(r.err().contains("\n> x-a: 1\n"), r.err());
        assertTrue(r.err().contains("\n* http/1.1 to localhost:" + bin.port() + "\n"), r.err());
        assertTrue(r.out().startsWith("{\n"), r.out());
    }

    @Test
    void pushPrintsEachPushedResourceAfterTheResponse() {
        Run r = run("--push", "-i", "--cacert", cacert, https + "/push?n=2");
        assertEquals(0, r.status(), r.err());
        String[] parts = r.out().split("\n# pushed ");
        assertEquals(3, parts.length, r.out());
        assertTrue(parts[0].startsWith("HTTP/2 200\n"), parts[0]);
        assertTrue(parts[0].contains("\"push_enabled\": true"), parts[0]);
        assertTrue(parts[1].startsWith("GET " + https + "/push/resource/0 (stream 2, status 200)\nHTTP/2 200\n"),
                parts[1]);
        assertTrue(parts[1].contains("\n\n{\n    \"resource\": 0,\n"), parts[1]);
        assertTrue(parts[2].startsWith("GET " + https + "/push/resource/1 (stream 4, status 200)\n"), parts[2]);
        assertEquals("* h2 to localhost:" + bin.port() + ", stream 1\n* 2 pushes on stream 1\n", r.err());
    }

    @Test
    void withoutPushTheServerPushesNothing() {
        Run r = run("--cacert", cacert, https + "/push?n=2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"push_enabled\": false"), r.out());
        assertTrue(!r.out().contains("# pushed"), r.out());
    }

    @Test
    void pushOverHttp11HasNothingToShow() {
        Run r = run("--push", "-i", "--h1", "--cacert", cacert, https + "/push?n=2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"promised\": [],"), r.out());
        assertTrue(!r.out().contains("# pushed"), r.out());
        assertEquals("* http/1.1 to localhost:" + bin.port() + "\n* no pushes\n", r.err());
    }
}
