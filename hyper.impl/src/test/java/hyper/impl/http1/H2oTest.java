package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.Http11Response;
import hyper.api.Protocol;
import hyper.api.Response;
import java.io.DataInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/1.1 and the protocol decision against h2o, started on free loopback ports (cleartext and TLS). */
class H2oTest {
    @TempDir
    static Path dir;
    static ExternalServer h2o;
    static int tlsPort;
    static TestTls tls;
    static byte[] small;
    static byte[] large;

    @BeforeAll
    static void startH2o() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        small = "hello from h2o\n".getBytes(StandardCharsets.US_ASCII);
        StringBuilder text = new StringBuilder();
        Random random = new Random(42);
        while (text.length() < 300_000) {
            text.append("line ").append(random.nextInt(1000)).append(" of a compressible file\n");
        }
        large = text.toString().getBytes(StandardCharsets.US_ASCII);
        Files.write(www.resolve("small.txt"), small);
        Files.write(www.resolve("large.txt"), large);
        tls = TestTls.create(dir);
        int port = ExternalServer.freePort();
        tlsPort = ExternalServer.freePort();
        Path conf = dir.resolve("h2o.conf");
        Files.writeString(conf, String.join("\n",
                "user: " + System.getProperty("user.name"),
                "pid-file: " + dir.resolve("h2o.pid"),
                "error-log: " + dir.resolve("h2o-error.log"),
                "listen:",
                "  host: 127.0.0.1",
                "  port: " + port,
                "listen:",
                "  host: 127.0.0.1",
                "  port: " + tlsPort,
                "  ssl:",
                "    certificate-file: " + tls.certificate,
                "    key-file: " + tls.key,
                "hosts:",
                "  default:",
                "    paths:",
                "      /:",
                "        file.dir: " + www,
                "        compress: ON",
                ""));
        h2o = ExternalServer.start(dir, port, "h2o", List.of("/usr/bin/h2o", "-c", conf.toString()));
        h2o.awaitListening(tlsPort);
    }

    @AfterAll
    static void stopH2o() throws Exception {
        if (h2o != null) {
            h2o.close();
        }
    }

    static ConnectionOptions options() {
        return ConnectionOptions.builder().readTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void keepAliveGetsShareOneSocket() throws Exception {
        try (Http1Connection c = Http1Connection.open("127.0.0.1", h2o.port, options())) {
            for (int i = 0; i < 20; i++) {
                c.request("GET", i % 2 == 0 ? "/small.txt" : "/large.txt");
                Http11Response r = c.getResponse();
                assertEquals(200, r.status());
                assertEquals("keep-alive", r.headers().firstValue("connection").orElseThrow());
                assertArrayEquals(i % 2 == 0 ? small : large, r.read());
            }
            assertEquals(1, c.socketsOpened());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Http1Connection c = Http1Connection.open("127.0.0.1", h2o.port, options())) {
            List<String> paths = List.of("/small.txt", "/large.txt", "/missing", "/small.txt");
            for (String p : paths) {
                c.request("GET", p);
            }
            List<Integer> statuses = new ArrayList<>();
            for (String p : paths) {
                Http11Response r = c.getResponse();
                statuses.add(r.status());
                byte[] body = r.read();
                if (r.status() == 200) {
                    assertArrayEquals(p.equals("/small.txt") ? small : large, body);
                }
            }
            assertEquals(List.of(200, 200, 404, 200), statuses);
            assertEquals(1, c.socketsOpened());
        }
    }

    @Test
    void headAnd304CarryNoBodyAndTheSocketIsKept() throws Exception {
        try (Http1Connection c = Http1Connection.open("127.0.0.1", h2o.port, options())) {
            c.request("HEAD", "/large.txt");
            Http11Response head = c.getResponse();
            assertEquals(String.valueOf(large.length), head.headers().firstValue("content-length").orElseThrow());
            assertEquals(0, head.read().length);
            String etag = head.headers().firstValue("etag").orElseThrow();
            c.request("GET", "/large.txt", Body.empty(), Map.of("If-None-Match", etag));
            Http11Response notModified = c.getResponse();
            assertEquals(304, notModified.status());
            assertEquals(0, notModified.read().length);
            c.request("GET", "/small.txt");
            assertArrayEquals(small, c.getResponse().read());
            assertEquals(1, c.socketsOpened());
        }
    }

    @Test
    void aGzipChunkedResponseIsDecodedChunkByChunk() throws Exception {
        try (Http1Connection c = Http1Connection.open("127.0.0.1", h2o.port, options())) {
            c.request("GET", "/large.txt", Body.empty(), Map.of("Accept-Encoding", "gzip"));
            Http11Response r = c.getResponse();
            assertEquals("gzip", r.headers().firstValue("content-encoding").orElseThrow());
            assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElseThrow());
            java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();
            int elements = 0;
            for (byte[] part : r.readChunked()) {
                decoded.writeBytes(part);
                elements++;
            }
            assertArrayEquals(large, decoded.toByteArray());
            assertTrue(elements > 1, "a 300 kB file comes in several chunks");
            c.request("GET", "/large.txt", Body.empty(), Map.of("Accept-Encoding", "gzip"));
            byte[] raw = c.getResponse().read(false);
            assertEquals(0x1f, raw[0] & 0xff);
            assertEquals(0x8b, raw[1] & 0xff);
            assertTrue(raw.length < large.length / 2);
        }
    }

    @Test
    void http11OverTlsNegotiatesHttp11WithAlpn() throws Exception {
        ConnectionOptions o = options().toBuilder().secure(true).sslContext(tls.clientContext).build();
        try (Http1Connection c = Http1Connection.open("localhost", tlsPort, o)) {
            assertTrue(c.isSecure());
            for (int i = 0; i < 3; i++) {
                c.request("GET", "/large.txt");
                assertArrayEquals(large, c.getResponse().read());
            }
            assertEquals(1, c.socketsOpened());
        }
    }

    @Test
    void overTlsH2oPicksH2AndTheEngineGetsASocketThatSpeaksIt() throws Exception {
        RecordingBootstrap engine = new RecordingBootstrap((socket, upgraded) -> {
            assertEquals("h2", ((SSLSocket) socket).getApplicationProtocol());
            RecordingBootstrap.sendClientPreface(socket);
            assertEquals(4, RecordingBootstrap.readFrame(RecordingBootstrap.serverOctets(socket, null))[0],
                    "the server's preface is a SETTINGS frame");
        });
        ConnectionOptions o = options().toBuilder().secure(true).sslContext(tls.clientContext).build();
        try (NegotiatingConnection c = new NegotiatingConnection("localhost", tlsPort, o, engine)) {
            c.connect();
            assertEquals(Protocol.HTTP_2, c.protocol());
        }
    }

    @Test
    void overCleartextH2oAcceptsTheUpgradeAndAnswersOnStream1() throws Exception {
        RecordingBootstrap engine = new RecordingBootstrap(H2oTest::expectStream1Headers);
        try (NegotiatingConnection c = new NegotiatingConnection("127.0.0.1", h2o.port, options(), engine)) {
            OptionalInt first = c.request("GET", "/small.txt");
            assertEquals(OptionalInt.empty(), first);
            Response r = c.getResponse(first);
            assertEquals(Protocol.HTTP_2, c.protocol());
            assertEquals(1, r.streamId());
        }
    }

    @Test
    void h2oOverCleartextWithHttp11ForcedStaysOnHttp11() throws Exception {
        RecordingBootstrap engine = new RecordingBootstrap();
        ConnectionOptions o = options().toBuilder().forceProtocol(Protocol.HTTP_1_1).build();
        try (NegotiatingConnection c = new NegotiatingConnection("127.0.0.1", h2o.port, o, engine)) {
            assertEquals(OptionalInt.empty(), c.request("GET", "/small.txt"));
            assertArrayEquals(small, c.getResponse().read());
            assertEquals(Protocol.HTTP_1_1, c.protocol());
            assertTrue(engine.starts.isEmpty());
        }
    }

    /**
     * After the 101: the server's preface (SETTINGS) comes first; once our preface is sent, the response to the
     * upgraded request arrives as HEADERS on stream 1 (RFC 7540 §3.2).
     */
    static void expectStream1Headers(Socket socket, hyper.impl.Http2Bootstrap.Upgraded upgraded) throws Exception {
        DataInputStream in = RecordingBootstrap.serverOctets(socket, upgraded);
        assertEquals(4, RecordingBootstrap.readFrame(in)[0], "the server's preface is a SETTINGS frame");
        RecordingBootstrap.sendClientPreface(socket);
        for (int i = 0; i < 10; i++) {
            int[] frame = RecordingBootstrap.readFrame(in);
            if (frame[0] == 1) {
                assertEquals(1, frame[2], "HEADERS of the upgraded request are on stream 1");
                return;
            }
        }
        throw new AssertionError("no HEADERS frame among the first frames after the upgrade");
    }
}
