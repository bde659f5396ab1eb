package hyper.bench.driver;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The peer driver (issue 10): in one run on one machine, starts local servers (h2o with one thread, nghttpd, and
 * hyper.httpbin, each over TLS and h2c), then measures the same workloads for hyper (async and blocking), OkHttp,
 * the JDK HttpClient, Jetty and h2load, and prints a markdown table with each client's ratio to h2load, its CPU
 * time and allocation per request, and the load average while it ran.
 *
 * <pre>
 *   hyper.bench/driver.sh [options]                       (builds, then runs this class)
 *   java -cp ... hyper.bench.driver.PeerDriver [options]
 * </pre>
 * Options (defaults: the full plan):
 * <pre>
 *   --smoke                 tiny counts (CI): checks that everything runs
 *   --requests N            small GETs per round (100000)
 *   --bulk-bytes N          size of the bulk GET (104857600)
 *   --connections N         connections of the many workload (8)
 *   --streams N             requests in flight per connection (100)
 *   --threads N             threads of hyper's blocking client per connection (100)
 *   --rounds N              measured rounds, median reported (3)
 *   --warmup N              small GETs per client before the rounds (20000)
 *   --servers a,b           of h2o, nghttpd, httpbin (all)
 *   --clients a,b           of hyper-async, hyper-blocking, hyper-virtual (blocking on virtual threads, Java 21+),
 *                           hyper-async-openssl, hyper-blocking-openssl (TLS through hyper.tls.openssl),
 *                           okhttp, okhttp-blocking, jdk, jdk-blocking, jetty, jetty-blocking (all; h2load always
 *                           runs). Peers run asynchronously ({@code enqueue}, {@code sendAsync}, a listener) and,
 *                           as "blocking", with as many threads as hyper's blocking client.
 *   --workloads a,b         of small, bulk, many (all)
 *   --security a,b          of tls, h2c (both)
 *   --jdk PATH              run the driver under this JDK instead (repeatable: one table per JDK)
 *   --work DIR              where server files and logs go (a new temporary directory)
 * </pre>
 */
