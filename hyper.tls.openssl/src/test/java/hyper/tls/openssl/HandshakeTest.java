package hyper.tls.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Hyper;
import hyper.api.HyperTimeoutException;
import hyper.impl.http1.ExternalServer;
import hyper.impl.http1.TestTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handshake against a JDK server: what is negotiated, what is verified, and how failures surface. */
@Timeout(60)
class HandshakeTest extends JdkPeerTests {

    /** The server's side of a good handshake: what the client asked for, then one line back. */
    static Object answer(Socket s) throws Exception {
        SSLSocket tlsSocket = (SSLSocket) s;
        tlsSocket.startHandshake();
        ExtendedSSLSession session = (ExtendedSSLSession) tlsSocket.getSession();
        String sni = session.getRequestedServerNames().isEmpty() ? "none"
                : ((SNIHostName) session.getRequestedServerNames().get(0)).getAsciiName();
        s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.getInputStream().read(); // until the client closes
        return sni + " " + tlsSocket.getApplicationProtocol();
    }

    static JsseServer serverAnsweringWithH2(String[] protocols) throws IOException {
        SSLContext server = tls.serverContext;
        return JsseServer.tls(server, protocols, false, s -> {
            SSLSocket t = (SSLSocket) s;
            t.setHandshakeApplicationProtocolSelector((engine, offered) -> offered.contains("h2") ? "h2" : null);
            return answer(s);
        });
    }

    @Test
    void tls13WithSniAndAlpn() throws Exception {
        try (JsseServer server = serverAnsweringWithH2(new String[] {"TLSv1.3"});
                SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            assertInstanceOf(OpenSslSocket.class, s);
            assertEquals("h2", s.getApplicationProtocol());
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            assertEquals("ok", readLine(s.getInputStream()));
            s.close();
            assertEquals("localhost h2", server.outcome(), "the server saw SNI and chose h2 by ALPN");
        }
    }

    @Test
    void tls12WithAnAeadEphemeralSuite() throws Exception {
        try (JsseServer server = serverAnsweringWithH2(new String[] {"TLSv1.2"});
                SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            assertEquals("TLSv1.2", s.getSession().getProtocol());
            String suite = s.getSession().getCipherSuite();
            assertTrue(suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20")), suite);
            assertEquals("ok", readLine(s.getInputStream()));
            s.close();
            assertEquals("localhost h2", server.outcome());
        }
    }

    @Test
    void anIpAddressIsMatchedAgainstTheCertificatesIpNamesAndSendsNoSni() throws Exception {
        try (JsseServer server = serverAnsweringWithH2(new String[] {"TLSv1.3"});
                SSLSocket s = connect(server.port(), "127.0.0.1", trust, Duration.ofSeconds(10))) {
            assertEquals("ok", readLine(s.getInputStream()));
            s.close();
            assertEquals("none h2", server.outcome(), "RFC 6066 §3: no SNI for an IP address");
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
        try (JsseServer server = serverAnsweringWithH2(new String[] {"TLSv1.3"})) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> connect(server.port(), "example.com", trust, Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("does not name it"), e.getMessage());
        }
    }

    @Test
    void aServerSignedByAnotherCaIsRefused() throws Exception {
        Path other = Files.createDirectories(dir.resolve("other"));
        SSLContext otherTrust = Hyper.tls("openssl").initContext(TestTls.create(other).certificate, null, null, null);
        try (JsseServer server = serverAnsweringWithH2(new String[] {"TLSv1.3"})) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> connect(server.port(), "localhost", otherTrust, Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("is not trusted"), e.getMessage());
        }
    }

    @Test
    void theJdksDefaultTrustRefusesATestCertificate() throws Exception {
        try (JsseServer server = serverAnsweringWithH2(new String[] {"TLSv1.3"})) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> connect(server.port(), "localhost", null, Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("is not trusted"), e.getMessage());
        }
    }

    @Test
    void aContextThisProviderDidNotMakeIsHandedToJsse() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(tls.certificate)) {
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext foreign = SSLContext.getInstance("TLS");
        foreign.init(null, tmf.getTrustManagers(), null);
        try (JsseServer server = serverAnsweringWithH2(new String[] {"TLSv1.3"});
                SSLSocket s = connect(server.port(), "localhost", foreign, Duration.ofSeconds(10))) {
            assertFalse(s instanceof OpenSslSocket, "JSSE's trust managers cannot be read back, so JSSE connects");
            assertEquals("h2", s.getApplicationProtocol());
            assertEquals("ok", readLine(s.getInputStream()));
        }
    }

    @Test
    void aClientCertificateWithAnEncryptedKeyIsPresented() throws Exception {
        Path cert = dir.resolve("client.pem");
        Path plainKey = dir.resolve("client-plain.key");
        Path key = dir.resolve("client.key");
        ExternalServer.run(dir, "/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", plainKey.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=hyper-client");
        ExternalServer.run(dir, "/usr/bin/openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plainKey.toString(),
                "-out", key.toString(), "-passout", "pass:s3cret");
        SSLContext client = Hyper.tls("openssl").initContext(tls.certificate, cert, key, "s3cret".toCharArray());
        try (JsseServer server = JsseServer.tls(serverTrusting(cert), new String[] {"TLSv1.3"}, true, s -> {
            SSLSocket t = (SSLSocket) s;
            t.startHandshake();
            String who = t.getSession().getPeerPrincipal().getName();
            s.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().read();
            return who;
        }); SSLSocket s = connect(server.port(), "localhost", client, Duration.ofSeconds(10))) {
            assertEquals("ok", readLine(s.getInputStream()));
            s.close();
            assertEquals("CN=hyper-client", server.outcome());
        }
        assertThrows(hyper.api.HyperException.class, () -> Hyper.tls("openssl").initContext(tls.certificate, cert, key,
                "wrong".toCharArray()).getSocketFactory(), "a wrong password fails when the context is made");
    }

    @Test
    void aHandshakeTheServerNeverAnswersTimesOut() throws Exception {
        try (JsseServer server = JsseServer.plain(s -> s.getInputStream().readAllBytes())) {
            long start = System.nanoTime();
            assertThrows(HyperTimeoutException.class,
                    () -> connect(server.port(), "localhost", trust, Duration.ofMillis(300)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 250 && millis < 10_000, millis + " ms");
        }
    }

    @Test
    void aServerThatClosesDuringTheHandshakeIsAHandshakeError() throws Exception {
        try (JsseServer server = JsseServer.plain(s -> s.getInputStream().read())) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> connect(server.port(), "localhost", trust, Duration.ofSeconds(10)));
            assertTrue(e.getMessage().contains("closed the connection during the TLS handshake"), e.getMessage());
        }
    }

    @Test
    void aServerThatSpeaksNoTlsIsAHandshakeError() throws Exception {
        try (JsseServer server = JsseServer.plain(s -> {
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return s.getInputStream().read();
        })) {
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> connect(server.port(), "localhost", trust, Duration.ofSeconds(10)));
            assertTrue(e.getMessage().startsWith("TLS handshake failed"), e.getMessage());
        }
    }

    /** A server context with the test certificate that trusts (only) {@code clientCert}. */
    static SSLContext serverTrusting(Path clientCert) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(clientCert)) {
            trusted.setCertificateEntry("client", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString();
    }
}
