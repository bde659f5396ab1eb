package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.Response;
import hyper.impl.flow.AutoTuningFlowControlManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against real servers — nghttpd and h2o, each over TLS (ALPN h2) and cleartext (h2c prior knowledge) —
 * started on free loopback ports, through the public entry point {@link Hyper#http2} (ServiceLoader finds the
 * engine, the HPACK codec and the TLS provider).
 */
class EndToEndTest {
    private static final int MIB = 1 << 20;
    private static Path work;
    private static Path docroot;
    private static List<RealServer> servers = new ArrayList<>();
    private static byte[] index;
    private static byte[] text;
    private static byte[] bigDigest;

    @BeforeAll
    static void startServers() throws Exception {
        work = Files.createTempDirectory("hyper-e2e");
        docroot = Files.createDirectory(work.resolve("www"));
        index = ("<!DOCTYPE html>\n<html><body>" + "hyper for Java ".repeat(100) + "</body></html>\n").getBytes(StandardCharsets.UTF_8);
        Files.write(docroot.resolve("index.html"), index);
        Files.writeString(docroot.resolve("get"), "{\"args\": {}}\n");
        Files.writeString(docroot.resolve("ip"), "{\"origin\": \"127.0.0.1\"}\n");
        Files.writeString(docroot.resolve("small.txt"), "small response\n");
        for (String name : List.of("one", "two", "three")) {
            Files.write(docroot.resolve(name + ".bin"), random(name.hashCode(), MIB));
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 200_000; i++) {
            sb.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog\n");
        }
        text = sb.toString().getBytes(StandardCharsets.UTF_8);
        Files.write(docroot.resolve("text.txt"), text);
        bigDigest = writeBigFile(docroot.resolve("big.bin"), 100);
        servers.add(RealServer.nghttpd(docroot, false, 64, work)); // padded frames, from a real peer
        servers.add(RealServer.nghttpd(docroot, true, 0, work));
        servers.add(RealServer.h2o(docroot, false, work));
        servers.add(RealServer.h2o(docroot, true, work));
    }

    @AfterAll
    static void stopServers() throws IOException {
        RealServer.stopAll(servers, work);
    }

    @org.junit.jupiter.api.AfterEach
    void serversSurvived() {
        for (RealServer s : servers) {
            assertTrue(s.isAlive(), () -> s.name() + " died (exit " + s.exitValue() + "): " + s.logText());
        }
    }

    static Stream<RealServer> servers() {
        return servers.stream();
    }

