package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP/2 server (nghttpd or h2o from Debian's packages) started by a test on a free loopback port, serving
 * a directory. A missing binary fails the test with the command that installs it: these tests are never skipped.
 */
final class RealServer implements AutoCloseable {
    static final String INSTALL = "apt-get install -y nghttp2-server h2o";
    private static final Path NGHTTPD = Path.of("/usr/sbin/nghttpd");
    private static final Path H2O = Path.of("/usr/bin/h2o");

    private final String name;
    private final Process process;
    private final int port;
    private final boolean tls;
    private final Path log;

    private RealServer(String name, Process process, int port, boolean tls, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.tls = tls;
        this.log = log;
    }

    /**
     * nghttpd serving {@code docroot}: POST and PUT bodies are echoed back ({@code --echo-upload}), every
     * response with a body ends with the trailer {@code x-trailer: yes}, and with {@code padding} > 0 frames carry
     * up to that many octets of padding ({@code -b}).
     */
    static RealServer nghttpd(Path docroot, boolean tls, int padding, Path work) throws IOException {
        return nghttpd(docroot, tls, padding, work, List.of());
    }

    /** {@link #nghttpd(Path, boolean, int, Path)} with more options, e.g. {@code -p/index.html=/style.css} (push). */
    static RealServer nghttpd(Path docroot, boolean tls, int padding, Path work, List<String> options) throws IOException {
        require(NGHTTPD);
        return startWithRetries(port -> {
            List<String> cmd = new ArrayList<>(List.of(NGHTTPD.toString(), "-a", "127.0.0.1", "-d", docroot.toString(),
                    "--echo-upload", "--trailer", "x-trailer: yes", "-b", Integer.toString(padding)));
            cmd.addAll(options);
            if (tls) {
                Certificates c = Certificates.get();
                cmd.addAll(List.of(Integer.toString(port), c.key().toString(), c.cert().toString()));
            } else {
                cmd.addAll(List.of("--no-tls", Integer.toString(port)));
            }
            return cmd;
        }, "nghttpd" + (tls ? " (TLS" : " (h2c") + (padding > 0 ? ", padded)" : ")"), tls, work);
    }

    /** h2o serving {@code docroot} with on-the-fly gzip ({@code compress: ON}) and an mruby echo at {@code /echo}. */
    static RealServer h2o(Path docroot, boolean tls, Path work) throws IOException {
        return h2o(docroot, tls, work, "");
    }

    /**
     * {@link #h2o(Path, boolean, Path)} with more entries under {@code paths:} (YAML indented by six spaces), matched
     * before the document root.
     */
    static RealServer h2o(Path docroot, boolean tls, Path work, String morePaths) throws IOException {
        require(H2O);
        return startWithRetries(port -> {
            StringBuilder conf = new StringBuilder();
            if ("root".equals(System.getProperty("user.name"))) {
                conf.append("user: root\n"); // otherwise h2o drops to nobody, who cannot read our private temp dir
            }
            conf.append("error-log: ").append(work.resolve("h2o-error-" + port + ".log")).append('\n');
            conf.append("listen:\n  port: ").append(port).append("\n  host: 127.0.0.1\n");
            if (tls) {
                Certificates c = Certificates.get();
                conf.append("  ssl:\n    certificate-file: ").append(c.cert()).append("\n    key-file: ").append(c.key()).append('\n');
            }
            conf.append("compress: ON\n");
            conf.append("hosts:\n  default:\n    paths:\n");
            conf.append("      /echo:\n        mruby.handler: |\n          Proc.new do |env|\n");
            conf.append("            [200, {\"content-type\" => \"application/octet-stream\"}, [env[\"rack.input\"].read]]\n");
            conf.append("          end\n");
            conf.append(morePaths);
            conf.append("      /:\n        file.dir: ").append(docroot).append('\n');
            Path file = work.resolve("h2o-" + port + ".conf");
            Files.writeString(file, conf);
            return List.of(H2O.toString(), "-c", file.toString());
        }, "h2o" + (tls ? " (TLS)" : " (h2c)"), tls, work);
    }

    private interface Command {
        List<String> forPort(int port) throws IOException;
    }

    private static RealServer startWithRetries(Command command, String name, boolean tls, Path work) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before the server binds it
            int port = freePort();
            Path log = work.resolve(name.replaceAll("[^a-z0-9]", "") + "-" + port + ".log");
            Process p = new ProcessBuilder(command.forPort(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            RealServer server = new RealServer(name, p, port, tls, log);
            try {
                server.awaitListening();
                return server;
            } catch (IOException e) {
                server.close();
                last = e;
            }
        }
        throw last;
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + logText());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IOException(name + " did not listen on port " + port + " within 15 s: " + logText());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    boolean tls() {
        return tls;
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    /** Stops {@code servers} and deletes {@code work}, the directory they ran in: a test class's clean-up. */
    static void stopAll(List<RealServer> servers, Path work) throws IOException {
        for (RealServer s : servers) {
            s.close();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void require(Path binary) {
        if (!Files.isExecutable(binary)) {
            fail(binary + " is missing: the end-to-end tests need the real servers. Install them with: " + INSTALL);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** openssl's test TLS server ({@code s_server}) with {@code cert}, offering {@code alpn} (or no ALPN when null). */
    static RealServer opensslTls(Certificates cert, String alpn, Path work) throws IOException {
        return startWithRetries(port -> {
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                    "-cert", cert.cert().toString(), "-key", cert.key().toString(), "-quiet"));
            if (alpn != null) {
                cmd.addAll(List.of("-alpn", alpn));
            }
            return cmd;
        }, "openssl s_server (alpn " + alpn + ")", true, work);
    }

    /** A self-signed certificate and its key, made with the openssl command. */
    record Certificates(Path cert, Path key) {
        private static Certificates instance;

        /** The one for 127.0.0.1 and localhost, made once per test JVM. */
        static synchronized Certificates get() throws IOException {
            if (instance == null) {
                instance = create("localhost", "DNS:localhost,IP:127.0.0.1");
            }
            return instance;
        }

        /** A new certificate for {@code commonName} with these subject alternative names. */
        static Certificates create(String commonName, String subjectAltNames) throws IOException {
            Path dir = Files.createTempDirectory("hyper-e2e-cert");
            dir.toFile().deleteOnExit();
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Process p;
            try {
                p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                        "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + commonName,
                        "-addext", "subjectAltName=" + subjectAltNames).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("the openssl command is needed to make a test certificate: apt-get install -y openssl", e);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    fail("openssl could not make a test certificate (apt-get install -y openssl): " + out);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            cert.toFile().deleteOnExit();
            key.toFile().deleteOnExit();
            return new Certificates(cert, key);
        }
    }
}
