package hyper.bench.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peer driver as CI runs it: {@code --smoke} counts against each real server (started by the driver, installed
 * by dev/test), every workload, TLS and h2c. Checks that it ran — a measured row for h2load and every client, the
 * table and the verdicts printed — not what it measured.
 */
class PeerDriverSmokeTest {
    private static final List<String> CLIENTS = List.of("h2load", "hyper async", "hyper blocking", "hyper blocking virtual",
            "OkHttp", "OkHttp blocking", "JDK HttpClient", "JDK HttpClient blocking", "Jetty", "Jetty blocking");

    @ParameterizedTest
    @ValueSource(strings = {"h2o", "nghttpd", "httpbin"})
    void everyClientRunsEveryWorkloadAgainst(String server, @TempDir Path work) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Row> rows = PeerDriver.run(PeerDriver.Options.parse("--smoke", "--servers", server, "--work", work.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String out = printed.toString(StandardCharsets.UTF_8);

        List<String> missing = new ArrayList<>();
        for (Workload w : Workload.values()) {
            for (String security : List.of("TLS", "h2c")) {
                for (String client : CLIENTS) {
                    boolean unsupported = (client.startsWith("JDK") && security.equals("h2c"))
                            || (client.endsWith("virtual") && Runtime.version().feature() < 21);
                    List<Row> found = rows.stream().filter(r -> r.workload() == w && r.security().equals(security)
                            && r.server().equals(server) && matches(r.client(), client)).toList();
                    if (found.size() != 1) {
                        missing.add(w.label + " " + security + " " + client + ": " + found.size() + " rows");
                    } else if (unsupported != !found.get(0).ok()) {
                        missing.add(w.label + " " + security + " " + client + ": " + found.get(0).note());
                    }
                }
            }
        }
        assertEquals(List.of(), missing, out);
        for (Row r : rows) {
            if (r.ok()) {
                assertTrue(r.measurement().serverCpuNanos() >= 0, "the server's CPU is read from /proc: " + r.format());
                long perRequest = r.workload() == Workload.BULK ? Plan.smoke().bulkBytes() : Plan.SMALL_BYTES;
                assertEquals(r.measurement().requests() * perRequest, r.measurement().octets(), r.format());
            }
        }
        assertTrue(out.contains(Row.HEADER), out);
        assertTrue(out.contains("Targets (issue 10)"), out);
        assertTrue(out.contains("wake-up floor (WakeCost, no I/O): "), out);
        assertTrue(out.contains("ceiling for any client waiting on a platform thread per request"), out);
    }

    /** Peers' rows carry their version: "OkHttp" is "OkHttp 5.5.1", and only "... blocking" is the blocking one. */
    private static boolean matches(String row, String client) {
        if (client.startsWith("hyper") || client.equals("h2load")) {
            return row.equals(client);
        }
        boolean blocking = client.endsWith(" blocking");
        String name = blocking ? client.substring(0, client.length() - " blocking".length()) : client;
        return row.startsWith(name) && row.endsWith(" blocking") == blocking;
    }
}
