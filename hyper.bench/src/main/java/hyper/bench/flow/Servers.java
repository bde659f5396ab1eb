package hyper.bench.flow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** h2o and nghttpd on loopback serving one directory over TLS and h2c, with a self-signed certificate for 127.0.0.1. */
final class Servers implements AutoCloseable {
    /** One listening server: which program, TLS or not, its port. */
    record Endpoint(String server, boolean tls, int port) {
        String label() {
            return server + (tls ? " TLS" : " h2c");
        }
    }

    private final List<Process> processes = new ArrayList<>();
    final List<Endpoint> endpoints = new ArrayList<>();
    final Path cert;
    final Path key;
    final SSLContext sslContext;
    final X509TrustManager trustManager;

    Servers(Path work, Path docroot) throws Exception {
        cert = work.resolve("cert.pem");
        key = work.resolve("key.pem");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("bench", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
        sslContext = SSLContext.getInstance("TLS");
        sslContext.init(null, tmf.getTrustManagers(), null);

        int h2oTls = freePort();
        int h2oPlain = freePort();
        StringBuilder conf = new StringBuilder();
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user: root\n");
        }
        conf.append("error-log: ").append(work.resolve("h2o-error.log")).append('\n');
        conf.append("num-threads: 1\n");
        conf.append("listen:\n  port: ").append(h2oTls).append("\n  host: 127.0.0.1\n");
        conf.append("  ssl:\n    certificate-file: ").append(cert).append("\n    key-file: ").append(key).append('\n');
        conf.append("listen:\n  port: ").append(h2oPlain).append("\n  host: 127.0.0.1\n");
        conf.append("hosts:\n  default:\n    paths:\n      /:\n        file.dir: ").append(docroot).append('\n');
        Path h2oConf = work.resolve("h2o.conf");
        Files.writeString(h2oConf, conf);
        start(work, "h2o", List.of("/usr/bin/h2o", "-c", h2oConf.toString()));
        endpoints.add(new Endpoint("h2o", true, h2oTls));
        endpoints.add(new Endpoint("h2o", false, h2oPlain));

        int ngTls = freePort();
        start(work, "nghttpd-tls", List.of("/usr/sbin/nghttpd", "-a", "127.0.0.1", "-d", docroot.toString(),
                Integer.toString(ngTls), key.toString(), cert.toString()));
        int ngPlain = freePort();
        start(work, "nghttpd-h2c", List.of("/usr/sbin/nghttpd", "-a", "127.0.0.1", "-d", docroot.toString(), "--no-tls",
                Integer.toString(ngPlain)));
        endpoints.add(new Endpoint("nghttpd", true, ngTls));
        endpoints.add(new Endpoint("nghttpd", false, ngPlain));
        for (Endpoint e : endpoints) {
            awaitListening(e.port());
        }
    }

    private void start(Path work, String name, List<String> cmd) throws IOException {
        processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start());
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("no server listening on port " + port);
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
