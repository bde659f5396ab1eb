package hyper.impl.http2;

import static hyper.impl.http2.PushDeliveryTest.paths;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.api.Http2Connection;
import hyper.api.Http2Push;
import hyper.api.Hyper;
import hyper.api.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Server push from real servers, over TLS and h2c: nghttpd pushing with {@code -p}, and h2o pushing what a
 * {@code Link: rel=preload} header names ({@code http2-push-preload}, on by default). The pushed responses must be
 * the files themselves, whether the promise came before the response headers (nghttpd, h2o's 399 hint) or with
 * them (h2o's final response).
 */
class PushEndToEndTest {
    private static final byte[] INDEX = "<!DOCTYPE html>\n<html><link rel=stylesheet href=/style.css></html>\n"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] STYLE = "body { color: #222 }\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SCRIPT = "console.log('pushed')\n".getBytes(StandardCharsets.UTF_8);
    private static Path work;
    private static final List<RealServer> servers = new ArrayList<>();
    private static final List<RealServer> nghttpds = new ArrayList<>();
    private static final List<RealServer> h2os = new ArrayList<>();

    @BeforeAll
    static void startServers() throws IOException {
        work = Files.createTempDirectory("hyper-push");
        Path docroot = Files.createDirectory(work.resolve("www"));
        Files.write(docroot.resolve("index.html"), INDEX);
        Files.write(docroot.resolve("style.css"), STYLE);
        Files.write(docroot.resolve("app.js"), SCRIPT);
        byte[] big = new byte[4 << 20];
        new Random(5).nextBytes(big);
        Files.write(docroot.resolve("big.bin"), big);
        List<String> push = List.of("-p/index.html=/style.css,/app.js", "-p/big.html=/big.bin,/style.css");
        Files.write(docroot.resolve("big.html"), INDEX);
        for (boolean tls : new boolean[] {true, false}) {
            nghttpds.add(RealServer.nghttpd(docroot, tls, 0, work, push));
            // h2o pushes what Link: rel=preload names: from an mruby 399 (before the file handler answers) or
            // from a final response. (header.add does not trigger it: in h2o 2.2 that filter runs after the push check.)
            h2os.add(RealServer.h2o(docroot, tls, work, ""
                    + "      /index.html:\n"
                    + "        mruby.handler: |\n"
                    + "          Proc.new do |env|\n"
                    + "            [399, {\"link\" => \"</style.css>; rel=preload\\n</app.js>; rel=preload\"}, []]\n"
                    + "          end\n"
                    + "        file.file: " + docroot.resolve("index.html") + "\n"
                    + "      /final.html:\n"
                    + "        mruby.handler: |\n"
                    + "          Proc.new do |env|\n"
                    + "            [200, {\"link\" => \"</style.css>; rel=preload\", \"content-type\" => \"text/html\"}, [\"<html>final</html>\"]]\n"
                    + "          end\n"));
        }
        servers.addAll(nghttpds);
        servers.addAll(h2os);
    }

    @AfterAll
    static void stopServers() throws IOException {
        RealServer.stopAll(servers, work);
    }

    @AfterEach
    void serversSurvived() {
        for (RealServer s : servers) {
            assertTrue(s.isAlive(), () -> s.name() + " died (exit " + s.exitValue() + "): " + s.logText());
        }
    }

    static Stream<RealServer> servers() {
        return servers.stream();
    }

    static Stream<RealServer> nghttpds() {
        return nghttpds.stream();
    }

    static Stream<RealServer> h2os() {
        return h2os.stream();
    }

    static Http2Connection connect(RealServer server, ConnectionOptions.Builder options) throws IOException {
        options.secure(server.tls()).enablePush(true).readTimeout(Duration.ofSeconds(20));
        if (server.tls()) {
            options.sslContext(Hyper.tlsContext(RealServer.Certificates.get().cert()));
        }
        return Hyper.http2("127.0.0.1:" + server.port(), options.build());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("servers")
    void theSeedsExample(RealServer server) throws Exception {
        try (Http2Connection conn = connect(server, ConnectionOptions.builder())) {
            conn.request("GET", "/index.html");
            Response response = conn.getResponse();
            List<Http2Push> pushes = new ArrayList<>();
            conn.getPushes().forEach(pushes::add);        // all pushes promised before the response headers
            assertArrayEquals(INDEX, response.read());
            conn.getPushes(true).forEach(pushes::add);    // all other pushes, until the stream has ended
            assertEquals(List.of("/style.css", "/app.js"), pushes.stream().map(Http2Push::path).toList(), server.name());
            for (Http2Push p : pushes) {
                assertEquals("GET", p.method());
                assertEquals(server.tls() ? "https" : "http", p.scheme());
                assertEquals("127.0.0.1:" + server.port(), p.authority());
                assertEquals(1, p.parentStreamId());
                Response pushed = p.getResponse();
                assertEquals(200, pushed.status());
                assertArrayEquals(p.path().equals("/style.css") ? STYLE : SCRIPT, pushed.read(), p.path());
            }
            assertEquals(200, conn.getResponse(conn.request("GET", "/style.css")).status(), "the connection goes on");
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("h2os")
    void h2oPushesWhatTheFinalResponsesLinkHeaderNames(RealServer server) throws Exception {
        try (Http2Connection conn = connect(server, ConnectionOptions.builder())) {
            int id = conn.request("GET", "/final.html");
            Response response = conn.getResponse(id);
            assertEquals("<html>final</html>", new String(response.read(), StandardCharsets.UTF_8));
            Http2Push push = PushDeliveryTest.only(conn.getPushes(id, true));
            assertEquals("/style.css", push.path());
            assertArrayEquals(STYLE, push.getResponse().read());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("nghttpds")
    void aCancelledPushStopsAndTheConnectionGoesOn(RealServer server) throws Exception {
        try (Http2Connection conn = connect(server, ConnectionOptions.builder())) {
            int id = conn.request("GET", "/big.html");
            assertArrayEquals(INDEX, conn.getResponse(id).read());
            for (Http2Push push : conn.getPushes(id, true)) {
                if (push.path().equals("/big.bin")) {
                    Response big = push.getResponse();
                    assertEquals(4 << 20, Long.parseLong(big.headers().firstValue("content-length").orElseThrow()));
                    assertTrue(big.read(1000).length > 0);
                    push.cancel(); // RST_STREAM(CANCEL) with megabytes still to come
                } else {
                    assertArrayEquals(STYLE, push.getResponse().read());
                }
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(SCRIPT, conn.getResponse(conn.request("GET", "/app.js")).read());
            }
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("nghttpds")
    void promisesBeyondTheLimitAreRefusedAndTheRestArrive(RealServer server) throws Exception {
        try (Http2Connection conn = connect(server, ConnectionOptions.builder().maxPushedStreams(1))) {
            int id = conn.request("GET", "/index.html");
            assertArrayEquals(INDEX, conn.getResponse(id).read());
            assertEquals(List.of("/style.css"), paths(conn.getPushes(id, true)), "/app.js was refused with REFUSED_STREAM");
            int again = conn.request("GET", "/index.html"); // the taken push finished: room for one more
            assertArrayEquals(INDEX, conn.getResponse(again).read());
            Http2Push push = PushDeliveryTest.only(conn.getPushes(again, true));
            assertArrayEquals(STYLE, push.getResponse().read());
        }
    }

    @Test
    void pushDisabledByDefaultMeansNoPromises() throws Exception {
        RealServer server = nghttpds.get(0);
        ConnectionOptions options = ConnectionOptions.builder().secure(true)
                .sslContext(Hyper.tlsContext(RealServer.Certificates.get().cert())).build();
        try (Http2Connection conn = Hyper.http2("127.0.0.1:" + server.port(), options)) {
            int id = conn.request("GET", "/index.html");
            assertArrayEquals(INDEX, conn.getResponse(id).read());
            assertEquals(List.of(), paths(conn.getPushes(id, true)), "SETTINGS_ENABLE_PUSH=0: the server pushes nothing");
        }
    }
}
