package hyper.bench.flow;

import hyper.bench.flow.Downloaders.Downloader;
import hyper.bench.driver.Servers;
import hyper.bench.driver.Target;
import hyper.bench.driver.Trust;
import hyper.bench.flow.Downloaders.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Single-stream bulk download throughput (MB/s, 10^6 octets a second): one GET of a large file on one HTTP/2
 * connection, from h2o and nghttpd, over TLS and h2c, at simulated round-trip times through {@link DelayRelay}
 * (0 ms connects directly; the relay runs in a JVM of its own). Clients: hyper with each flow-control policy,
 * h2load, OkHttp, the JDK's HttpClient, Jetty 12. Prints a Markdown table per round-trip time, with the load average before and after.
 *
 * <pre>
 *   mvn -B -q -pl hyper.bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=cp.txt
 *   java -cp hyper.bench/target/classes:$(cat hyper.bench/cp.txt) hyper.bench.flow.BulkDownloadBenchmark \
 *        [MiB=100] [rtts=0,10,50] [limitSeconds=40] [clientFilter=regex] [serverFilter=regex]
 * </pre>
 * An RTT written {@code r0} goes through the relay without delay: what the relay itself costs. Every client is warmed
 * with {@code -Dbulk.warmups} downloads (8) over TLS and h2c first, and each cell keeps its fastest of
 * {@code -Dbulk.bestOf} (5).
 * A download still running after the time limit is stopped, and its rate so far is shown with a {@code *}.
 */
public final class BulkDownloadBenchmark {
    /** Warm-up downloads per client and per TLS/h2c before anything is measured: {@code -Dbulk.warmups} (8: JSSE and the engine need about that many for C2 to reach steady state; with 2, TLS rows read 10-40 % low). */
    private static final int WARMUPS = Integer.getInteger("bulk.warmups", 8);
    /** Downloads per cell, the fastest kept: {@code -Dbulk.bestOf} (5), for every client (h2load too) and every delay. */
    private static final int BEST_OF = Integer.getInteger("bulk.bestOf", 5);
    private BulkDownloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        String[] rtts = (args.length > 1 ? args[1] : "0,10,50").split(",");
        long limitNanos = TimeUnit.SECONDS.toNanos(args.length > 2 ? Integer.parseInt(args[2]) : 40);
        String filter = args.length > 3 ? args[3] : ".*";
        String serverFilter = args.length > 4 ? args[4] : ".*";