    static Http2Connection connect(RealServer server) throws IOException {
        ConnectionOptions.Builder options = ConnectionOptions.builder().secure(server.tls())
                .readTimeout(Duration.ofSeconds(30)).connectTimeout(Duration.ofSeconds(10));
        if (server.tls()) {
            options.sslContext(Hyper.tlsContext(RealServer.Certificates.get().cert()));
        }
        return Hyper.http2("127.0.0.1:" + server.port(), options.build());
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("servers")
    void quickstart(RealServer server) throws Exception {
        try (Http2Connection c = connect(server)) {
            assertEquals(1, c.request("GET", "/"));
            Response r = c.getResponse();
            assertEquals(200, r.status());
            assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
            assertArrayEquals(index, r.read());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("servers")
    void streamsExampleMatchesEachResponseToItsRequest(RealServer server) throws Exception {
        try (Http2Connection c = connect(server)) {
            int first = c.request("GET", "/get", Body.empty(), Map.of("key", "value"));
            int second = c.request("POST", "/echo", Body.of("hello"), Map.of());
            int third = c.request("GET", "/ip");
            Response secondResponse = c.getResponse(second);
            Response firstResponse = c.getResponse(first);
            Response thirdResponse = c.getResponse(third);
            assertEquals("hello", new String(secondResponse.read(), StandardCharsets.UTF_8));
            assertEquals("{\"args\": {}}\n", new String(firstResponse.read(), StandardCharsets.UTF_8));
            assertEquals("{\"origin\": \"127.0.0.1\"}\n", new String(thirdResponse.read(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("servers")
    void threeInterleavedStreamsReadOutOfOrder(RealServer server) throws Exception {
        try (Http2Connection c = connect(server)) {
            int one = c.request("GET", "/one.bin");
            int two = c.request("GET", "/two.bin");
            int three = c.request("GET", "/three.bin");
            Response r3 = c.getResponse(three);
            Response r1 = c.getResponse(one);
            Response r2 = c.getResponse(two);
            // round-robin small reads across the three, starting with the last request
            MessageDigest d1 = sha256();
            MessageDigest d2 = sha256();
            MessageDigest d3 = sha256();
            boolean more = true;
            while (more) {
                more = false;
                for (Object[] pair : new Object[][] {{r3, d3}, {r1, d1}, {r2, d2}}) {
                    byte[] chunk = ((Response) pair[0]).read(7_000);
                    ((MessageDigest) pair[1]).update(chunk);
                    more |= chunk.length > 0;
                }
            }
            assertArrayEquals(sha256().digest(random("one".hashCode(), MIB)), d1.digest());
            assertArrayEquals(sha256().digest(random("two".hashCode(), MIB)), d2.digest());
            assertArrayEquals(sha256().digest(random("three".hashCode(), MIB)), d3.digest());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("servers")
    void thousandConcurrentRequestsFromSixteenThreadsOnOneConnection(RealServer server) throws Exception {
        byte[] expected = "small response\n".getBytes(StandardCharsets.UTF_8);
        try (Http2Connection c = connect(server)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            AtomicInteger remaining = new AtomicInteger(1000);
            AtomicInteger ok = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                futures.add(pool.submit(() -> {
                    // each thread keeps up to 8 requests in flight: 128 > the servers' 100 concurrent streams
                    List<Integer> inFlight = new ArrayList<>();
                    while (true) {
                        while (inFlight.size() < 8 && remaining.getAndDecrement() > 0) {
                            inFlight.add(c.request("GET", "/small.txt"));
                        }
                        if (inFlight.isEmpty()) {
                            return null;
                        }
                        Response r = c.getResponse(inFlight.remove(0));
                        assertEquals(200, r.status());
                        assertArrayEquals(expected, r.read());
                        ok.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(90, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(1000, ok.get());
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("servers")
    void hundredMebibyteDownloadInConstantMemory(RealServer server) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // auto's cap at its 16 MiB start: the window cannot grow, so the bound below stays far under the 100 MiB
        System.setProperty(AutoTuningFlowControlManager.MAX_WINDOW_PROPERTY, String.valueOf(16 * MIB));
        Http2Connection connection;
        try {
            connection = connect(server);
        } finally {
            System.clearProperty(AutoTuningFlowControlManager.MAX_WINDOW_PROPERTY);
        }
        try (Http2Connection c = connection) {
            Response r = c.getResponse(c.request("GET", "/big.bin"));
            assertEquals(100L * MIB, Long.parseLong(r.headers().firstValue("content-length").orElseThrow()));
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            long worst = 0;
            int window = 0; // the largest stream window the connection announced while we read
            long total = 0;
            long nextCheck = 16L * MIB;
            MessageDigest digest = sha256();
            while (true) {
                byte[] chunk = r.read(256 * 1024);
                if (chunk.length == 0) {
                    break;
                }
                digest.update(chunk);
                total += chunk.length;
                if (total >= nextCheck) {
                    System.gc(); // whatever the connection keeps reachable stays after a collection
                    worst = Math.max(worst, memory.getHeapMemoryUsage().getUsed() - baseline);
                    window = Math.max(window, ((Http2ClientConnection) c).ourInitialWindowSize());
                    nextCheck += 16L * MIB;
                }
            }
            assertEquals(100L * MIB, total);
            assertArrayEquals(bigDigest, digest.digest());
            // a lagging reader may leave up to the stream window buffered, never more: memory follows the window, not
            // the 100 MiB. While the stream's buffer grows to the window, the old array (half of it) lives beside the
            // new one, and large arrays take whole G1 regions: hence up to twice the window, plus the readers' buffers.
            assertEquals(16 * MIB, window);
            assertTrue(worst < 2L * window + 4L * MIB, "heap grew by " + worst / 1024 + " KiB while streaming 100 MiB, "
                    + "with a " + window / 1024 + " KiB stream window");
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the servers outlive each case
    @MethodSource("servers")
    void tenMebibyteUploadFromAnInputStream(RealServer server) throws Exception {
        byte[] upload = random(42, 10 * MIB);
        try (Http2Connection c = connect(server)) {
            InputStream in = new ByteArrayInputStream(upload);
            int id = c.request("POST", "/echo", Body.ofStream(in), HeaderMap.of("content-length", Integer.toString(upload.length)));
            Response r = c.getResponse(id);
            assertEquals(200, r.status());
            byte[] echoed = r.read();
            assertEquals(upload.length, echoed.length);
            assertArrayEquals(sha256().digest(upload), sha256().digest(echoed));
        }
    }

    @Test
    void trailersFromNghttpd() throws Exception {
        for (RealServer server : servers) {
            if (!server.name().startsWith("nghttpd")) {
                continue;
            }
            try (Http2Connection c = connect(server)) {
                Response r = c.getResponse(c.request("GET", "/ip"));
                assertEquals("yes", r.trailers().firstValue("x-trailer").orElseThrow(), server.name());
                assertEquals("{\"origin\": \"127.0.0.1\"}\n", new String(r.read(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void gzipFromH2oIsDecodedUnlessAskedNotTo() throws Exception {
        for (RealServer server : servers) {
            if (!server.name().startsWith("h2o")) {
                continue;
            }
            try (Http2Connection c = connect(server)) {
                HeaderMap gzip = HeaderMap.of("accept-encoding", "gzip");
                Response decoded = c.getResponse(c.request("GET", "/text.txt", Body.empty(), gzip));
                assertEquals("gzip", decoded.headers().firstValue("content-encoding").orElseThrow(), server.name());
                assertArrayEquals(text, decoded.read());

                Response raw = c.getResponse(c.request("GET", "/text.txt", Body.empty(), gzip));
                byte[] compressed = raw.read(false);
                assertTrue(compressed.length < text.length / 4, "compressed: " + compressed.length);
                assertEquals(0x1f, compressed[0] & 0xff);
                assertEquals(0x8b, compressed[1] & 0xff);

                Response chunked = c.getResponse(c.request("GET", "/text.txt", Body.empty(), gzip));
                java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
                for (byte[] piece : chunked.readChunked()) {
                    joined.write(piece);
                }
                assertArrayEquals(text, joined.toByteArray());
            }
        }
    }

    private static byte[] writeBigFile(Path file, int mebibytes) throws IOException {
        MessageDigest digest = sha256();
        Random random = new Random(7);
        byte[] chunk = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < mebibytes; i++) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
            }
        }
        return digest.digest();
    }

    private static byte[] random(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

}
