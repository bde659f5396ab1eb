package hyper.impl.tls;

import hyper.api.HyperException;
import hyper.api.spi.TlsProvider;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The default TLS provider, on the JDK's own JSSE: TLS 1.3 and 1.2 only, ALPN, SNI, and hostname verification
 * that cannot be switched off (seed §3.1.4). TLS 1.2 is limited to AEAD cipher suites with ephemeral keys,
 * which keeps clear of RFC 9113 Appendix A's block list (§9.2.2).
 */
public final class JsseTlsProvider implements TlsProvider {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    @Override
    public String name() {
        return "jsse";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public SSLContext initContext(Path caCertificates, Path clientCertificate, Path clientKey, char[] keyPassword)
            throws HyperException {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caCertificates == null) {
                tmf.init((KeyStore) null); // the JDK's cacerts
            } else {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (X509Certificate ca : Pem.certificates(caCertificates)) {
                    trust.setCertificateEntry("ca-" + i++, ca);
                }
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (clientCertificate != null) {
                List<X509Certificate> chain = Pem.certificates(clientCertificate);
                PrivateKey key = Pem.privateKey(clientKey != null ? clientKey : clientCertificate, keyPassword);
                char[] storePassword = new char[0];
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", key, storePassword, chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, storePassword);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new HyperException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public SSLSocket handshake(Socket socket, String host, int port, SSLContext context, List<String> alpn,
            Duration timeout) throws IOException {
        SSLContext ctx = context;
        if (ctx == null) {
            ctx = defaultContext();
        }
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setProtocols(supported(PROTOCOLS, tls.getSupportedProtocols()));
        params.setCipherSuites(http2Suites(tls.getEnabledCipherSuites()));
        params.setApplicationProtocols(alpn.toArray(new String[0]));
        params.setEndpointIdentificationAlgorithm("HTTPS"); // hostname verification, RFC 2818 / RFC 6125
        tls.setSSLParameters(params);
        int before = socket.getSoTimeout();
        tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        try {
            tls.startHandshake();
        } catch (SocketTimeoutException e) {
            tls.close();
            throw new hyper.api.HyperTimeoutException("TLS handshake with " + host + ":" + port + " took longer than " + timeout);
        } catch (IOException e) {
            tls.close();
            throw e;
        }
        tls.setSoTimeout(before);
        return tls;
    }

    private static SSLContext defaultContext() throws IOException {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new HyperException("the JDK has no default SSLContext: " + e.getMessage(), e);
        }
    }

    private static String[] supported(String[] wanted, String[] available) {
        List<String> out = new ArrayList<>();
        for (String w : wanted) {
            for (String a : available) {
                if (a.equals(w)) {
                    out.add(w);
                }
            }
        }
        return out.toArray(new String[0]);
    }

    /** TLS 1.3 suites, plus TLS 1.2 suites that are AEAD with ephemeral key exchange (RFC 9113 §9.2.2). */
    static String[] http2Suites(String[] enabled) {
        List<String> out = new ArrayList<>();
        for (String s : enabled) {
            boolean tls13 = s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_");
            boolean aead = s.contains("_GCM_") || s.contains("_CHACHA20_POLY1305_");
            boolean ephemeral = s.startsWith("TLS_ECDHE_") || s.startsWith("TLS_DHE_");
            if (tls13 || (aead && ephemeral)) {
                out.add(s);
            }
        }
        return out.toArray(new String[0]);
    }
}
