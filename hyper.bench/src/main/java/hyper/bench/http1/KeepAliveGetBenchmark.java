package hyper.bench.http1;

import hyper.api.Http11Connection;
import hyper.api.Hyper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * HTTP/1.1 keep-alive GET throughput, one connection and one thread per client, against the same h2o on loopback:
 * hyper's {@link Http11Connection}, the JDK's {@link HttpClient} (HTTP/1.1) and OkHttp 5 (HTTP/1.1). Each request
 * reads the whole body. Reports the median of the rounds: requests a second, microseconds per request and
 * octets allocated per request by the calling thread.
 *
 * <pre>
 *   mvn -B -q -pl hyper.bench -am package -DskipTests dependency:build-classpath -Dmdep.outputFile=cp.txt  (cp.txt is git-ignored)
 *   java -cp hyper.bench/target/classes:$(cat hyper.bench/cp.txt) hyper.bench.http1.KeepAliveGetBenchmark [requests] [bodyOctets] [rounds]
 * </pre>
 */
public final class KeepAliveGetBenchmark {
    /** One client: a GET of the path, reading the whole body; returns the body length. */
    interface Client extends AutoCloseable {
        int get() throws Exception;
    }

    private KeepAliveGetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int bodyOctets = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("hyper-bench-h2o");
        byte[] body = new byte[bodyOctets];
        new Random(1).nextBytes(body);
        Files.write(dir.resolve("body.bin"), body);
        int port = freePort();
        Process h2o = startH2o(dir, port);
        try {
            Map<String, Client> clients = new LinkedHashMap<>();
            clients.put("hyper Http11Connection", hyper(port));
            clients.put("JDK HttpClient (HTTP/1.1)", jdk(port));
            clients.put("OkHttp " + okhttp3.OkHttp.VERSION + " (HTTP/1.1)", okhttp(port));
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (Map.Entry<String, Client> e : clients.entrySet()) {
                for (int i = 0; i < Math.max(2_000, requests / 5); i++) { // warm-up: JIT and connection
                    check(e.getValue().get(), bodyOctets);
                }
                results.put(e.getKey(), new ArrayList<>());
            }
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, Client> e : clients.entrySet()) {
                    results.get(e.getKey()).add(measure(e.getValue(), requests, bodyOctets));
                }
            }
            System.out.printf("HTTP/1.1 keep-alive GET of %d octets from h2o on loopback, %d requests x %d rounds, java %s%n",
                    bodyOctets, requests, rounds, System.getProperty("java.version"));
            System.out.printf("%-32s %12s %10s %14s%n", "client", "requests/s", "us/req", "alloc B/req");
            for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
                List<double[]> r = e.getValue();
                r.sort(Comparator.comparingDouble(x -> x[0]));
                double[] median = r.get(r.size() / 2);
                System.out.printf("%-32s %12.0f %10.1f %14.0f%n", e.getKey(), median[0], 1e6 / median[0], median[1]);
            }
            for (Client c : clients.values()) {
                c.close();
            }
        } finally {
            h2o.destroy();
            h2o.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** {requests a second, octets allocated a request}. */
    private static double[] measure(Client client, int requests, int bodyOctets) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            check(client.get(), bodyOctets);
        }
        long elapsed = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocBefore;
        return new double[] {requests * 1e9 / elapsed, (double) allocated / requests};
    }

    private static void check(int length, int expected) {
        if (length != expected) {
            throw new IllegalStateException("body of " + length + " octets, expected " + expected);
        }
    }

    private static Client hyper(int port) throws IOException {
        Http11Connection c = Hyper.http11("127.0.0.1:" + port);
        return new Client() {
            @Override
            public int get() throws Exception {
                c.request("GET", "/body.bin");
                return c.getResponse().read().length;
            }

            @Override
            public void close() throws IOException {
                c.close();
            }
        };
    }

    private static Client jdk(int port) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/body.bin")).build();
        return new Client() {
            @Override
            public int get() throws Exception {
                return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
            }

            @Override
            public void close() {
                // the JDK 17 client has no close(); its idle connection ends with the JVM
            }
        };
    }

    private static Client okhttp(int port) {
        OkHttpClient client = new OkHttpClient.Builder().protocols(List.of(okhttp3.Protocol.HTTP_1_1)).build();
        Request request = new Request.Builder().url("http://127.0.0.1:" + port + "/body.bin").build();
        return new Client() {
            @Override
            public int get() throws Exception {
                try (okhttp3.Response r = client.newCall(request).execute()) {
                    return r.body().bytes().length;
                }
            }

            @Override
            public void close() {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        };
    }

    private static Process startH2o(Path dir, int port) throws Exception {
        Path h2oBinary = Path.of("/usr/bin/h2o");
        if (!Files.isExecutable(h2oBinary)) {
            throw new IllegalStateException("h2o is missing: apt-get install -y h2o");
        }
        Path conf = dir.resolve("h2o.conf");
        Files.writeString(conf, String.join("\n",
                "user: " + System.getProperty("user.name"),
                "pid-file: " + dir.resolve("h2o.pid"),
                "error-log: " + dir.resolve("h2o-error.log"),
                "num-threads: 1",
                "listen:",
                "  host: 127.0.0.1",
                "  port: " + port,
                "hosts:",
                "  default:",
                "    paths:",
                "      /:",
                "        file.dir: " + dir,
                ""));
        Process p = new ProcessBuilder(h2oBinary.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("h2o.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroy();
        throw new IllegalStateException("h2o did not start: " + Arrays.toString(Files.readAllLines(dir.resolve("h2o.log")).toArray()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
