package hyper.bench.hpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Turns JMH JSON results ({@code -rf json}) of the HPACK benchmarks into the Markdown tables of
 * {@code RESULTS.md}: time and allocation per header block, each implementation side by side, and hyper
 * against Netty.
 *
 * <p>Usage: {@code java -cp benchmarks.jar hyper.bench.hpack.ResultsTable result.json...}
 */
public final class ResultsTable {
    private static final String HYPER = "java";
    private static final String NETTY = "netty";

    private ResultsTable() {
    }

    /** One measured point: time and allocation per operation. */
    private record Point(double nsPerOp, double nsError, double nsMin, double bytesPerOp) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ResultsTable jmh-result.json...");
            System.exit(2);
        }
        // benchmark -> "input/table" -> codec -> point, in the order JMH ran them
        Map<String, Map<String, Map<String, Point>>> all = new LinkedHashMap<>();
        Set<String> codecs = new LinkedHashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            for (JsonNode run : json.readTree(new File(file))) {
                String benchmark = run.path("benchmark").asText();
                benchmark = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                JsonNode params = run.path("params");
                String codec = params.path("codec").asText();
                String row = params.path("input").asText() + "/" + params.path("table").asText();
                JsonNode primary = run.path("primaryMetric");
                if (!primary.path("scoreUnit").asText().equals("ns/op")) {
                    throw new IllegalArgumentException(file + ": expected ns/op (-bm avgt -tu ns)");
                }
                JsonNode secondary = run.path("secondaryMetrics");
                JsonNode alloc = secondary.has("gc.alloc.rate.norm") ? secondary.path("gc.alloc.rate.norm")
                        : secondary.path("\u00b7gc.alloc.rate.norm");
                double min = Double.POSITIVE_INFINITY;
                for (JsonNode fork : primary.path("rawData")) {
                    for (JsonNode iteration : fork) {
                        min = Math.min(min, iteration.asDouble());
                    }
                }
                Point p = new Point(primary.path("score").asDouble(), primary.path("scoreError").asDouble(), min,
                        alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble());
                all.computeIfAbsent(benchmark, b -> new LinkedHashMap<>())
                        .computeIfAbsent(row, r -> new LinkedHashMap<>())
                        .put(codec, p);
                codecs.add(codec);
            }
        }
        Map<String, Integer> blocks = new LinkedHashMap<>();
        for (String input : Inputs.NAMES) {
            blocks.put(input, Inputs.blockCount(Inputs.named(input)));
        }
        for (Map.Entry<String, Map<String, Map<String, Point>>> b : all.entrySet()) {
            print(System.out, b.getKey(), b.getValue(), List.copyOf(codecs), blocks);
        }
    }

    private static void print(PrintStream out, String benchmark, Map<String, Map<String, Point>> rows,
            List<String> allCodecs, Map<String, Integer> blocks) {
        List<String> codecs = new ArrayList<>();
        for (String c : allCodecs) {
            for (Map<String, Point> r : rows.values()) {
                if (r.containsKey(c) && !codecs.contains(c)) {
                    codecs.add(c);
                }
            }
        }
        out.printf("### %s: ns per header block (± JMH 99.9%% error)%n%n", benchmark);
        header(out, codecs, HYPER + "/" + NETTY + " time");
        for (Map.Entry<String, Map<String, Point>> r : rows.entrySet()) {
            int n = blocks.get(r.getKey().substring(0, r.getKey().indexOf('/')));
            StringBuilder line = new StringBuilder("| " + r.getKey().replace('/', ' ') + " |");
            for (String c : codecs) {
                Point p = r.getValue().get(c);
                line.append(p == null ? " – |" : String.format(Locale.ROOT, " %s ± %s |",
                        num(p.nsPerOp / n), num(p.nsError / n)));
            }
            line.append(ratio(r.getValue(), Point::nsPerOp)).append(" |");
            out.println(line);
        }
        out.printf("%n### %s: ns per header block, best measurement iteration%n%n", benchmark);
        table(out, codecs, rows, blocks, Point::nsMin, "time");
        out.printf("%n### %s: bytes allocated per header block (gc.alloc.rate.norm)%n%n", benchmark);
        table(out, codecs, rows, blocks, Point::bytesPerOp, "alloc");
        out.println();
    }

    private static void table(PrintStream out, List<String> codecs, Map<String, Map<String, Point>> rows,
            Map<String, Integer> blocks, ToDoubleFunction<Point> metric, String what) {
        header(out, codecs, HYPER + "/" + NETTY + " " + what);
        for (Map.Entry<String, Map<String, Point>> r : rows.entrySet()) {
            int n = blocks.get(r.getKey().substring(0, r.getKey().indexOf('/')));
            StringBuilder line = new StringBuilder("| " + r.getKey().replace('/', ' ') + " |");
            for (String c : codecs) {
                Point p = r.getValue().get(c);
                line.append(p == null ? " – |" : " " + num(metric.applyAsDouble(p) / n) + " |");
            }
            line.append(ratio(r.getValue(), metric)).append(" |");
            out.println(line);
        }
    }

    private static void header(PrintStream out, List<String> codecs, String ratioTitle) {
        StringBuilder h = new StringBuilder("| input table |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String c : codecs) {
            h.append(' ').append(c).append(" |");
            rule.append("---:|");
        }
        out.println(h.append(' ').append(ratioTitle).append(" |"));
        out.println(rule.append("---:|"));
    }

    private static String ratio(Map<String, Point> row, ToDoubleFunction<Point> metric) {
        Point ours = row.get(HYPER);
        Point theirs = row.get(NETTY);
        if (ours == null || theirs == null || metric.applyAsDouble(theirs) == 0) {
            return " –";
        }
        return String.format(Locale.ROOT, " %.2f", metric.applyAsDouble(ours) / metric.applyAsDouble(theirs));
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
