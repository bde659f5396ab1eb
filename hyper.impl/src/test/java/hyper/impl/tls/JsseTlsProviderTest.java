package hyper.impl.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Hyper;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.spi.TlsProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handshakes against a real JSSE server with a certificate made by the JDK's keytool for this run. */
class JsseTlsProviderTest {
    @TempDir
    static Path dir;
    static Path caPem;
    static SSLServerSocket server;
    static Thread acceptor;

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "secret");
        caPem = dir.resolve("ca.pem");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "secret",
                "-file", caPem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        SSLParameters p = server.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        server.setSSLParameters(p);
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                    s.getOutputStream().write(s.getApplicationProtocol().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                } catch (IOException expectedForRejectedClients) {
                    // a client that refuses our certificate aborts the handshake; keep serving
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        server.close();
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool timed out");
        assertEquals(0, p.exitValue(), "keytool failed: " + out);
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000);
        return s;
    }

    @Test
    void theJsseProviderIsFoundAndNegotiatesH2WithATrustedCa() throws Exception {
        TlsProvider tls = Hyper.tls(null);
        assertEquals("jsse", tls.name());
        SSLContext ctx = tls.initContext(caPem, null, null, null);
        try (SSLSocket s = tls.handshake(connect(), "localhost", server.getLocalPort(), ctx, List.of("h2", "http/1.1"), Duration.ofSeconds(5))) {
            assertEquals("h2", s.getApplicationProtocol());
            assertTrue(s.getSession().getProtocol().startsWith("TLSv1."));
            assertEquals("h2", new String(s.getInputStream().readNBytes(2), java.nio.charset.StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotCoverIsRefused() throws Exception {
        TlsProvider tls = Hyper.tls("jsse");
        SSLContext ctx = tls.initContext(caPem, null, null, null);
        assertThrows(SSLHandshakeException.class,
                () -> tls.handshake(connect(), "not-localhost.example", server.getLocalPort(), ctx, List.of("h2"), Duration.ofSeconds(5)));
    }

    @Test
    void anUntrustedCertificateIsRefusedByDefault() throws Exception {
        TlsProvider tls = Hyper.tls(null);
        assertThrows(SSLHandshakeException.class,
                () -> tls.handshake(connect(), "localhost", server.getLocalPort(), null, List.of("h2"), Duration.ofSeconds(5)));
    }

    @Test
    void aSilentServerTimesOutTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket s = new Socket();
            s.connect(silent.getLocalSocketAddress(), 5000);
            TlsProvider tls = Hyper.tls(null);
            SSLContext ctx = tls.initContext(caPem, null, null, null);
            assertThrows(HyperTimeoutException.class,
                    () -> tls.handshake(s, "localhost", silent.getLocalPort(), ctx, List.of("h2"), Duration.ofMillis(300)));
        }
    }

    @Test
    void badPemFilesAreTypedErrors() throws Exception {
        Path junk = dir.resolve("junk.pem");
        Files.writeString(junk, "not a certificate");
        TlsProvider tls = Hyper.tls(null);
        assertThrows(HyperException.class, () -> tls.initContext(junk, null, null, null));
        assertThrows(HyperException.class, () -> tls.initContext(null, caPem, junk, null));
    }

    @Test
    void aClientKeyEncryptedByOpenSsl3sDefaultPbes2Loads() throws Exception {
        Path cert = dir.resolve("client.pem");
        Path plain = dir.resolve("client-plain.key");
        Path key = dir.resolve("client-pbes2.key");
        run("/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", plain.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=hyper-client");
        // PBKDF2 + AES-256-CBC: JDK 17 names it only "PBES2", which no SecretKeyFactory accepts
        run("/usr/bin/openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(), "-out", key.toString(),
                "-passout", "pass:s3cret");
        TlsProvider tls = Hyper.tls("jsse");
        tls.initContext(caPem, cert, key, "s3cret".toCharArray());
        HyperException wrong = assertThrows(HyperException.class,
                () -> tls.initContext(caPem, cert, key, "wrong".toCharArray()));
        assertTrue(wrong.getMessage().startsWith("cannot set up TLS"), wrong.getMessage());
    }

    @Test
    void onlyAeadEphemeralSuitesAreOfferedForTls12() {
        String[] kept = JsseTlsProvider.http2Suites(new String[] {
            "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"});
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"), List.of(kept));
    }
}