public final class PeerDriver {
    static final Map<String, PeerClient> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put("hyper-async", new HyperClients.Async(false));
        CLIENTS.put("hyper-blocking", new HyperClients.Blocking(false, false));
        CLIENTS.put("hyper-virtual", new HyperClients.Blocking(true, false));
        CLIENTS.put("hyper-async-openssl", new HyperClients.Async(true));
        CLIENTS.put("hyper-blocking-openssl", new HyperClients.Blocking(false, true));
        CLIENTS.put("okhttp", new OkHttpPeer(false));
        CLIENTS.put("okhttp-blocking", new OkHttpPeer(true));
        CLIENTS.put("jdk", new JdkPeer(false));
        CLIENTS.put("jdk-blocking", new JdkPeer(true));
        CLIENTS.put("jetty", new JettyPeer(false));
        CLIENTS.put("jetty-blocking", new JettyPeer(true));
    }

    /** Parsed command line. */
    record Options(Plan plan, List<String> servers, List<String> clients, List<Workload> workloads, List<Boolean> security,
            List<String> jdks, Path work) {
        static Options parse(String... args) {
            Plan p = Plan.full();
            long requests = p.requests();
            long bulkBytes = p.bulkBytes();
            int connections = p.connections();
            int streams = p.streams();
            int threads = p.threads();
            int rounds = p.rounds();
            long warmup = p.warmup();
            List<String> servers = Servers.ALL;
            List<String> clients = List.copyOf(CLIENTS.keySet());
            List<Workload> workloads = List.of(Workload.values());
            List<Boolean> security = List.of(true, false);
            List<String> jdks = new ArrayList<>();
            Path work = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--smoke" -> {
                        Plan s = Plan.smoke();
                        requests = s.requests();
                        bulkBytes = s.bulkBytes();
                        connections = s.connections();
                        streams = s.streams();
                        threads = s.threads();
                        rounds = s.rounds();
                        warmup = s.warmup();
                    }
                    case "--requests" -> requests = Long.parseLong(value(args, ++i));
                    case "--bulk-bytes" -> bulkBytes = Long.parseLong(value(args, ++i));
                    case "--connections" -> connections = Integer.parseInt(value(args, ++i));
                    case "--streams" -> streams = Integer.parseInt(value(args, ++i));
                    case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                    case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                    case "--warmup" -> warmup = Long.parseLong(value(args, ++i));
                    case "--servers" -> servers = list(value(args, ++i));
                    case "--clients" -> clients = list(value(args, ++i));
                    case "--workloads" -> workloads = list(value(args, ++i)).stream().map(Workload::parse).toList();
                    case "--security" -> security = list(value(args, ++i)).stream().map(PeerDriver::parseSecurity).toList();
                    case "--jdk" -> jdks.add(value(args, ++i));
                    case "--work" -> work = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            for (String c : clients) {
                if (!CLIENTS.containsKey(c)) {
                    throw new IllegalArgumentException("unknown client '" + c + "' (" + String.join(", ", CLIENTS.keySet()) + ")");
                }
            }
            if (requests < 1 || bulkBytes < 1 || connections < 1 || streams < 1 || threads < 1 || rounds < 1 || warmup < 0) {
                throw new IllegalArgumentException("counts must be positive");
            }
            return new Options(new Plan(requests, bulkBytes, 1, connections, streams, threads, rounds, warmup), servers, clients,
                    workloads, security, jdks, work);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static List<String> list(String s) {
            return Stream.of(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
    }

    private PeerDriver() {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PeerDriver: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (!o.jdks().isEmpty()) {
            System.exit(relaunch(o, args));
        }
        List<Row> rows = run(o, System.out);
        System.exit(rows.stream().allMatch(r -> r.ok() || r.note().startsWith("unsupported")) ? 0 : 1);
    }

    /** Runs the driver again under each {@code --jdk}, with this JVM's options and class path; the worst exit status. */
    private static int relaunch(Options o, String[] args) throws IOException, InterruptedException {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jdk")) {
                i++;
            } else {
                rest.add(args[i]);
            }
        }
        int status = 0;
        for (String jdk : o.jdks()) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(jdk, "bin", "java").toString());
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerDriver.class.getName()));
            cmd.addAll(rest);
            status = Math.max(status, new ProcessBuilder(cmd).inheritIO().start().waitFor());
        }
        return status;
    }

    /** Starts the servers, measures every client, prints the table to {@code out} and returns its rows. */
    public static List<Row> run(Options o, PrintStream out) throws Exception {
        H2load.require();
        Path work = o.work() != null ? Files.createDirectories(o.work()) : Files.createTempDirectory("hyper-peer-driver");
        out.printf("# hyper peer driver, %s%n", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.printf("java %s (%s, %s), %d cpus, load at start %s%n", System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("java.home"), Runtime.getRuntime().availableProcessors(),
                loadAverages());
        Plan p = o.plan();
        out.printf("plan: %d small GETs of 1 KiB per round, bulk %d octets, many = %d connections, %d streams per "
                + "connection, hyper blocking %d threads per connection, %d rounds (median), warm-up %d; allocation: %s%n",
                p.requests(), p.bulkBytes(), p.connections(), p.streams(), p.threads(), p.rounds(), p.warmup(),
                Costs.allocationMethod());
        WakeCost.Result wake = null;
        if (o.workloads().contains(Workload.SMALL)) {
            // target 2's floor, before any server runs: what parking and waking one platform thread costs here
            wake = WakeCost.floor(p.threads(), Math.min(300_000, Math.max(3_000, 3 * p.requests())));
            out.printf("wake-up floor (WakeCost, no I/O): %s%n", wake.describe());
        }
        out.flush();
        List<Row> rows = new ArrayList<>();
        try (Servers servers = Servers.start(o.servers(), work, p.bulkBytes(), out)) {
            Trust trust = Trust.of(servers.certificates());
            for (Workload w : o.workloads()) {
                for (boolean tls : o.security()) {
                    for (Target t : servers.targets()) {
                        if (t.tls() == tls) {
                            rows.addAll(measureTarget(t, w, p, o.clients(), trust, work, () -> servers.cpuNanos(t), out));
                        }
                    }
                }
            }
        }
        out.println();
        out.println(Row.HEADER);
        out.println(Row.RULE);
        for (Row r : rows) {
            out.println(r.format());
        }
        out.println();
        Verdicts.print(rows, wake, Runtime.getRuntime().availableProcessors(), out);
        out.flush();
        return rows;
    }

    /** h2load and every client against one target: warm-ups first, then the rounds interleaved. */
    private static List<Row> measureTarget(Target t, Workload w, Plan p, List<String> clientNames, Trust trust, Path work,
            LongSupplier serverCpu, PrintStream out) throws Exception {
        out.printf("-- %s %s %s%n", w.label, t.security(), t.server());
        out.flush();
        long requests = w.requests(p);
        Map<String, List<Measurement>> results = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, Double> loads = new LinkedHashMap<>();
        Map<String, PeerClient.Session> sessions = new LinkedHashMap<>();
        results.put(H2load.NAME, new ArrayList<>());
        loads.put(H2load.NAME, load1());
        try {
            H2load.run(t, w, p, Math.max(1, w.warmup(p)), work, serverCpu); // warms the server (httpbin's JIT) before anyone is measured
        } catch (IOException e) {
            notes.put(H2load.NAME, "failed: " + e.getMessage());
        }
        for (String name : clientNames) {
            PeerClient c = CLIENTS.get(name);
            String why = c.unsupported(t, w);
            if (why != null) {
                notes.put(c.name(), "unsupported: " + why);
                continue;
            }
            try {
                PeerClient.Session s = c.open(t, w, p, trust);
                sessions.put(c.name(), s);
                if (w.warmup(p) > 0) {
                    check(s.run(w.warmup(p)), w.warmup(p), w, p);
                }
                results.put(c.name(), new ArrayList<>());
                loads.put(c.name(), load1());
            } catch (Exception e) {
                notes.put(c.name(), "failed: " + describe(e));
            }
        }
        try {
            for (int round = 0; round < p.rounds(); round++) {
                if (!notes.containsKey(H2load.NAME)) {
                    try {
                        results.get(H2load.NAME).add(H2load.run(t, w, p, requests, work, serverCpu));
                    } catch (IOException e) {
                        notes.put(H2load.NAME, "failed: " + e.getMessage());
                    }
                }
                for (Map.Entry<String, PeerClient.Session> e : sessions.entrySet()) {
                    if (notes.containsKey(e.getKey())) {
                        continue;
                    }
                    try {
                        results.get(e.getKey()).add(measure(e.getValue(), requests, w, p, serverCpu));
                    } catch (Exception ex) {
                        notes.put(e.getKey(), "failed: " + describe(ex));
                    }
                }
            }
        } finally {
            for (Map.Entry<String, PeerClient.Session> e : sessions.entrySet()) {
                try {
                    e.getValue().close();
                } catch (Exception ex) {
                    notes.putIfAbsent(e.getKey(), "failed closing: " + describe(ex));
                }
            }
        }
        Measurement reference = notes.containsKey(H2load.NAME) ? null : median(results.get(H2load.NAME));
        List<Row> rows = new ArrayList<>();
        List<String> order = new ArrayList<>(results.keySet());
        for (String n : notes.keySet()) {
            if (!order.contains(n)) {
                order.add(n);
            }
        }
        for (String name : order) {
            String note = notes.get(name);
            Measurement m = note == null ? median(results.get(name)) : null;
            double ratio = m == null || reference == null ? Double.NaN
                    : w == Workload.BULK ? m.mebibytesPerSecond() / reference.mebibytesPerSecond()
                    : m.requestsPerSecond() / reference.requestsPerSecond();
            Row r = new Row(w, t.security(), t.server(), name, m, ratio, note, loads.getOrDefault(name, load1()));
            out.println(r.format());
            out.flush();
            rows.add(r);
        }
        return rows;
    }

    private static Measurement measure(PeerClient.Session s, long requests, Workload w, Plan p, LongSupplier serverCpu)
            throws Exception {
        System.gc(); // the previous client's garbage is not this one's cost
        long server = serverCpu.getAsLong();
        long cpu = Costs.processCpuNanos();
        long allocated = Costs.allocatedBytes();
        long start = System.nanoTime();
        long octets = s.run(requests);
        long nanos = System.nanoTime() - start;
        long cpuUsed = Costs.processCpuNanos() - cpu;
        long allocatedNow = Costs.allocatedBytes() - allocated;
        long serverNow = serverCpu.getAsLong();
        check(octets, requests, w, p);
        return new Measurement(requests, octets, nanos, cpuUsed, allocatedNow, server < 0 || serverNow < 0 ? -1 : serverNow - server);
    }

    private static void check(long octets, long requests, Workload w, Plan p) {
        long expected = requests * (w == Workload.BULK ? p.bulkBytes() : Plan.SMALL_BYTES);
        if (octets != expected) {
            throw new IllegalStateException("received " + octets + " body octets, expected " + expected);
        }
    }

    private static Measurement median(List<Measurement> ms) {
        List<Measurement> sorted = new ArrayList<>(ms);
        sorted.sort(Comparator.comparingDouble(m -> m.octets() / (double) m.nanos()));
        return sorted.get(sorted.size() / 2);
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static boolean parseSecurity(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "tls" -> true;
            case "h2c" -> false;
            default -> throw new IllegalArgumentException("unknown security '" + s + "' (tls, h2c)");
        };
    }

    /** The 1-minute load average, or NaN. */
    static double load1() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String loadAverages() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", load1());
        }
    }
}
