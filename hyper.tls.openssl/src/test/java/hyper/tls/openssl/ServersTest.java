package hyper.tls.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http11Connection;
import hyper.api.Http11Response;
import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.Response;
import hyper.impl.http1.ExternalServer;
import hyper.impl.http1.TestTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** hyper over OpenSSL against real servers: h2o (HTTP/2 and HTTP/1.1 by ALPN), nghttpd, and openssl s_server. */
@Timeout(120)
class ServersTest {
    @TempDir
    static Path dir;
    static TestTls tls;
    static SSLContext trust;
    static ExternalServer h2o;
    static ExternalServer nghttpd;
    static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        NativeRequired.check();
        tls = TestTls.create(dir);
        trust = Hyper.tls("openssl").initContext(tls.certificate, null, null, null);
        Path www = Files.createDirectories(dir.resolve("www"));
        big = new byte[24 << 20];
        new Random(7).nextBytes(big); // incompressible: every octet crosses TLS
        Files.write(www.resolve("big.bin"), big);
        Files.writeString(www.resolve("small.txt"), "hello over OpenSSL\n");
        int plain = ExternalServer.freePort();
        int port = ExternalServer.freePort();
        Path conf = dir.resolve("h2o.conf");
        Files.writeString(conf, String.join("\n",
                "user: " + System.getProperty("user.name"),
                "pid-file: " + dir.resolve("h2o.pid"),
                "error-log: " + dir.resolve("h2o-error.log"),
                "listen:", "  host: 127.0.0.1", "  port: " + plain,
                "listen:", "  host: 127.0.0.1", "  port: " + port,
                "  ssl:", "    certificate-file: " + tls.certificate, "    key-file: " + tls.key,
                "hosts:", "  default:", "    paths:", "      /:", "        file.dir: " + www, ""));
        h2o = ExternalServer.start(dir, plain, "h2o", List.of("/usr/bin/h2o", "-c", conf.toString()));
        h2o.awaitListening(port);
        h2oTls = port;
        int n = ExternalServer.freePort();
        nghttpd = ExternalServer.start(dir, n, "nghttp2-server", List.of("/usr/sbin/nghttpd", "-d", www.toString(),
                "-a", "127.0.0.1", String.valueOf(n), tls.key.toString(), tls.certificate.toString()));
    }

    static int h2oTls;

    @AfterAll
    static void stop() throws Exception {
        if (h2o != null) {
            h2o.close();
        }
        if (nghttpd != null) {
            nghttpd.close();
        }
    }

    static ConnectionOptions options() {
        return ConnectionOptions.builder().secure(true).sslContext(trust).tlsProvider("openssl")
                .readTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void theProviderIsChosenByPriorityAndNegotiatesH2WithH2o() throws Exception {
        assertEquals("openssl", Hyper.tls(null).name(), "with the module present, priority picks OpenSSL");
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), h2oTls), 5000);
            SSLSocket s = Hyper.tls("openssl").handshake(tcp, "localhost", h2oTls, trust, List.of("h2", "http/1.1"),
                    Duration.ofSeconds(10));
            assertInstanceOf(OpenSslSocket.class, s);
            assertEquals("h2", s.getApplicationProtocol());
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            assertTrue(s.getSession().getCipherSuite().startsWith("TLS_AES_"), s.getSession().getCipherSuite());
            assertEquals("CN=localhost", s.getSession().getPeerPrincipal().getName());
            s.close();
        }
    }

    @Test
    void aLargeDownloadFromH2oArrivesIntact() throws Exception {
        try (Http2Connection c = Hyper.http2("localhost:" + h2oTls, options())) {
            int id = c.request("GET", "/big.bin");
            try (Response r = c.getResponse(id)) {
                assertEquals(200, r.status());
                assertArrayEquals(digest(big), digest(r));
            }
        }
    }

    @Test
    void manyConcurrentStreamsShareOneConnectionToNghttpd() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Http2Connection c = Hyper.http2("localhost:" + nghttpd.port, options())) {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String path = i % 10 == 0 ? "/big.bin" : "/small.txt";
                results.add(pool.submit(() -> {
                    int id = c.request("GET", path, Body.empty(), HeaderMap.of("x-request", path));
                    try (Response r = c.getResponse(id)) {
                        assertEquals(200, r.status());
                        return r.read();
                    }
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                byte[] body = results.get(i).get();
                if (i % 10 == 0) {
                    assertArrayEquals(big, body);
                } else {
                    assertEquals("hello over OpenSSL\n", new String(body, StandardCharsets.UTF_8));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRecordDamagedMidDownloadFailsTheStreamWithATypedErrorAndNothingHangs() throws Exception {
        // 64 KiB windows: the server cannot have sent the whole file before the relay is armed
        ConnectionOptions small = ConnectionOptions.builder().secure(true).sslContext(trust).tlsProvider("openssl")
                .flowControlProvider("seed").readTimeout(Duration.ofSeconds(30)).build();
        try (CorruptingRelay relay = new CorruptingRelay(h2oTls);
                Http2Connection c = Hyper.http2("localhost:" + relay.port(), small)) {
            int id = c.request("GET", "/big.bin");
            try (Response r = c.getResponse(id)) {
                byte[] buf = new byte[1 << 16];
                assertTrue(r.read(buf, 0, buf.length) > 0);
                relay.arm();
                java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> {
                    while (r.read(buf, 0, buf.length) >= 0) {
                        // until the damaged record
                    }
                });
                assertTrue(String.valueOf(e.getMessage()).contains("TLS read failed")
                        || e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("TLS read failed"), e.toString());
            }
            org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> c.request("GET", "/small.txt"),
                    "the connection is gone");
        }
    }

    @Test
    void theHandshakeRunsThroughAConnectTunnel() throws Exception {
        // RFC 9110 §9.3.6: the proxy's reply is read octet by octet, so the first TLS octets are left for OpenSSL
        try (hyper.impl.http2.ConnectProxy proxy = new hyper.impl.http2.ConnectProxy("HTTP/1.1 200 Connection established");
                Http2Connection c = Hyper.http2("localhost:" + h2oTls, ConnectionOptions.builder().secure(true)
                        .sslContext(trust).tlsProvider("openssl").proxy("127.0.0.1", proxy.port())
                        .readTimeout(Duration.ofSeconds(30)).build())) {
            int id = c.request("GET", "/small.txt");
            try (Response r = c.getResponse(id)) {
                assertEquals(200, r.status());
                assertEquals("hello over OpenSSL\n", new String(r.read(), StandardCharsets.UTF_8));
            }
            assertEquals("CONNECT localhost:" + h2oTls + " HTTP/1.1", proxy.requestLine);
        }
    }

    @Test
    void http11ByAlpnWorksToo() throws Exception {
        try (Http11Connection c = Hyper.http11("localhost:" + h2oTls, options())) {
            for (int i = 0; i < 3; i++) {
                c.request("GET", "/small.txt");
                Http11Response r = c.getResponse();
                assertEquals(200, r.status());
                assertEquals("hello over OpenSSL\n", new String(r.read(), StandardCharsets.UTF_8));
            }
        }
    }

    static byte[] digest(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    static byte[] digest(Response r) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[100_000];
        for (int n; (n = r.read(buf, 0, buf.length)) > 0; ) {
            md.update(buf, 0, n);
        }
        return md.digest();
    }
}
