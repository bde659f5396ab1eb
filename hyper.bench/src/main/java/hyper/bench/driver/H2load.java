package hyper.bench.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nghttp2's h2load, the C reference: {@code h2load -n N -c C -m M URL} on one thread. Its time is what it reports
 * ("finished in"); its CPU time is the user + system time of the process, from the shell's {@code times}.
 */
final class H2load {
    static final String NAME = "h2load";
    private static final Path BINARY = Path.of("/usr/bin/h2load");
    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(ms|s|us),");
    private static final Pattern REQUESTS = Pattern.compile(
            "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

    private H2load() {
    }

    static void require() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install -y nghttp2-client");
        }
    }

    /** Runs h2load for {@code requests} GETs of the workload's path, and measures it (and the server, {@code serverCpu}). */
    static Measurement run(Target t, Workload w, Plan plan, long requests, Path work, LongSupplier serverCpu)
            throws IOException, InterruptedException {
        require();
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times >&2; exit $rc", "h2load",
                BINARY.toString(), "-n", Long.toString(requests), "-c", Integer.toString(w.connections(plan)),
                "-m", Integer.toString(w.streams(plan)), "-t", "1", t.url(t.path(w))));
        Path out = Files.createTempFile(work, "h2load", ".out");
        Path err = Files.createTempFile(work, "h2load", ".err");
        long server0 = serverCpu.getAsLong();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("h2load did not finish within 600 s: " + String.join(" ", cmd));
        }
        long server1 = serverCpu.getAsLong();
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        if (p.exitValue() != 0) {
            throw new IOException("h2load exited with " + p.exitValue() + ": " + stdout + stderr);
        }
        Matcher done = REQUESTS.matcher(stdout);
        Matcher finished = FINISHED.matcher(stdout);
        if (!done.find() || !finished.find()) {
            throw new IOException("unexpected h2load output: " + stdout);
        }
        long succeeded = Long.parseLong(done.group(4));
        if (succeeded != requests) {
            throw new IOException("h2load: " + succeeded + " of " + requests + " requests succeeded: " + stdout);
        }
        double value = Double.parseDouble(finished.group(1));
        long nanos = (long) (value * switch (finished.group(2)) {
            case "s" -> 1e9;
            case "ms" -> 1e6;
            default -> 1e3;
        });
        long cpu = -1;
        Matcher times = TIMES.matcher(stderr);
        if (times.find() && times.find()) { // the second line: the shell's children
            cpu = (long) ((Long.parseLong(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                    + Long.parseLong(times.group(3)) * 60 + Double.parseDouble(times.group(4))) * 1e9);
        }
        long expected = w == Workload.BULK ? plan.bulkBytes() : Plan.SMALL_BYTES;
        long server = server0 < 0 || server1 < 0 ? -1 : server1 - server0; // h2load's connection set-up included
        return new Measurement(requests, requests * expected, nanos, cpu, -1, server);
    }
}
