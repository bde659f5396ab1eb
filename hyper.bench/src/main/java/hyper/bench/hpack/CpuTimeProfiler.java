package hyper.bench.hpack;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, which a machine shared with other work distorts far less than wall time: time
 * spent waiting for a core is not counted. Reports {@code cpu.process.norm} (the whole benchmark JVM, so
 * garbage collection is charged to the code that allocated) and {@code cpu.worker.norm} (the JMH worker
 * thread alone), both in ns/op.
 *
 * <p>Usage: {@code -prof hyper.bench.hpack.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private static final String WORKER = "jmh-worker";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long processStart;
    private final Map<Long, Long> workerStart = new HashMap<>();

    @Override
    public String getDescription() {
        return "CPU time per operation (process and JMH worker threads)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workerStart.clear();
        for (Thread t : workers()) {
            workerStart.put(t.getId(), threads.getThreadCpuTime(t.getId()));
        }
        processStart = os.getProcessCpuTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long process = os.getProcessCpuTime() - processStart;
        long worker = 0;
        for (Thread t : workers()) {
            long now = threads.getThreadCpuTime(t.getId());
            worker += now - workerStart.getOrDefault(t.getId(), 0L);
        }
        long ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(
                new ScalarResult("cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.worker.norm", (double) worker / ops, "ns/op", AggregationPolicy.AVG));
    }

    private static List<Thread> workers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().contains(WORKER)).toList();
    }
}
