package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.Http11Response;
import hyper.api.Protocol;
import hyper.api.Response;
import hyper.httpbin.HttpBin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 against hyper.httpbin (Netty): echoes of what we send, gzip, chunked streams, trailers, upgrade and ALPN. */
class HttpBinTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static HttpBin bin;

    @BeforeAll
    static void start() throws Exception {
        bin = HttpBin.builder().start();
    }

    @AfterAll
    static void stop() {
        bin.close();
    }

    static ConnectionOptions options() {
        return ConnectionOptions.builder().readTimeout(Duration.ofSeconds(10)).build();
    }

    static JsonNode json(Response r) throws Exception {
        assertEquals(200, r.status(), r.toString());
        return JSON.readTree(r.read());
    }

    @Test
    void getsAndPostsOfEveryBodyKindOnOneKeptAliveSocket() throws Exception {
        try (Http1Connection c = Http1Connection.open("localhost", bin.port(), options())) {
            c.request("GET", "/get?x=1", Body.empty(), Map.of("X-Probe", "p"));
            JsonNode get = json(c.getResponse());
            assertEquals("1", get.at("/args/x").asText());
            assertEquals("localhost:" + bin.port(), get.at("/headers/Host").asText());
            assertEquals("p", get.at("/headers/X-Probe").asText());

            c.request("POST", "/post", Body.of("hello bytes"), Map.of("Content-Type", "text/plain"));
            assertEquals("hello bytes", json(c.getResponse()).at("/data").asText());

            byte[] streamed = "a stream of known length".getBytes(StandardCharsets.US_ASCII);
            c.request("PUT", "/put", Body.of(new ByteArrayInputStream(streamed), streamed.length), Map.of("Content-Type", "text/plain"));
            assertEquals("a stream of known length", json(c.getResponse()).at("/data").asText());

            List<byte[]> chunks = List.of("chunk one, ".getBytes(StandardCharsets.US_ASCII), "chunk two".getBytes(StandardCharsets.US_ASCII));
            c.request("POST", "/post", Body.ofChunks(chunks), Map.of("Content-Type", "text/plain"));
            JsonNode chunked = json(c.getResponse());
            assertEquals("chunk one, chunk two", chunked.at("/data").asText());

            c.request("POST", "/anything", Body.ofStream(new ByteArrayInputStream(new byte[100_000])),
                    Map.of("Content-Type", "application/octet-stream"));
            JsonNode big = json(c.getResponse());
            assertEquals("POST", big.at("/method").asText());
            assertTrue(big.at("/data").asText().length() > 100_000 / 2, "a 100 kB chunked upload is echoed");

            c.request("POST", "/post", Body.of("{\"k\": [1, 2]}"), Map.of("Content-Type", "application/json",
                    "Expect", "100-continue"));
            assertEquals(2, json(c.getResponse()).at("/json/k/1").asInt());
            assertEquals(1, c.socketsOpened());
        }
    }

    @Test
    void gzipAndDeflateBodiesAreDecoded() throws Exception {
        try (Http1Connection c = Http1Connection.open("localhost", bin.port(), options())) {
            c.request("GET", "/gzip");
            Http11Response gz = c.getResponse();
            assertEquals("gzip", gz.headers().firstValue("content-encoding").orElseThrow());
            assertTrue(json(gz).at("/gzipped").asBoolean());
            c.request("GET", "/deflate");
            assertTrue(json(c.getResponse()).at("/deflated").asBoolean());
        }
    }

    @Test
    void streamedBytesComeOneElementPerChunkAndMatchTheSizedOnes() throws Exception {
        try (Http1Connection c = Http1Connection.open("localhost", bin.port(), options())) {
            c.request("GET", "/stream-bytes/10000?chunk_size=1000&seed=7");
            Http11Response streamed = c.getResponse();
            assertEquals("chunked", streamed.headers().firstValue("transfer-encoding").orElseThrow());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int elements = 0;
            for (byte[] chunk : streamed.readChunked()) {
                assertEquals(1000, chunk.length);
                all.writeBytes(chunk);
                elements++;
            }
            assertEquals(10, elements);
            c.request("GET", "/bytes/10000?seed=7");
            assertArrayEquals(c.getResponse().read(), all.toByteArray());
        }
    }

    @Test
    void trailersArriveAfterTheChunkedBody() throws Exception {
        try (Http1Connection c = Http1Connection.open("localhost", bin.port(), options())) {
            c.request("GET", "/trailers?checksum=abc123");
            Http11Response r = c.getResponse();
            assertTrue(r.read().length > 0);
            assertEquals("abc123", r.trailers().firstValue("checksum").orElseThrow());
        }
    }

    @Test
    void theH2cUpgradeIsAcceptedAndStream1CarriesTheResponse() throws Exception {
        RecordingBootstrap engine = new RecordingBootstrap(H2oTest::expectStream1Headers);
        try (NegotiatingConnection c = new NegotiatingConnection("localhost", bin.port(), options(), engine)) {
            OptionalInt first = c.request("GET", "/get");
            assertEquals(1, c.getResponse(first).streamId());
            assertEquals(Protocol.HTTP_2, c.protocol());
        }
    }

    @Test
    void overTlsHttpbinPicksH2ForTheNegotiatingConnectionAndHttp11ForHttp11() throws Exception {
        ConnectionOptions tls = options().toBuilder().secure(true).sslContext(bin.clientSslContext()).build();
        RecordingBootstrap engine = new RecordingBootstrap((socket, upgraded) ->
                assertEquals("h2", ((SSLSocket) socket).getApplicationProtocol()));
        try (NegotiatingConnection c = new NegotiatingConnection("localhost", bin.port(), tls, engine)) {
            c.connect();
            assertEquals(Protocol.HTTP_2, c.protocol());
        }
        try (Http1Connection c = Http1Connection.open("localhost", bin.port(), tls)) {
            c.request("GET", "/get");
            assertEquals("https://localhost:" + bin.port() + "/get", json(c.getResponse()).at("/url").asText());
        }
    }
}
