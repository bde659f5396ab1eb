package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import hyper.httpbin.JdkClients.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The endpoints that shape the response, through the JDK HttpClient over h2, h2c Upgrade and HTTP/1.1. */
class JdkClientStreamTest {
  private static HttpBin bin;
  private static JdkClients jdk;

  @BeforeAll
  static void start() throws IOException {
    bin = HttpBin.builder().start();
    jdk = new JdkClients(bin);
  }

  @AfterAll
  static void stop() {
    bin.close();
  }

  static byte[] seeded(long seed, int n) {
    byte[] expected = new byte[n];
    new Random(seed).nextBytes(expected);
    return expected;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bytesAreTheSeededRandomStream(Mode mode) {
    HttpResponse<byte[]> response = jdk.get(mode, "/bytes/200000?seed=42");

    assertEquals(200, response.statusCode());
    assertEquals("application/octet-stream", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("200000", response.headers().firstValue("content-length").orElseThrow());
    assertArrayEquals(seeded(42, 200_000), response.body());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void headOfBytesHasTheLengthButNoBody(Mode mode) {
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/bytes/1234")
        .method("HEAD", BodyPublishers.noBody()).build());

    assertEquals(200, response.statusCode());
    assertEquals("1234", response.headers().firstValue("content-length").orElseThrow());
    assertEquals(0, response.body().length);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void streamBytesAreTheSameBytesWithoutALength(Mode mode) {
    HttpResponse<byte[]> response = jdk.get(mode, "/stream-bytes/50001?seed=7&chunk_size=333");

    assertEquals(200, response.statusCode());
    assertFalse(response.headers().firstValue("content-length").isPresent());
    if (!mode.isHttp2()) {
      assertEquals("chunked", response.headers().firstValue("transfer-encoding").orElseThrow());
    }
    assertArrayEquals(seeded(7, 50_001), response.body());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void dataRepeatsTheCachedBlock(Mode mode) {
    int n = DataEndpoints.DATA_BLOCK + 1000;
    HttpResponse<byte[]> response = jdk.get(mode, "/data/" + n);

    assertEquals(200, response.statusCode());
    byte[] block = seeded(0, DataEndpoints.DATA_BLOCK);
    byte[] body = response.body();
    assertEquals(n, body.length);
    assertArrayEquals(block, Arrays.copyOf(body, DataEndpoints.DATA_BLOCK));
    assertArrayEquals(Arrays.copyOf(block, 1000), Arrays.copyOfRange(body, DataEndpoints.DATA_BLOCK, n));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void dripSendsAsterisksWithTheAskedStatus(Mode mode) {
    HttpResponse<byte[]> response = jdk.get(mode, "/drip?numbytes=5&duration=0.2&delay=0.1&code=201");

    assertEquals(201, response.statusCode());
    assertEquals("5", response.headers().firstValue("content-length").orElseThrow());
    assertEquals("*****", new String(response.body(), StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void statusAnswersTheCode(Mode mode) {
    assertEquals(200, jdk.get(mode, "/status/200").statusCode());
    HttpResponse<byte[]> noContent = jdk.get(mode, "/status/204");
    assertEquals(204, noContent.statusCode());
    assertEquals(0, noContent.body().length);
    HttpResponse<byte[]> teapot = jdk.get(mode, "/status/418");
    assertEquals(418, teapot.statusCode());
    assertTrue(new String(teapot.body(), StandardCharsets.US_ASCII).contains("teapot"));
    HttpResponse<byte[]> unavailable = jdk.send(mode, jdk.request(mode, "/status/503")
        .POST(BodyPublishers.ofString("x")).build());
    assertEquals(503, unavailable.statusCode());
    HttpResponse<byte[]> moved = jdk.get(mode, "/status/301");
    assertEquals("/redirect/1", moved.headers().firstValue("location").orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void gzipAndDeflateInEveryVariant(Mode mode) throws IOException {
    HttpResponse<byte[]> gzip = jdk.get(mode, "/gzip");
    assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElseThrow());
    assertTrue(JdkClients.json(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes())
        .get("gzipped").asBoolean());

    HttpResponse<byte[]> zlib = jdk.get(mode, "/deflate");
    assertEquals("deflate", zlib.headers().firstValue("content-encoding").orElseThrow());
    assertTrue(JdkClients.json(inflate(zlib.body(), false)).get("deflated").asBoolean());

    for (String raw : new String[] {"/deflate-raw", "/deflate?raw=1"}) {
      HttpResponse<byte[]> response = jdk.get(mode, raw);
      assertEquals("deflate", response.headers().firstValue("content-encoding").orElseThrow());
      assertEquals("GET", JdkClients.json(inflate(response.body(), true)).get("method").asText(), raw);
    }
  }

  private static byte[] inflate(byte[] compressed, boolean nowrap) throws IOException {
    try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(compressed), new Inflater(nowrap))) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void responseHeadersAreSetFromTheQuery(Mode mode) {
    HttpResponse<byte[]> response = jdk.get(mode, "/response-headers?X-Color=blue&X-Color=green&Cache-Control=no-store");

    assertEquals(java.util.List.of("blue", "green"), response.headers().allValues("x-color"));
    assertEquals("no-store", response.headers().firstValue("cache-control").orElseThrow());
    JsonNode json = JdkClients.json(response);
    assertEquals("[\"blue\",\"green\"]", json.get("X-Color").toString());
    assertEquals("application/json", json.get("Content-Type").asText());
  }

  /** The JDK client drops trailers; curl and nghttp check them. Here: the body and the Trailer field. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void trailersAreAnnounced(Mode mode) {
    HttpResponse<byte[]> response = jdk.get(mode, "/trailers?x-sum=abc");

    assertEquals(200, response.statusCode());
    assertEquals("x-sum", response.headers().firstValue("trailer").orElseThrow());
    assertEquals("abc", JdkClients.json(response).get("trailers").get("x-sum").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void pushSendsPromisesOnHttp2Only(Mode mode) throws Exception {
    ConcurrentMap<HttpRequest, CompletableFuture<HttpResponse<String>>> pushes = new ConcurrentHashMap<>();
    HttpClient client = jdk.client(mode, HttpClient.Redirect.NEVER);
    HttpResponse<String> response = client.sendAsync(jdk.request(mode, "/push?n=3").build(),
            HttpResponse.BodyHandlers.ofString(),
            HttpResponse.PushPromiseHandler.of(pushed -> HttpResponse.BodyHandlers.ofString(), pushes))
        .get(20, TimeUnit.SECONDS);

    assertEquals(200, response.statusCode());
    JsonNode json = JdkClients.json(response.body().getBytes(StandardCharsets.UTF_8));
    if (!mode.isHttp2()) {
      assertEquals("[]", json.get("promised").toString());
      assertFalse(json.get("push_enabled").asBoolean());
      assertTrue(pushes.isEmpty());
      return;
    }
    assertTrue(json.get("push_enabled").asBoolean());
    assertEquals("[\"/push/resource/0\",\"/push/resource/1\",\"/push/resource/2\"]",
        json.get("promised").toString());
    assertEquals(3, pushes.size());
    for (Map.Entry<HttpRequest, CompletableFuture<HttpResponse<String>>> push : pushes.entrySet()) {
      HttpResponse<String> pushed = push.getValue().get(20, TimeUnit.SECONDS);
      assertEquals(200, pushed.statusCode());
      JsonNode resource = JdkClients.json(pushed.body().getBytes(StandardCharsets.UTF_8));
      assertTrue(push.getKey().uri().getPath().endsWith("/" + resource.get("resource").asInt()));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void redirectsLeadToGet(Mode mode) {
    HttpResponse<byte[]> first = jdk.get(mode, "/redirect/3");
    assertEquals(302, first.statusCode());
    assertEquals("/relative-redirect/2", first.headers().firstValue("location").orElseThrow());

    HttpResponse<byte[]> absolute = jdk.get(mode, "/absolute-redirect/2");
    assertEquals(jdk.uri(mode, "/absolute-redirect/1").toString(),
        absolute.headers().firstValue("location").orElseThrow());

    HttpResponse<byte[]> to = jdk.get(mode, "/redirect-to?url=/anything&status_code=307");
    assertEquals(307, to.statusCode());
    assertEquals("/anything", to.headers().firstValue("location").orElseThrow());

    HttpResponse<byte[]> followed = jdk.send(mode, jdk.request(mode, "/redirect/3").build(),
        HttpClient.Redirect.NORMAL);
    assertEquals(200, followed.statusCode());
    assertEquals("/get", followed.uri().getPath());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mistakesGetTheirStatus(Mode mode) {
    assertEquals(404, jdk.get(mode, "/no/such/thing").statusCode());
    assertEquals(404, jdk.get(mode, "/get/extra").statusCode());

    HttpResponse<byte[]> wrongMethod = jdk.send(mode, jdk.request(mode, "/get")
        .POST(BodyPublishers.ofString("x")).build());
    assertEquals(405, wrongMethod.statusCode());
    assertEquals("GET, HEAD, OPTIONS", wrongMethod.headers().firstValue("allow").orElseThrow());

    HttpResponse<byte[]> badNumber = jdk.get(mode, "/bytes/lots");
    assertEquals(400, badNumber.statusCode());
    assertTrue(JdkClients.json(badNumber).get("error").asText().contains("lots"));
    assertEquals(400, jdk.get(mode, "/bytes/" + (Limits.MAX_BYTES + 1)).statusCode());
    assertEquals(400, jdk.get(mode, "/push?n=21").statusCode());
    assertEquals(400, jdk.get(mode, "/status/100").statusCode());
    assertEquals(400, jdk.get(mode, "/response-headers?content-length=5").statusCode());
    assertEquals(400, jdk.get(mode, "/delay/-1").statusCode());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOversizedBodyIs413(Mode mode) {
    byte[] body = new byte[Limits.MAX_REQUEST_BODY + 1];
    // the JDK client does not offer the Upgrade with a large body; over h2c it goes on an upgraded connection
    HttpClient client = jdk.client(mode, HttpClient.Redirect.NEVER);
    if (mode == Mode.H2C_UPGRADE) {
      assertEquals(HttpClient.Version.HTTP_2, jdk.send(client, jdk.request(mode, "/get").build()).version());
    }
    HttpResponse<byte[]> response = jdk.send(client, jdk.request(mode, "/post")
        .POST(BodyPublishers.ofByteArray(body)).build());

    assertEquals(mode.version, response.version());
    assertEquals(413, response.statusCode());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oversizedHeadersAre431(Mode mode) {
    HttpRequest tooBig = jdk.request(mode, "/get").header("X-Big", "a".repeat(Limits.MAX_HEADER_LIST + 1000)).build();
    HttpClient client = jdk.client(mode, HttpClient.Redirect.NEVER);
    if (mode == Mode.H2C_UPGRADE) {
      // as the Upgrade request itself it is refused over HTTP/1.1, before any switch
      HttpResponse<byte[]> refused = jdk.send(client, tooBig);
      assertEquals(431, refused.statusCode());
      assertEquals(HttpClient.Version.HTTP_1_1, refused.version());
      // on a connection already upgraded, over HTTP/2
      client = jdk.client(mode, HttpClient.Redirect.NEVER);
      assertEquals(HttpClient.Version.HTTP_2, jdk.send(client, jdk.request(mode, "/get").build()).version());
    }
    HttpResponse<byte[]> response = jdk.send(client, tooBig);

    assertEquals(431, response.statusCode());
    assertEquals(mode.version, response.version());
  }
}
