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

/**
 * Turns JMH JSON results ({@code -rf json}) of the HPACK benchmarks into the Markdown tables of
 * {@code RESULTS.md}: per header block, CPU time ({@link CpuTimeProfiler}), wall time and allocation
 * ({@code -prof gc}), each implementation side by side, and hyper against Netty.
 *
 * <p>Usage: {@code java -cp benchmarks.jar hyper.bench.hpack.ResultsTable result.json...}
 */
public final class ResultsTable {
    /**
     * The ratio columns, hyper first: each hyper setting against the Netty setting that codes strings the same
     * way; plain java/netty only when neither pairing is in the results (decoding, where all read one stream).
     */
    private static final List<List<String>> PAIRS = List.of(
            List.of("java", "netty-huff"), List.of("java-t512", "netty"));
    private static final List<String> FALLBACK = List.of("java", "netty");

    private ResultsTable() {
    }

    /** One metric of one benchmark point, per operation. */
    private record Value(double score, double error) {
        static final Value MISSING = new Value(Double.NaN, Double.NaN);
    }

    /** The tables printed per benchmark: title, JSON metric name (null = primary), whether to show the error. */
    private record Metric(String title, String name, boolean withError, String ratioTitle) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("CPU ns per header block, whole JVM (cpu.process.norm ± 99.9% error)", "cpu.process.norm",
                    true, "time"),
            new Metric("wall-clock ns per header block (JMH score ± 99.9% error)", null, true, "time"),
            new Metric("bytes allocated per header block (gc.alloc.rate.norm)", "gc.alloc.rate.norm", false,
                    "alloc"));

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ResultsTable jmh-result.json...");
            System.exit(2);
        }
        // benchmark -> "input/table" -> codec -> metric name ("" = primary) -> value, in the order JMH ran them
        Map<String, Map<String, Map<String, Map<String, Value>>>> all = new LinkedHashMap<>();
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
                Map<String, Value> values = new LinkedHashMap<>();
                values.put("", value(primary));
                for (Map.Entry<String, JsonNode> m : run.path("secondaryMetrics").properties()) {
                    values.put(m.getKey().replace("\u00b7", ""), value(m.getValue()));
                }
                all.computeIfAbsent(benchmark, b -> new LinkedHashMap<>())
                        .computeIfAbsent(row, r -> new LinkedHashMap<>())
                        .put(codec, values);
                codecs.add(codec);
            }
        }
        Map<String, Integer> blocks = new LinkedHashMap<>();
        for (String input : Inputs.NAMES) {
            blocks.put(input, Inputs.blockCount(Inputs.named(input)));
        }
        for (Map.Entry<String, Map<String, Map<String, Map<String, Value>>>> b : all.entrySet()) {
            List<String> present = new ArrayList<>();
            for (String c : codecs) {
                for (Map<String, Map<String, Value>> r : b.getValue().values()) {
                    if (r.containsKey(c) && !present.contains(c)) {
                        present.add(c);
                    }
                }
            }
            for (Metric m : METRICS) {
                print(System.out, b.getKey(), m, b.getValue(), present, blocks);
            }
        }
    }

    private static Value value(JsonNode metric) {
        return new Value(metric.path("score").asDouble(Double.NaN), metric.path("scoreError").asDouble(Double.NaN));
    }

    private static void print(PrintStream out, String benchmark, Metric metric,
            Map<String, Map<String, Map<String, Value>>> rows, List<String> codecs, Map<String, Integer> blocks) {
        String key = metric.name == null ? "" : metric.name;
        out.printf("### %s: %s%n%n", benchmark, metric.title);
        StringBuilder h = new StringBuilder("| input, table |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String c : codecs) {
            h.append(' ').append(c).append(" |");
            rule.append("---:|");
        }
        List<List<String>> pairs = new ArrayList<>();
        for (List<String> p : PAIRS) {
            if (codecs.containsAll(p)) {
                pairs.add(p);
            }
        }
        if (pairs.isEmpty()) {
            pairs.add(FALLBACK);
        }
        for (List<String> p : pairs) {
            h.append(' ').append(p.get(0)).append('/').append(p.get(1)).append(' ').append(metric.ratioTitle).append(" |");
            rule.append("---:|");
        }
        out.println(h);
        out.println(rule);
        for (Map.Entry<String, Map<String, Map<String, Value>>> r : rows.entrySet()) {
            int n = blocks.get(r.getKey().substring(0, r.getKey().indexOf('/')));
            StringBuilder line = new StringBuilder("| " + r.getKey().replace("/", ", ") + " |");
            for (String c : codecs) {
                Value v = r.getValue().containsKey(c)
                        ? r.getValue().get(c).getOrDefault(key, Value.MISSING) : Value.MISSING;
                line.append(' ').append(num(v.score / n));
                if (metric.withError && !Double.isNaN(v.score)) {
                    line.append(" ± ").append(num(v.error / n));
                }
                line.append(" |");
            }
            for (List<String> p : pairs) {
                Value ours = r.getValue().containsKey(p.get(0))
                        ? r.getValue().get(p.get(0)).getOrDefault(key, Value.MISSING) : Value.MISSING;
                Value theirs = r.getValue().containsKey(p.get(1))
                        ? r.getValue().get(p.get(1)).getOrDefault(key, Value.MISSING) : Value.MISSING;
                line.append(theirs.score > 0 && !Double.isNaN(ours.score)
                        ? String.format(Locale.ROOT, " %.2f |", ours.score / theirs.score) : " – |");
            }
            out.println(line);
        }
        out.println();
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
