package hyper.bench.driver;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets, checked against a run's rows and printed after the table. */
final class Verdicts {
    private Verdicts() {
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println("Targets (issue 10), per server:");
        for (Row h : rows) {
            if (!h.ok() || !h.client().equals("hyper async") || h.workload() != Workload.SMALL) {
                continue;
            }
            String where = h.workload().label + " " + h.security() + " " + h.server();
            if (h.security().equals("TLS")) {
                out.printf(Locale.ROOT, "- %s: hyper async at %.0f%% of h2load (target >= 50%%)%n", where, 100 * h.vsH2load());
            }
            Optional<Row> blocking = find(rows, h, "hyper blocking");
            Optional<Row> bestPeer = rows.stream()
                    .filter(r -> r.ok() && same(r, h) && !r.client().startsWith("hyper") && !r.client().equals(H2load.NAME))
                    .max((a, b) -> Double.compare(a.measurement().requestsPerSecond(), b.measurement().requestsPerSecond()));
            if (blocking.isPresent() && bestPeer.isPresent()) {
                out.printf(Locale.ROOT, "- %s: hyper blocking at %.1fx the best Java peer, %s (target >= 3x)%n", where,
                        blocking.get().measurement().requestsPerSecond() / bestPeer.get().measurement().requestsPerSecond(),
                        bestPeer.get().client());
            }
            Optional<Row> okhttp = rows.stream().filter(r -> r.ok() && same(r, h) && r.client().startsWith("OkHttp")).findFirst();
            if (okhttp.isPresent()) {
                double ok = okhttp.get().measurement().allocatedPerRequest();
                out.printf(Locale.ROOT, "- %s: allocation per request, hyper async %.0f%% and blocking %s of OkHttp's (target <= 25%%)%n",
                        where, 100 * h.measurement().allocatedPerRequest() / ok,
                        blocking.map(b -> String.format(Locale.ROOT, "%.0f%%", 100 * b.measurement().allocatedPerRequest() / ok))
                                .orElse("n/a"));
            }
        }
    }

    private static Optional<Row> find(List<Row> rows, Row like, String client) {
        return rows.stream().filter(r -> r.ok() && same(r, like) && r.client().equals(client)).findFirst();
    }

    private static boolean same(Row a, Row b) {
        return a.workload() == b.workload() && a.security().equals(b.security()) && a.server().equals(b.server());
    }
}
