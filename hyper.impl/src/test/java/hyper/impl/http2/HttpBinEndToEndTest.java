package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.HttpConnection;
import hyper.api.Hyper;
import hyper.api.Protocol;
import hyper.api.Response;
import hyper.httpbin.HttpBin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine against the in-process {@code hyper.httpbin} (Netty's HTTP/2 codec): the seed's examples verbatim,
 * content codings, trailers, DATA framing, and the two ways {@link HttpConnection} reaches the engine — ALPN over
 * TLS and the h2c upgrade, whose stream 1 the engine takes over.
 */
class HttpBinEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpBin tls;
    private static HttpBin clear;

    @BeforeAll
    static void start() throws IOException {
        tls = HttpBin.builder().start();
        clear = HttpBin.builder().tls(false).start();
    }

    @AfterAll
    static void stop() {
        tls.close();
        clear.close();
    }

    private static ConnectionOptions.Builder options() {
        return ConnectionOptions.builder().readTimeout(Duration.ofSeconds(20));
    }

    private static Http2Connection http2() throws IOException {
        return Hyper.http2("localhost:" + tls.port(), options().secure(true).sslContext(tls.clientSslContext()).build());
    }

    @Test
    void quickstartThroughHttpConnectionNegotiatesH2WithAlpn() throws Exception {
        try (HttpConnection c = Hyper.connect("localhost:" + tls.port(), options().secure(true).sslContext(tls.clientSslContext()).build())) {
            OptionalInt id = c.request("GET", "/get");
            assertEquals(OptionalInt.of(1), id, "on HTTP/2 the request returns its stream id (seed §2.1.2)");
            assertEquals(Protocol.HTTP_2, c.protocol());
            Response r = c.getResponse();
            assertEquals(200, r.status());
            assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
            assertEquals("hyper.httpbin", r.headers().firstValue("server").orElseThrow());
            assertTrue(json(r).get("url").asText().endsWith("/get"));
        }
    }

    @Test
    void streamsExampleFromTheSeed() throws Exception {
        try (Http2Connection c = http2()) {
            int first = c.request("GET", "/get", Body.empty(), Map.of("key", "value"));
            int second = c.request("POST", "/post", Body.of("hello"), Map.of());
            int third = c.request("GET", "/ip");
            JsonNode secondResponse = json(c.getResponse(second));
            JsonNode firstResponse = json(c.getResponse(first));
            JsonNode thirdResponse = json(c.getResponse(third));
            assertEquals("hello", secondResponse.get("data").asText());
            assertEquals("value", firstResponse.get("headers").get("Key").asText());
            assertTrue(thirdResponse.get("origin").asText().contains("127.0.0.1"), thirdResponse.toString());
        }
    }

    @Test
    void h2cUpgradeHandsStreamOneToTheEngine() throws Exception {
        try (HttpConnection c = Hyper.connect("127.0.0.1:" + clear.port(), options().secure(false).build())) {
            OptionalInt first = c.request("GET", "/get?upgraded=1");
            assertTrue(first.isEmpty(), "the upgrade request goes out as HTTP/1.1");
            Response r1 = c.getResponse(first);
            assertEquals(Protocol.HTTP_2, c.protocol(), "the server accepted h2c");
            assertEquals(1, r1.streamId(), "its response came on stream 1 (RFC 7540 §3.2)");
            assertEquals("1", json(r1).get("args").get("upgraded").asText());
            OptionalInt second = c.request("POST", "/post", Body.of("over h2"), Map.of());
            assertEquals(OptionalInt.of(3), second);
            assertEquals("over h2", json(c.getResponse(second)).get("data").asText());
        }
    }

    @Test
    void h2cUpgradeWithHeadHasNoBody() throws Exception {
        try (HttpConnection c = Hyper.connect("127.0.0.1:" + clear.port(), options().secure(false).build())) {
            Response r = c.getResponse(c.request("HEAD", "/bytes/100"));
            assertEquals(Protocol.HTTP_2, c.protocol());
            assertEquals("100", r.headers().firstValue("content-length").orElseThrow());
            assertEquals(0, r.read().length);
        }
    }

    @Test
    void h2cWithPriorKnowledge() throws Exception {
        try (Http2Connection c = Hyper.http2("127.0.0.1:" + clear.port(), options().secure(false).build())) {
            Response r = c.getResponse(c.request("GET", "/bytes/5000?seed=9"));
            assertArrayEquals(seeded(9, 5000), r.read());
        }
    }

    @Test
    void gzipAndBothDeflateFormsAreDecodedByDefault() throws Exception {
        try (Http2Connection c = http2()) {
            assertTrue(json(c.getResponse(c.request("GET", "/gzip"))).get("gzipped").asBoolean());
            assertTrue(json(c.getResponse(c.request("GET", "/deflate"))).get("deflated").asBoolean());
            assertTrue(json(c.getResponse(c.request("GET", "/deflate-raw"))).get("deflated").asBoolean());
            Response raw = c.getResponse(c.request("GET", "/gzip"));
            assertEquals("gzip", raw.headers().firstValue("content-encoding").orElseThrow());
            byte[] compressed = raw.read(false);
            assertEquals(0x1f, compressed[0] & 0xff);
            assertEquals(0x8b, compressed[1] & 0xff);
        }
    }

    @Test
    void pushedStreamsArriveNextToTheResponse() throws Exception {
        ConnectionOptions withPush = options().secure(true).sslContext(tls.clientSslContext()).enablePush(true).build();
        try (Http2Connection c = Hyper.http2("localhost:" + tls.port(), withPush)) {
            int id = c.request("GET", "/push?n=3");
            JsonNode body = json(c.getResponse(id));
            assertEquals(3, body.get("promised").size());
            assertTrue(body.get("push_enabled").asBoolean());
            assertEquals(List.of("/push/resource/0", "/push/resource/1", "/push/resource/2"), PushDeliveryTest.paths(c.getPushes(id, true)));
            assertEquals(200, c.getResponse(c.request("GET", "/get")).status(), "the connection goes on");
        }
    }

    @Test
    void trailersAfterTheBody() throws Exception {
        try (Http2Connection c = http2()) {
            Response r = c.getResponse(c.request("GET", "/trailers?x-checksum=abc123"));
            HeaderMap trailers = r.trailers();
            assertEquals("abc123", trailers.firstValue("x-checksum").orElseThrow());
            assertTrue(r.read().length > 0, "the body read before the trailers is still there");
        }
    }

    @Test
    void readChunkedGivesTheServersDataFrames() throws Exception {
        try (Http2Connection c = http2()) {
            Response r = c.getResponse(c.request("GET", "/stream-bytes/100000?chunk_size=10000&seed=3"));
            List<byte[]> chunks = new ArrayList<>();
            for (byte[] chunk : r.readChunked()) {
                chunks.add(chunk);
            }
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (byte[] chunk : chunks) {
                assertTrue(chunk.length <= 10_000, "one element per DATA frame: " + chunk.length);
                joined.write(chunk);
            }
            assertTrue(chunks.size() >= 10, "at least one element per 10,000-octet chunk: " + chunks.size());
            assertArrayEquals(seeded(3, 100_000), joined.toByteArray());
        }
    }

    @Test
    void largeBodiesBothWays() throws Exception {
        try (Http2Connection c = http2()) {
            byte[] body = new byte[4 << 20];
            new Random(5).nextBytes(body);
            String text = java.util.Base64.getEncoder().encodeToString(body); // JSON-safe, so "data" echoes it verbatim
            int id = c.request("POST", "/post", Body.of(text), Map.of("content-type", "text/plain"));
            assertEquals(text, json(c.getResponse(id)).get("data").asText());
            Response download = c.getResponse(c.request("GET", "/bytes/" + (50 << 20) + "?seed=11"));
            assertEquals(seeded(11, 50 << 20).length, download.read().length);
        }
    }

    @Test
    void responsesToManyStreamsFromSeveralThreads() throws Exception {
        try (Http2Connection c = http2()) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 8; t++) {
                int seed = t;
                Thread thread = new Thread(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            Response r = c.getResponse(c.request("GET", "/bytes/2000?seed=" + seed));
                            assertArrayEquals(seeded(seed, 2000), r.read());
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            assertEquals(List.of(), failures);
        }
    }

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(r.read());
    }

    private static byte[] seeded(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
