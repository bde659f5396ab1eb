package hyper.tls.openssl;

import hyper.api.Hyper;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.spi.TlsProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/**
 * TLS through OpenSSL (libssl 3), named {@value #NAME}: the same HTTP/2 rules as the JSSE provider (TLS 1.2+, ALPN,
 * SNI, AEAD suites with ephemeral keys, no renegotiation, RFC 9113 §9.2) with OpenSSL's record layer, which
 * decrypts bulk data several times faster than JSSE's. Servers are verified by the JDK's trust manager and
 * hostnames by RFC 6125 before the socket is handed out. Its priority is above JSSE's, so adding this module is
 * all it takes; when the library cannot load it reports why and hyper keeps JSSE.
 */
public final class OpenSslTlsProvider implements TlsProvider {
    /** The name that selects this provider: {@code -Dhyper.tls=openssl} or the connection option. */
    public static final String NAME = "openssl";
    /** Above JSSE's 0. */
    public static final int PRIORITY = 100;
    private static final System.Logger LOG = System.getLogger("hyper.tls");
    private static final AtomicBoolean FOREIGN_CONTEXT_LOGGED = new AtomicBoolean();

    /** For {@link java.util.ServiceLoader}; loads nothing until first used. */
    public OpenSslTlsProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativeLibrary.unavailableReason();
    }

    /**
     * A JSSE context with the same trust and client certificate (so it also works wherever an {@code SSLContext} is
     * expected), remembered so that this provider's connections made with it verify servers the same way.
     */
    @Override
    public SSLContext initContext(Path caCertificates, Path clientCertificate, Path clientKey, char[] keyPassword)
            throws HyperException {
        SSLContext context = Hyper.tls("jsse").initContext(caCertificates, clientCertificate, clientKey, keyPassword);
        try {
            KeyStore trusted = caCertificates == null ? null : trustStore(caCertificates);
            ClientContext.register(context, new ClientContext(ClientContext.trustManager(trusted), clientCertificate,
                    clientKey, keyPassword));
        } catch (IOException | GeneralSecurityException e) {
            throw new HyperException("cannot set up TLS: " + e.getMessage(), e);
        }
        return context;
    }

    @Override
    public SSLSocket handshake(Socket socket, String host, int port, SSLContext context, List<String> alpn,
            Duration timeout) throws IOException {
        ClientContext settings;
        try {
            settings = ClientContext.of(context);
        } catch (GeneralSecurityException e) {
            throw new HyperException("cannot set up TLS: " + e.getMessage(), e);
        }
        if (settings == null) {
            if (FOREIGN_CONTEXT_LOGGED.compareAndSet(false, true)) {
                LOG.log(Level.INFO, "the OpenSSL TLS provider cannot read the trust of an SSLContext it did not make;"
                        + " such connections use JSSE (make the context with Hyper.tls(\"openssl\").initContext)");
            }
            return Hyper.tls("jsse").handshake(socket, host, port, context, alpn, timeout);
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ip = isIpLiteral(name);
        long ssl = OpenSslJni.sessionNew(settings.nativeContext(), ip ? null : name, alpnWire(alpn)); // no SNI for IPs (RFC 6066 §3)
        OpenSslTransport tls;
        try {
            tls = new OpenSslTransport(socket, ssl);
        } catch (IOException | RuntimeException e) {
            OpenSslJni.sessionFree(ssl);
            throw e;
        }
        int before = socket.getSoTimeout();
        try {
            tls.handshake(System.nanoTime() + timeout.toNanos());
            OpenSslSession session = verify(tls, settings, name, ip, port);
            socket.setSoTimeout(before);
            return new OpenSslSocket(socket, tls, session, tls.negotiated(OpenSslJni.ALPN));
        } catch (SocketTimeoutException e) {
            tls.close();
            throw new HyperTimeoutException("TLS handshake with " + host + ":" + port + " took longer than " + timeout);
        } catch (IOException | RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /** The server's chain through the trust manager, then its name (RFC 6125), before any application data. */
    private static OpenSslSession verify(OpenSslTransport tls, ClientContext settings, String host, boolean ip, int port)
            throws IOException {
        byte[][] der = tls.peerChain();
        if (der.length == 0) {
            throw new SSLHandshakeException(host + " sent no certificate");
        }
        X509Certificate[] chain = new X509Certificate[der.length];
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < der.length; i++) {
                chain[i] = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der[i]));
            }
            // "UNKNOWN" is JSSE's authType for TLS 1.3; every suite offered here is signed with ephemeral keys, for
            // which the trust manager checks the digitalSignature key usage either way
            settings.trust.checkServerTrusted(chain, "UNKNOWN");
        } catch (CertificateException e) {
            SSLHandshakeException failure = new SSLHandshakeException(
                    "the certificate of " + host + " is not trusted: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
        if (!tls.certificateNames(host, ip)) {
            throw new SSLHandshakeException("the certificate of " + host + " does not name it: no subject alternative "
                    + (ip ? "IP address" : "DNS name") + " matching " + host);
        }
        return new OpenSslSession(host, port, chain, tls.negotiated(OpenSslJni.PROTOCOL),
                tls.negotiated(OpenSslJni.CIPHER_SUITE));
    }

    /** ALPN's wire form: each protocol as a length octet and its octets (RFC 7301 §3.1). */
    static byte[] alpnWire(List<String> protocols) {
        if (protocols == null || protocols.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : protocols) {
            byte[] b = p.getBytes(StandardCharsets.US_ASCII);
            if (b.length == 0 || b.length > 255) {
                throw new IllegalArgumentException("an ALPN protocol id is 1 to 255 octets: '" + p + "'");
            }
            out.write(b.length);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    /** An IPv4 dotted quad or an IPv6 literal (which always has a colon; a DNS name never does). */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static KeyStore trustStore(Path pem) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        try (InputStream in = Files.newInputStream(pem)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
        }
        if (i == 0) {
            throw new CertificateException(pem + " holds no certificate");
        }
        return store;
    }
}
