package hyper.bench.driver;

import java.util.Locale;

/**
 * One line of the table: a client's median round against one target and workload.
 *
 * @param measurement null when the client failed or cannot run this
 * @param vsH2load the client's rate over h2load's, NaN when unknown
 * @param note why there is no measurement, or null
 * @param load the 1-minute load average when the client's rounds started
 */
record Row(Workload workload, String security, String server, String client, Measurement measurement, double vsH2load,
        String note, double load) {

    boolean ok() {
        return measurement != null;
    }

    static final String HEADER = "| workload | sec | server | client | rate | vs h2load | CPU | alloc | server CPU | load | note |";
    static final String RULE = "|---|---|---|---|--:|--:|--:|--:|--:|--:|---|";

    /** The row as a markdown table line. */
    String format() {
        Measurement m = measurement;
        String rate = "";
        String cpu = "";
        String alloc = "";
        String serverCpu = "";
        if (m != null) {
            boolean bulk = workload == Workload.BULK;
            double perUnit = bulk ? m.octets() / (double) (1 << 20) : m.requests(); // bulk costs are per MiB
            String unit = bulk ? "/MiB" : "/req";
            rate = bulk ? String.format(Locale.ROOT, "%.0f MiB/s", m.mebibytesPerSecond())
                    : String.format(Locale.ROOT, "%.0f req/s", m.requestsPerSecond());
            cpu = m.cpuNanos() < 0 ? "—" : String.format(Locale.ROOT, "%.1f µs%s", m.cpuNanos() / 1e3 / perUnit, unit);
            alloc = m.allocatedBytes() < 0 ? "—" : bytes(m.allocatedBytes() / perUnit) + unit;
            serverCpu = m.serverCpuNanos() < 0 ? "—" : String.format(Locale.ROOT, "%.1f µs%s", m.serverCpuNanos() / 1e3 / perUnit, unit);
        }
        String ratio = Double.isNaN(vsH2load) ? "" : String.format(Locale.ROOT, "%.2f", vsH2load);
        return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1f | %s |", workload.label,
                security, server, client, rate, ratio, cpu, alloc, serverCpu, load, note == null ? "" : note);
    }

    private static String bytes(double b) {
        return b >= 10 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", b / 1024) : String.format(Locale.ROOT, "%.0f B", b);
    }
}
