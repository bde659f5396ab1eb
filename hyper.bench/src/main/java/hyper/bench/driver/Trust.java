package hyper.bench.driver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates of the local servers, trusted by every Java client (and nothing else), hostname checks on.
 * {@code openSslContext} trusts the same through hyper's OpenSSL TLS provider (which can only verify with contexts it
 * made), or is null when that provider is unavailable.
 */
public record Trust(SSLContext context, X509TrustManager trustManager, SSLContext openSslContext) {
    /** Trusts every certificate in these PEM files. */
    public static Trust of(List<Path> pemFiles) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        int i = 0;
        for (Path pem : pemFiles) {
            try (InputStream in = Files.newInputStream(pem)) {
                for (Certificate c : x509.generateCertificates(in)) {
                    store.setCertificateEntry("server-" + i++, c);
                }
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        X509TrustManager tm = null;
        for (TrustManager m : tmf.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                tm = x;
            }
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {tm}, null);
        return new Trust(ctx, tm, openSslContext(pemFiles));
    }

    /** A context made by the OpenSSL provider from one PEM file of them all, or null when it is unavailable. */
    private static SSLContext openSslContext(List<Path> pemFiles) throws IOException {
        if (hyper.api.spi.Providers.all(hyper.api.spi.TlsProvider.class).stream()
                .noneMatch(p -> p.name().equals("openssl") && p.unavailableReason().isEmpty())) {
            return null;
        }
        Path all = Files.createTempFile("hyper-bench-trusted-", ".pem");
        try {
            StringBuilder pem = new StringBuilder();
            for (Path p : pemFiles) {
                pem.append(Files.readString(p)).append('\n');
            }
            Files.writeString(all, pem);
            return hyper.api.Hyper.tls("openssl").initContext(all, null, null, null);
        } finally {
            Files.deleteIfExists(all); // read once by initContext
        }
    }
}
