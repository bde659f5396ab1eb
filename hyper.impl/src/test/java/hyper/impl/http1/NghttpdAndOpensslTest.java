package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.api.Protocol;
import hyper.api.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two more real peers: nghttpd speaks HTTP/2 over cleartext by prior knowledge; {@code openssl s_server -alpn http/1.1}
 * is a TLS server whose ALPN offers only http/1.1, so a connection that offers h2 must fall back to HTTP/1.1.
 */
class NghttpdAndOpensslTest {
    @TempDir
    Path dir;

    /**
     * nghttpd (1.52) speaks HTTP/2 over cleartext by prior knowledge only: it does not implement the h2c upgrade,
     * and answers an HTTP/1.1 request with its SETTINGS frame. Forcing HTTP/2 sends the preface straight away.
     */
    @Test
    void nghttpdOverCleartextWithHttp2ForcedGetsThePriorKnowledgePreface() throws Exception {
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "nghttpd");
        int port = ExternalServer.freePort();
        try (ExternalServer nghttpd = ExternalServer.start(dir, port, "nghttp2-server",
                List.of("/usr/sbin/nghttpd", "--no-tls", "-d", www.toString(), "-a", "127.0.0.1", String.valueOf(port)))) {
            RecordingBootstrap engine = new RecordingBootstrap((socket, upgraded) -> {
                RecordingBootstrap.sendClientPreface(socket);
                assertEquals(4, RecordingBootstrap.readFrame(RecordingBootstrap.serverOctets(socket, null))[0],
                        "nghttpd's preface is a SETTINGS frame");
            });
            ConnectionOptions o = ConnectionOptions.builder().forceProtocol(Protocol.HTTP_2)
                    .readTimeout(Duration.ofSeconds(10)).build();
            try (NegotiatingConnection c = new NegotiatingConnection("127.0.0.1", port, o, engine)) {
                c.connect();
                assertEquals(Protocol.HTTP_2, c.protocol(), nghttpd.log());
                assertEquals(1, engine.starts.size());
                assertEquals(null, engine.starts.get(0).upgraded(), "prior knowledge, not an upgrade");
                assertEquals(OptionalInt.of(3), c.request("GET", "/index.html"));
            }
        }
    }

    @Test
    void anOpensslServerOfferingOnlyHttp11GetsHttp11ThoughH2WasOffered() throws Exception {
        TestTls tls = TestTls.create(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] file = "served by openssl s_server\n".getBytes(StandardCharsets.US_ASCII);
        Files.write(www.resolve("file.txt"), file);
        int port = ExternalServer.freePort();
        try (ExternalServer sServer = ExternalServer.start(www, port, "openssl", List.of("/usr/bin/openssl", "s_server",
                "-accept", "127.0.0.1:" + port, "-cert", tls.certificate.toString(), "-key", tls.key.toString(),
                "-alpn", "http/1.1", "-WWW"))) {
            RecordingBootstrap engine = new RecordingBootstrap();
            ConnectionOptions o = ConnectionOptions.builder().secure(true).sslContext(tls.clientContext)
                    .readTimeout(Duration.ofSeconds(10)).build();
            try (NegotiatingConnection c = new NegotiatingConnection("localhost", port, o, engine)) {
                c.connect();
                assertEquals(Protocol.HTTP_1_1, c.protocol(), sServer.log());
                assertEquals(OptionalInt.empty(), c.request("GET", "/file.txt"));
                Response r = c.getResponse();
                assertEquals(200, r.status());
                assertArrayEquals(file, r.read()); // an HTTP/1.0 response that runs until the server closes
                assertTrue(engine.starts.isEmpty(), "the HTTP/2 engine must not be started");
            }
        }
    }
}
