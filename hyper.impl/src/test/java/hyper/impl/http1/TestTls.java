package hyper.impl.http1;

import hyper.api.Hyper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A throw-away certificate for localhost and 127.0.0.1, made with openssl: PEM files for h2o and s_server, a JSSE context for Java servers. */
public final class TestTls {
    public final Path certificate;
    public final Path key;
    public final SSLContext clientContext;
    public final SSLContext serverContext;

    private TestTls(Path certificate, Path key, SSLContext clientContext, SSLContext serverContext) {
        this.certificate = certificate;
        this.key = key;
        this.clientContext = clientContext;
        this.serverContext = serverContext;
    }

    public static TestTls create(Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Path p12 = dir.resolve("server.p12");
        ExternalServer.run(dir, "/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        ExternalServer.run(dir, "/usr/bin/openssl", "pkcs12", "-export", "-in", cert.toString(), "-inkey", key.toString(),
                "-out", p12.toString(), "-passout", "pass:secret");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "secret".toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        return new TestTls(cert, key, Hyper.tlsContext(cert), server);
    }
}
