package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.Hyper;
import hyper.api.ProtocolException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening the byte stream: TLS with ALPN h2 and verification (RFC 9113 §3.2, §9.2), CONNECT proxies, timeouts. */
class TransportTest extends PeerTestBase {
    private Path work;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void workDir() throws IOException {
        work = Files.createTempDirectory("hyper-transport");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aTlsServerThatDoesNotChooseH2IsRefused() throws Exception {
        RealServer server = started(RealServer.opensslTls(RealServer.Certificates.get(), "http/1.1", work));
        ProtocolException e = assertThrows(ProtocolException.class, () -> Hyper.http2("127.0.0.1:" + server.port(), tls()));
        assertTrue(e.getMessage().contains("ALPN h2"), e.getMessage());
    }

    @Test
    void aTlsServerWithoutAlpnIsRefused() throws Exception {
        RealServer server = started(RealServer.opensslTls(RealServer.Certificates.get(), null, work));
        ProtocolException e = assertThrows(ProtocolException.class, () -> Hyper.http2("127.0.0.1:" + server.port(), tls()));
        assertTrue(e.getMessage().contains("ALPN"), e.getMessage());
    }

    @Test
    void hostnameVerificationIsOnByDefault() throws Exception {
        RealServer.Certificates other = RealServer.Certificates.create("example.invalid", "DNS:example.invalid");
        RealServer server = started(RealServer.opensslTls(other, "h2", work));
        ConnectionOptions trustingItsCa = ConnectionOptions.builder().secure(true).connectTimeout(Duration.ofSeconds(10))
                .sslContext(Hyper.tlsContext(other.cert())).build();
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> Hyper.http2("127.0.0.1:" + server.port(), trustingItsCa));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void anUntrustedCertificateIsRefused() throws Exception {
        RealServer server = started(RealServer.opensslTls(RealServer.Certificates.get(), "h2", work));
        ConnectionOptions jdkTrust = ConnectionOptions.builder().secure(true).connectTimeout(Duration.ofSeconds(10)).build();
        assertThrows(SSLHandshakeException.class, () -> Hyper.http2("127.0.0.1:" + server.port(), jdkTrust));
    }

    @Test
    void aServerThatNeverAnswersTheTlsHandshakeTimesOut() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        toClose.add(silent);
        ConnectionOptions options = ConnectionOptions.builder().secure(true).connectTimeout(Duration.ofMillis(300)).build();
        assertThrows(HyperTimeoutException.class, () -> Hyper.http2("127.0.0.1:" + silent.getLocalPort(), options));
    }

    @Test
    void connectsThroughAnHttpConnectProxy() throws Exception {
        ConnectProxy proxy = new ConnectProxy("HTTP/1.1 200 Connection established");
        toClose.add(proxy);
        try (var c = Hyper.http2("127.0.0.1:" + peer.port(), options().proxy("127.0.0.1", proxy.port()).build())) {
            peer.acceptPreface();
            peer.writeSettings();
            assertEquals("CONNECT 127.0.0.1:" + peer.port() + " HTTP/1.1", proxy.requestLine);
            int id = c.request("GET", "/via-proxy");
            assertEquals("/via-proxy", peer.wantHeaders(id).get(":path"));
            peer.writeHeadersEndStream(id, ":status", "200");
            assertEquals(200, c.getResponse(id).status());
        }
    }

    @Test
    void aProxyRefusingConnectIsATypedError() throws Exception {
        ConnectProxy proxy = new ConnectProxy("HTTP/1.1 403 Forbidden");
        toClose.add(proxy);
        HyperException e = assertThrows(HyperException.class,
                () -> Hyper.http2("127.0.0.1:" + peer.port(), options().proxy("127.0.0.1", proxy.port()).build()));
        assertTrue(e.getMessage().contains("403"), e.getMessage());
    }

    private RealServer started(RealServer server) {
        toClose.add(server);
        return server;
    }

    private static ConnectionOptions tls() throws IOException {
        return ConnectionOptions.builder().secure(true).connectTimeout(Duration.ofSeconds(10))
                .sslContext(Hyper.tlsContext(RealServer.Certificates.get().cert())).build();
    }
}