        Path work = Files.createTempDirectory("hyper-bench-flow");
        System.out.printf("Bulk download of %d MiB, one stream, %s, java %s (%s), h2load: %s%n", mib, ZonedDateTime.now(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Downloaders.run("h2load", "--version").trim());
        // the driver's servers: h2o (one thread) and nghttpd, TLS and h2c, serving the file as their bulk path
        try (Servers servers = Servers.start(List.of("h2o", "nghttpd"), work, (long) mib << 20, System.out)) {
            Trust trust = Trust.of(servers.certificates());
            List<Target> all = servers.targets(); // h2o TLS, h2o h2c, nghttpd TLS, nghttpd h2c
            String path = all.get(0).bulkPath(); // the same file on every one
            Map<String, Downloader> clients = new LinkedHashMap<>();
            clients.put("h2load", Downloaders.h2load());
            clients.put("hyper seed (64 KiB windows)", Downloaders.hyper(trust, "seed", 0));
            clients.put("hyper auto (the default: 16 MiB, 64 MiB for a lone stream, BDP to 64 MiB)", Downloaders.hyper(trust, "auto", 0));
            // the OpenSSL TLS provider (hyper.tls.openssl): the same engine and policy, OpenSSL's record layer
            if (trust.openSslContext() != null) {
                clients.put("hyper auto, OpenSSL TLS", Downloaders.hyper(trust.openSslContext(), "openssl", "auto", 0));
            }
            clients.put("hyper seed, 16 MiB windows", Downloaders.hyper(trust, "seed", 16 << 20));
            clients.put("hyper, 64 MiB windows set (auto's cap from the start)", Downloaders.hyper(trust, "auto", 64 << 20));
            clients.put("hyper auto, 32 MiB start", Downloaders.hyper(trust, "auto", -(32 << 20)));
            clients.put("hyper auto, 64 MiB start", Downloaders.hyper(trust, "auto", -(64 << 20)));
            // h2load's own setting (-w 30 -W 30): what the engine does when its windows are sized like the reference
            clients.put("hyper, 1 GiB windows set (as h2load)", Downloaders.hyper(trust, "auto", 1 << 30));
            clients.put("OkHttp " + okhttp3.OkHttp.VERSION, Downloaders.okhttp(trust));
            clients.put("JDK HttpClient (h2c by upgrade)", Downloaders.jdk(trust));
            clients.put("Jetty 12 HTTP2Client", Downloaders.jetty(trust));
            clients.keySet().removeIf(name -> !name.matches(filter));

            // JIT warm-up of every client, TLS and cleartext paths: a Java client needs a few downloads to reach speed
            for (Map.Entry<String, Downloader> e : clients.entrySet()) {
                for (Target warm : List.of(all.get(0), all.get(1))) { // h2o TLS, h2c
                    for (int i = 0; i < WARMUPS; i++) {
                        try {
                            e.getValue().download(warm.tls(), warm.port(), path, limitNanos);
                        } catch (Exception ex) {
                            // a client that cannot do this one (the JDK's, h2c) is warmed by the other
                        }
                    }
                }
            }
            List<Target> endpoints = all.stream().filter(t -> label(t).matches(serverFilter)).toList();
            for (String rttText : rtts) {
                boolean viaRelay = rttText.trim().startsWith("r"); // "r0": through the relay without delay (its own cost)
                int rtt = Integer.parseInt(rttText.trim().substring(viaRelay ? 1 : 0));
                viaRelay |= rtt > 0;
                String loadBefore = loadAverage();
                Map<String, List<String>> rows = new LinkedHashMap<>();
                for (Target endpoint : endpoints) {
                    Process relay = viaRelay ? DelayRelay.start(endpoint.port(), rtt) : null;
                    int port = relay != null ? Integer.parseInt(new java.io.BufferedReader(new java.io.InputStreamReader(
                            relay.getInputStream())).readLine().trim()) : endpoint.port();
                    if (relay != null) {
                        for (int i = 0; i < 3; i++) { // the relay's JIT warms up before anything is measured through it
                            Downloaders.h2load().download(endpoint.tls(), port, path, limitNanos);
                        }
                    }
                    try {
                        for (Map.Entry<String, Downloader> e : clients.entrySet()) {
                            String cell;
                            try {
                                Result r = best(e.getValue(), endpoint.tls(), port, path, limitNanos, BEST_OF);
                                cell = String.format("%.0f%s", r.megabytesPerSecond(), r.cut() ? "*" : "");
                            } catch (Exception ex) {
                                cell = "failed: " + (ex.getMessage() != null && ex.getMessage().startsWith("hung") ? "hung"
                                        : ex.getClass().getSimpleName());
                                System.err.println(e.getKey() + " @ " + label(endpoint) + " " + rtt + " ms: " + ex);
                            }
                            rows.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(cell);
                        }
                    } finally {
                        if (relay != null) {
                            relay.getOutputStream().close(); // the relay's signal to end
                            if (!relay.waitFor(10, TimeUnit.SECONDS)) {
                                relay.destroy();
                            }
                        }
                    }
                }
                System.out.printf("%n### RTT %d ms%s (load average before: %s, after: %s)%n%n", rtt,
                        viaRelay ? " (through the delaying relay)" : " (direct, no relay)", loadBefore, loadAverage());
                StringBuilder header = new StringBuilder("| client |");
                StringBuilder rule = new StringBuilder("|---|");
                for (Target endpoint : endpoints) {
                    header.append(' ').append(label(endpoint)).append(" |");
                    rule.append("---:|");
                }
                System.out.println(header);
                System.out.println(rule);
                for (Map.Entry<String, List<String>> row : rows.entrySet()) {
                    System.out.println("| " + row.getKey() + " | " + String.join(" | ", row.getValue()) + " |");
                }
            }
        }
    }

    /** The fastest of {@code runs} downloads. */
    private static Result best(Downloader d, boolean tls, int port, String path, long limitNanos, int runs) throws Exception {
        Result best = null;
        for (int i = 0; i < runs; i++) {
            Result r = bounded(d, tls, port, path, limitNanos);
            if (best == null || r.megabytesPerSecond() > best.megabytesPerSecond()) {
                best = r;
            }
        }
        return best;
    }

    /**
     * One download, given up 5 s after the time limit: a client whose read blocks forever (the JDK's HttpClient has
     * no body read timeout, and once stalled through the relay) must not stop the benchmark. Its thread is abandoned.
     */
    private static Result bounded(Downloader d, boolean tls, int port, String path, long limitNanos) throws Exception {
        java.util.concurrent.FutureTask<Result> task = new java.util.concurrent.FutureTask<>(() -> d.download(tls, port, path, limitNanos));
        Thread t = new Thread(task, "download");
        t.setDaemon(true);
        t.start();
        try {
            return task.get(limitNanos + TimeUnit.SECONDS.toNanos(5), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } catch (java.util.concurrent.TimeoutException e) {
            t.interrupt();
            throw new IllegalStateException("hung: no progress to the end within the limit");
        }
    }

    /** A column's name: "h2o TLS", "nghttpd h2c". */
    private static String label(Target t) {
        return t.server() + " " + t.security();
    }

    private static String loadAverage() throws Exception {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }
}
