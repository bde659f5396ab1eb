package hyper.bench.driver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local servers, each a separate process so that the driver's CPU time is the clients' alone: h2o with one
 * thread, nghttpd (single-threaded; one process for TLS, one for h2c) and hyper.httpbin (one event-loop thread,
 * its {@code /data/{n}} endpoint). h2o and nghttpd serve a 1 KiB file and the bulk file; the certificate is a
 * fresh P-256 one for 127.0.0.1 made with openssl. The bulk-download benchmark ({@code hyper.bench.flow}) uses them too.
 */
public final class Servers implements AutoCloseable {
    static final List<String> ALL = List.of("h2o", "nghttpd", "httpbin");
    private static final Pattern HTTPBIN_LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

    private final List<Process> processes = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private final Map<Target, Process> owners = new HashMap<>();
    private final List<Path> certificates = new ArrayList<>();
    private final Path work;
    private final PrintStream log;
    private final Thread stopOnExit = new Thread(this::stopProcesses, "peer-driver-servers-stop");

    private Servers(Path work, PrintStream log) {
        this.work = work;
        this.log = log;
    }

    /** Starts {@code names} (of {@link #ALL}) serving a 1 KiB file and one of {@code bulkBytes}. */
    public static Servers start(List<String> names, Path work, long bulkBytes, PrintStream log) throws Exception {
        Servers s = new Servers(work, log);
        Runtime.getRuntime().addShutdownHook(s.stopOnExit); // a killed driver leaves no servers behind
        try {
            s.startAll(names, bulkBytes);
            return s;
        } catch (Exception e) {
            s.close();
            throw e;
        }
    }

    private void startAll(List<String> names, long bulkBytes) throws Exception {
        Path www = Files.createDirectories(work.resolve("www"));
        writeRandom(www.resolve("small.bin"), Plan.SMALL_BYTES);
        writeRandom(www.resolve("bulk.bin"), bulkBytes);
        Path cert = work.resolve("cert.pem");
        Path key = work.resolve("key.pem");
        if (names.contains("h2o") || names.contains("nghttpd")) {
            run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
            certificates.add(cert);
        }
        for (String name : names) {
            switch (name) {
                case "h2o" -> startH2o(www, cert, key);
                case "nghttpd" -> {
                    startNghttpd(www, cert, key, true);
                    startNghttpd(www, cert, key, false);
                }
                case "httpbin" -> startHttpbin(bulkBytes);
                default -> throw new IllegalArgumentException("unknown server '" + name + "' (" + String.join(", ", ALL) + ")");
            }
        }
    }

    public List<Target> targets() {
        return targets;
    }

    /** PEM files of every certificate the servers present. */
    public List<Path> certificates() {
        return certificates;
    }

    private void startH2o(Path www, Path cert, Path key) throws Exception {
        Path h2o = Path.of("/usr/bin/h2o");
        if (!Files.isExecutable(h2o)) {
            throw new IllegalStateException("h2o is missing: apt-get install -y h2o");
        }
        int tlsPort = freePort();
        int clearPort = freePort();
        StringBuilder conf = new StringBuilder();
        if ("root".equals(System.getProperty("user.name"))) {
            conf.append("user: root\n"); // otherwise h2o drops to nobody, who may not read our temp dir
        }
        conf.append("num-threads: 1\n");
        // rounds interleave the clients, so a client's connection idles while the others run: longer than h2o's 10 s
        conf.append("http2-idle-timeout: 3600\n");
        conf.append("error-log: ").append(work.resolve("h2o-error.log")).append('\n');
        conf.append("pid-file: ").append(work.resolve("h2o.pid")).append('\n');
        conf.append("listen:\n  host: 127.0.0.1\n  port: ").append(tlsPort).append('\n');
        conf.append("  ssl:\n    certificate-file: ").append(cert).append("\n    key-file: ").append(key).append('\n');
        conf.append("listen:\n  host: 127.0.0.1\n  port: ").append(clearPort).append('\n');
        conf.append("hosts:\n  default:\n    paths:\n      /:\n        file.dir: ").append(www).append('\n');
        Path file = work.resolve("h2o.conf");
        Files.writeString(file, conf);
        Process p = spawn("h2o", List.of(h2o.toString(), "-c", file.toString()));
        awaitListening("h2o", p, tlsPort);
        awaitListening("h2o", p, clearPort);
        add(p, new Target("h2o", true, "127.0.0.1", tlsPort, "/small.bin", "/bulk.bin"));
        add(p, new Target("h2o", false, "127.0.0.1", clearPort, "/small.bin", "/bulk.bin"));
    }

