package hyper.bench.driver;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The targets, checked against a run's rows (small requests) and printed after the table. Target 2 also gets
 * its ceiling on this machine: a client that parks one platform thread per request in flight pays at least one
 * wake-up per request ({@code wake}, measured with no I/O), on top of the least client work seen in the cell
 * (h2load's) and the least server work; all three share the machine's CPUs, so their sum bounds the rate.
 */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * The most requests a second any client with a platform thread waiting per request could do in a cell.
     *
     * @param wakeMicros CPU of one park and unpark
     * @param clientMicros the least client CPU per request in the cell (h2load's)
     * @param serverMicros the least server CPU per request in the cell
     */
    record Ceiling(double rate, double wakeMicros, double clientMicros, double serverMicros, int cpus) {
        String describe() {
            return String.format(Locale.ROOT, "%.0f req/s (%d cpus / (%.1f µs a wake-up + %.1f µs h2load's client CPU "
                    + "+ %.1f µs the server's, per request))", rate, cpus, wakeMicros, clientMicros, serverMicros);
        }
    }

    /** The ceiling of {@link Ceiling} for the cell of {@code like}, if the run measured what it needs. */
    static Optional<Ceiling> ceiling(List<Row> rows, Row like, WakeCost.Result wake, int cpus) {
        if (wake == null) {
            return Optional.empty();
        }
        Optional<Row> h2load = best(rows, like, r -> r.client().equals(H2load.NAME));
        double server = rows.stream().filter(r -> r.ok() && same(r, like))
                .mapToDouble(r -> r.measurement().serverCpuMicrosPerRequest()).filter(v -> !Double.isNaN(v)).min()
                .orElse(Double.NaN);
        if (h2load.isEmpty() || Double.isNaN(h2load.get().measurement().cpuMicrosPerRequest()) || Double.isNaN(server)) {
            return Optional.empty();
        }
        double client = h2load.get().measurement().cpuMicrosPerRequest();
        double perRequest = wake.cpuMicrosPerWake() + client + server;
        return Optional.of(new Ceiling(cpus * 1e6 / perRequest, wake.cpuMicrosPerWake(), client, server, cpus));
    }

    static void print(List<Row> rows, WakeCost.Result wake, int cpus, PrintStream out) {
        out.println("Targets (issue 10), small requests, per server:");
        for (Row h : rows) {
            if (!h.ok() || !h.client().equals("hyper async") || h.workload() != Workload.SMALL) {
                continue;
            }
            String where = h.security() + " " + h.server();
            if (h.security().equals("TLS")) {
                out.printf(Locale.ROOT, "- %s: hyper async at %.0f%% of h2load (target >= 50%%)%n", where, 100 * h.vsH2load());
            }
            Predicate<Row> peer = r -> !r.client().startsWith("hyper") && !r.client().equals(H2load.NAME);
            Optional<Row> bestPeer = best(rows, h, peer);
            Optional<Row> bestBlockingPeer = best(rows, h, peer.and(r -> r.client().endsWith(" blocking")));
            for (String hyper : List.of("hyper blocking", "hyper blocking virtual")) {
                Optional<Row> b = best(rows, h, r -> r.client().equals(hyper));
                if (b.isPresent() && bestPeer.isPresent()) {
                    double target = 3 * rate(bestPeer.get());
                    out.printf(Locale.ROOT, "- %s: %s at %.1fx the best Java peer, %s%s (target >= 3x: %.0f req/s)%n", where,
                            hyper, rate(b.get()) / rate(bestPeer.get()), bestPeer.get().client(),
                            bestBlockingPeer.map(p -> String.format(Locale.ROOT, "; %.1fx the best peer on as many threads, %s",
                                    rate(b.get()) / rate(p), p.client())).orElse(""), target);
                    if (hyper.equals("hyper blocking")) {
                        ceiling(rows, h, wake, cpus).ifPresent(c -> out.printf(Locale.ROOT,
                                "  ceiling for any client waiting on a platform thread per request: %s; 3x is %s it%n",
                                c.describe(), target > c.rate() ? "above" : "within"));
                    }
                }
            }
            Optional<Row> okhttp = best(rows, h, r -> r.client().startsWith("OkHttp") && !r.client().endsWith(" blocking"));
            Optional<Row> blocking = best(rows, h, r -> r.client().equals("hyper blocking"));
            if (okhttp.isPresent()) {
                double ok = okhttp.get().measurement().allocatedPerRequest();
                out.printf(Locale.ROOT, "- %s: allocation per request, hyper async %.0f%% and blocking %s of OkHttp's (target <= 25%%)%n",
                        where, 100 * h.measurement().allocatedPerRequest() / ok,
                        blocking.map(b -> String.format(Locale.ROOT, "%.0f%%", 100 * b.measurement().allocatedPerRequest() / ok))
                                .orElse("n/a"));
            }
        }
    }

    private static Optional<Row> best(List<Row> rows, Row like, Predicate<Row> which) {
        return rows.stream().filter(r -> r.ok() && same(r, like) && which.test(r))
                .max((a, b) -> Double.compare(rate(a), rate(b)));
    }

    private static double rate(Row r) {
        return r.measurement().requestsPerSecond();
    }

    private static boolean same(Row a, Row b) {
        return a.workload() == b.workload() && a.security().equals(b.security()) && a.server().equals(b.server());
    }
}
