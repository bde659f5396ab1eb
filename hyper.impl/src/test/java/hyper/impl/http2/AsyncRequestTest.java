package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionException;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.HyperException;
import hyper.api.Response;
import hyper.httpbin.HttpBin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Http2Connection#requestAsync} and {@link Http2Connection#fetchAsync} against the in-process httpbin: futures
 * completed by the reader thread, whole bodies buffered past the stream window, requests chained from stages, and
 * clear errors where a stage on the reader thread would otherwise wait for itself.
 */
class AsyncRequestTest {
    private static final int PER_CHAIN = 10;
    private static HttpBin bin;

    @BeforeAll
    static void start() throws IOException {
        bin = HttpBin.builder().start();
    }

    @AfterAll
    static void stop() {
        bin.close();
    }

    private static Http2Connection h2c() throws IOException {
        return Hyper.http2("localhost:" + bin.port(),
                ConnectionOptions.builder().secure(false).readTimeout(Duration.ofSeconds(20)).build());
    }

    private static Http2Connection tls() throws IOException {
        return Hyper.http2("localhost:" + bin.port(), ConnectionOptions.builder().secure(true)
                .sslContext(bin.clientSslContext()).readTimeout(Duration.ofSeconds(20)).build());
    }

    private static byte[] read(Response r) {
        try (Response response = r) {
            return response.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] blockingGet(Http2Connection c, String path) throws IOException {
        return read(c.getResponse(c.request("GET", path)));
    }

    @Test
    void fetchAsyncCompletesWithTheWholeBodyReadableInTheStage() throws Exception {
        try (Http2Connection c = tls()) {
            byte[] expected = blockingGet(c, "/bytes/200000?seed=7");
            // 200000 octets are three times the default 65535-octet stream window: the future completes only because
            // fetchAsync returns credit as the data arrives, before anyone reads it
            CompletableFuture<byte[]> body = c.fetchAsync("GET", "/bytes/200000?seed=7", Body.empty(), new HeaderMap())
                    .thenApply(AsyncRequestTest::read);
            assertArrayEquals(expected, body.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void requestAsyncCompletesAtTheHeadersAndTheBodyIsReadOnAnotherThread() throws Exception {
        try (Http2Connection c = h2c()) {
            byte[] expected = blockingGet(c, "/bytes/150000?seed=3");
            Response r = c.requestAsync("GET", "/stream-bytes/150000?seed=3&chunk_size=1000", Body.empty(), new HeaderMap())
                    .get(20, TimeUnit.SECONDS);
            assertEquals(200, r.status());
            assertEquals("application/octet-stream", r.headers().firstValue("content-type").orElseThrow());
            assertArrayEquals(expected, read(r), "/stream-bytes and /bytes with one seed send the same octets");
        }
    }

    @Test
    void stagesChainRequestsOnTheConnection() throws Exception {
        int chains = 50;
        int perChain = PER_CHAIN;
        try (Http2Connection c = h2c()) {
            AtomicInteger ok = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch done = new CountDownLatch(chains);
            for (int i = 0; i < chains; i++) {
                chain(c, perChain, ok, failure, threads, done);
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "chains finished");
            assertEquals(null, failure.get());
            assertEquals(chains * perChain, ok.get());
            assertEquals(1, threads.size(), "every chained completion ran on the one reader thread: " + threads);
            assertTrue(threads.iterator().next().startsWith("hyper-h2-reader"), threads.toString());
        }
    }

    private static void chain(Http2Connection c, int left, AtomicInteger ok, AtomicReference<Throwable> failure,
            Set<String> threads, CountDownLatch done) {
        // Attached on the reader thread, a stage is attached before the reader can complete its future, so the reader
        // runs it. Attached on another thread, it may run there, when the response has already arrived; and so may the
        // rest of that chain, which is then issued from there.
        boolean attachedOnReader = Thread.currentThread().getName().startsWith("hyper-h2-reader");
        c.fetchAsync("GET", "/bytes/1024", Body.empty(), new HeaderMap()).whenComplete((r, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
                done.countDown();
                return;
            }
            if (attachedOnReader) {
                threads.add(Thread.currentThread().getName());
            }
            if (r.status() == 200 && read(r).length == 1024) {
                ok.incrementAndGet();
            }
            if (left > 1) {
                chain(c, left - 1, ok, failure, threads, done); // issued from the reader thread itself
            } else {
                done.countDown();
            }
        });
    }

    @Test
    void aRequestThatCannotBeSentFailsItsFutureRatherThanThrowing() throws Exception {
        try (Http2Connection c = h2c()) {
            CompletableFuture<Response> f = c.fetchAsync("GET", "/get", Body.empty(), HeaderMap.of("bad name", "x"));
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
            assertInstanceOf(HyperException.class, e.getCause());
            assertEquals(200, c.fetchAsync("GET", "/get", Body.empty(), new HeaderMap()).get(20, TimeUnit.SECONDS).status());
        }
    }

    @Test
    void afterCloseFuturesFailWithTheConnectionError() throws Exception {
        Http2Connection c = h2c();
        c.close();
        CompletableFuture<Response> f = c.requestAsync("GET", "/get", Body.empty(), new HeaderMap());
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionException.class, e.getCause());
    }

    @Test
    void asyncResponsesAreNotOfferedToGetResponse() throws Exception {
        try (Http2Connection c = h2c()) {
            assertEquals(200, c.fetchAsync("GET", "/get", Body.empty(), new HeaderMap()).get(20, TimeUnit.SECONDS).status());
            HyperException e = assertThrows(HyperException.class, c::getResponse);
            assertTrue(e.getMessage().contains("no response is outstanding"), e.getMessage());
        }
    }

    @Test
    void aSmallBodyHandedOverWholeReadsAsEmptyAfterwards() throws Exception {
        try (Http2Connection c = h2c()) {
            Response r = c.getResponse(c.request("GET", "/bytes/1000?seed=1"));
            byte[] first = r.read();
            assertEquals(1000, first.length);
            assertArrayEquals(first, blockingGet(c, "/bytes/1000?seed=1"), "the same octets again");
            assertEquals(0, r.read().length);
            assertEquals(0, r.read(10).length);
            r.close();
        }
    }
}