    private void startNghttpd(Path www, Path cert, Path key, boolean tls) throws Exception {
        Path nghttpd = Path.of("/usr/sbin/nghttpd");
        if (!Files.isExecutable(nghttpd)) {
            throw new IllegalStateException("nghttpd is missing: apt-get install -y nghttp2-server");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(nghttpd.toString(), "-a", "127.0.0.1", "-d", www.toString()));
        if (tls) {
            cmd.addAll(List.of(Integer.toString(port), key.toString(), cert.toString()));
        } else {
            cmd.addAll(List.of("--no-tls", Integer.toString(port)));
        }
        Process p = spawn("nghttpd-" + (tls ? "tls" : "h2c"), cmd);
        awaitListening("nghttpd", p, port);
        add(p, new Target("nghttpd", tls, "127.0.0.1", port, "/small.bin", "/bulk.bin"));
    }

    /** hyper.httpbin as a java process on this JVM's class path: one port for TLS and h2c. */
    private void startHttpbin(long bulkBytes) throws Exception {
        Path ca = work.resolve("httpbin-ca.pem");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), "hyper.httpbin.Main",
                "--threads", "1", "--ca-file", ca.toString(), "--exit-on-stdin-eof");
        Path out = work.resolve("httpbin.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        processes.add(p); // its standard input stays open: closing it (or our exit) stops the server
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int port = -1;
        while (port < 0) {
            if (!p.isAlive()) {
                throw new IOException("hyper.httpbin exited with " + p.exitValue() + ": " + Files.readString(out));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("hyper.httpbin did not start within 60 s: " + Files.readString(out));
            }
            Matcher m = HTTPBIN_LISTENING.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (m.find() && Files.exists(ca)) {
                port = Integer.parseInt(m.group(1));
            } else {
                Thread.sleep(50);
            }
        }
        certificates.add(ca);
        add(p, new Target("httpbin", true, "127.0.0.1", port, "/data/1024", "/data/" + bulkBytes));
        add(p, new Target("httpbin", false, "127.0.0.1", port, "/data/1024", "/data/" + bulkBytes));
    }

    private void add(Process server, Target t) {
        targets.add(t);
        owners.put(t, server);
    }

    /**
     * CPU nanoseconds (user + system) the process serving {@code t} and its descendants (h2o's workers) have used
     * so far, or -1 where the OS does not tell. Linux counts in clock ticks (10 ms): read it over a whole round.
     */
    public long cpuNanos(Target t) {
        Process p = owners.get(t);
        if (p == null) {
            return -1;
        }
        Optional<Duration> own = p.info().totalCpuDuration();
        if (own.isEmpty()) {
            return -1;
        }
        return own.get().toNanos() + p.descendants()
                .mapToLong(d -> d.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private Process spawn(String name, List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    private void awaitListening(String name, Process p, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException(name + " exited with " + p.exitValue() + "; see " + work);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException(name + " did not listen on port " + port + " within 15 s; see " + work);
    }

    private void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void writeRandom(Path file, long length) throws IOException {
        Random random = new Random(length);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = length; left > 0; left -= block.length) {
                random.nextBytes(block);
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // the hook is running or has run
        }
        log.flush();
    }

    private void stopProcesses() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy); // h2o's workers
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
