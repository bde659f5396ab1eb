package hyper.bench.headers;

import hyper.api.HeaderMap;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link HeaderMap} operations on a typical response's eight fields: building it (from strings, from the decoder's
 * octets, from a {@code Map}), looking up (present, absent, a comma-separated list that is split), replacing,
 * removing, and iterating.
 *
 * <pre>
 *   java -cp ... org.openjdk.jmh.Main HeaderMapBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderMapBenchmark {
    private static final String[] FIELDS = {
        "server", "h2o/2.2.6",
        "date", "Tue, 25 Nov 2026 10:00:00 GMT",
        "content-type", "application/octet-stream",
        "last-modified", "Tue, 25 Nov 2026 09:00:00 GMT",
        "etag", "\"6925d0a0-400\"",
        "accept-ranges", "bytes",
        "vary", "accept-encoding, origin",
        "content-length", "1024",
    };

    private byte[][] names;
    private byte[][] values;
    private Map<String, String> asMap;
    private HeaderMap map;

    @Setup
    public void setUp() {
        names = new byte[FIELDS.length / 2][];
        values = new byte[names.length][];
        asMap = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            names[i] = FIELDS[2 * i].getBytes(StandardCharsets.US_ASCII);
            values[i] = FIELDS[2 * i + 1].getBytes(StandardCharsets.US_ASCII);
            asMap.put(FIELDS[2 * i], FIELDS[2 * i + 1]);
        }
        map = HeaderMap.of(FIELDS);
    }

    @Benchmark
    public HeaderMap buildFromStrings() {
        return HeaderMap.of(FIELDS);
    }

    /** What the HTTP/2 reader does with a decoded block: octets handed over, names already lower-case. */
    @Benchmark
    public HeaderMap buildFromOctets() {
        HeaderMap m = new HeaderMap(names.length);
        for (int i = 0; i < names.length; i++) {
            m.add(names[i], values[i]);
        }
        return m;
    }

    @Benchmark
    public HeaderMap buildFromMap() {
        return HeaderMap.of(asMap);
    }

    @Benchmark
    public List<byte[]> getPresent() {
        return map.get("content-type");
    }

    @Benchmark
    public List<byte[]> getAbsent() {
        return map.get("x-request-id");
    }

    @Benchmark
    public List<byte[]> getSplitList() {
        return map.get("vary");
    }

    @Benchmark
    public boolean containsMixedCase() {
        return map.contains("Content-Length");
    }

    @Benchmark
    public HeaderMap replaceThenRemove() {
        HeaderMap m = HeaderMap.of(FIELDS);
        m.replace("content-type", "text/plain");
        m.remove("etag");
        return m;
    }

    @Benchmark
    public void iterateCanonical(Blackhole bh) {
        for (Map.Entry<byte[], byte[]> e : map) {
            bh.consume(e.getValue());
        }
    }

    @Benchmark
    public void iterateRaw(Blackhole bh) {
        for (int i = 0; i < map.rawSize(); i++) {
            bh.consume(map.rawValue(i));
        }
    }
}
