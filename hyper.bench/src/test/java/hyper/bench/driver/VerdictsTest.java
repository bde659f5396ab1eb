package hyper.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target 2's ceiling: the arithmetic, from which rows it takes its terms, and the verdict line it prints. */
class VerdictsTest {
    private static final WakeCost.Result WAKE = new WakeCost.Result(100, 1_000_000, 7_500_000_000L, 14_000_000_000L); // 14 µs

    /** A 100,000-request small row: {@code cpuMicros} and {@code serverMicros} per request, {@code rate} a second. */
    private static Row row(String server, String client, double rate, double cpuMicros, double serverMicros) {
        long requests = 100_000;
        Measurement m = new Measurement(requests, requests * Plan.SMALL_BYTES, (long) (requests * 1e9 / rate),
                (long) (cpuMicros * 1e3 * requests), 1000 * requests, serverMicros < 0 ? -1 : (long) (serverMicros * 1e3 * requests));
        return new Row(Workload.SMALL, "TLS", server, client, m, Double.NaN, null, 1.0);
    }

    /** The h2o cell: h2load, hyper async and blocking, and Jetty doing {@code jettyRate} requests a second. */
    private static List<Row> h2oCell(double jettyRate) {
        return List.of(
                row("h2o", "h2load", 190_000, 2.5, 3.0),
                row("h2o", "hyper async", 100_000, 7.0, 2.5),
                row("h2o", "hyper blocking", 45_000, 30.0, 3.5),
                row("h2o", "Jetty 12", jettyRate, 45.0, 4.0));
    }

    @Test
    void ceilingAddsTheWakeH2loadsClientCpuAndTheLeastServerCpu() {
        List<Row> rows = new java.util.ArrayList<>(h2oCell(35_000));
        rows.add(row("nghttpd", "hyper async", 100_000, 7.0, 0.5)); // another server's cell: not taken

        Verdicts.Ceiling c = Verdicts.ceiling(rows, rows.get(1), WAKE, 2).orElseThrow();

        assertEquals(14.0, c.wakeMicros(), 1e-9);
        assertEquals(2.5, c.clientMicros(), 1e-9);
        assertEquals(2.5, c.serverMicros(), 1e-9);
        assertEquals(2e6 / (14.0 + 2.5 + 2.5), c.rate(), 1e-6);
    }

    @Test
    void noCeilingWithoutTheServersCpuOrAWakeFloor() {
        List<Row> rows = List.of(row("h2o", "h2load", 190_000, 2.5, -1), row("h2o", "hyper async", 100_000, 7.0, -1));

        assertTrue(Verdicts.ceiling(rows, rows.get(1), WAKE, 2).isEmpty());
        assertTrue(Verdicts.ceiling(List.of(row("h2o", "h2load", 1, 1, 1), row("h2o", "hyper async", 1, 1, 1)),
                row("h2o", "hyper async", 1, 1, 1), null, 2).isEmpty());
    }

    @Test
    void printsTheTargetRateAndWhetherItIsAboveTheCeiling() {
        List<Row> rows = h2oCell(40_000);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Verdicts.print(rows, WAKE, 2, new PrintStream(printed, true, StandardCharsets.UTF_8));

        String out = printed.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("- TLS h2o: hyper blocking at 1.1x the best Java peer, Jetty 12 (target >= 3x: 120000 req/s)"), out);
        assertTrue(out.contains("ceiling for any client waiting on a platform thread per request: 105263 req/s (2 cpus / "
                + "(14.0 µs a wake-up + 2.5 µs h2load's client CPU + 2.5 µs the server's, per request)); 3x is above it"), out);
    }
}
