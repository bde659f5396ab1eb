package hyper.bench.driver;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** The targets, checked against a run's rows (small requests) and printed after the table. */
final class Verdicts {
    private Verdicts() {
    }

    static void print(List<Row> rows, PrintStream out) {
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
                    out.printf(Locale.ROOT, "- %s: %s at %.1fx the best Java peer, %s%s (target >= 3x)%n", where, hyper,
                            rate(b.get()) / rate(bestPeer.get()), bestPeer.get().client(),
                            bestBlockingPeer.map(p -> String.format(Locale.ROOT, "; %.1fx the best peer on as many threads, %s",
                                    rate(b.get()) / rate(p), p.client())).orElse(""));
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
