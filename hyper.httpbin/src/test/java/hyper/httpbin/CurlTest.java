package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import hyper.httpbin.Curl.Mode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every endpoint through curl: h2 over TLS, HTTP/1.1 over TLS, h2c prior knowledge, h2c Upgrade, HTTP/1.1. */
class CurlTest {
  private static HttpBin bin;
  private static Curl curl;

  @TempDir
  static Path files;

  @BeforeAll
  static void start() throws IOException {
    bin = HttpBin.builder().start();
    curl = new Curl(bin);
  }

  @AfterAll
  static void stop() {
    bin.close();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void get(Mode mode) {
    Curl.Result result = curl.run(mode, "/get?a=1&a=2&b=x%2By", "-H", "X-Test: curl");

    assertEquals(200, result.status());
    if (mode == Mode.H2C_UPGRADE) {
      assertEquals(List.of(101), result.interim());
    }
    JsonNode json = JdkClients.json(result.body());
    assertEquals("[\"1\",\"2\"]", json.get("args").get("a").toString());
    assertEquals("x+y", json.get("args").get("b").asText());
    assertEquals("curl", json.get("headers").get("X-Test").asText());
    assertEquals(curl.url(mode, "/get?a=1&a=2&b=x%2By"), json.get("url").asText());
    assertEquals("127.0.0.1", json.get("origin").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void postJsonFormAndMultipart(Mode mode) throws IOException {
    JsonNode json = JdkClients.json(curl.run(mode, "/post",
        "-H", "Content-Type: application/json", "--data-binary", "{\"k\": [1, {\"x\": null}]}").body());
    assertEquals("[1,{\"x\":null}]", json.get("json").get("k").toString());

    JsonNode form = JdkClients.json(curl.run(mode, "/post", "--data-urlencode", "q=a b&c").body());
    assertEquals("a b&c", form.get("form").get("q").asText());

    Path upload = Files.writeString(files.resolve("upload-" + mode + ".txt"), "file body\n");
    JsonNode multipart = JdkClients.json(curl.run(mode, "/post",
        "-F", "field=value", "-F", "doc=@" + upload + ";type=text/plain").body());
    assertEquals("value", multipart.get("form").get("field").asText());
    assertEquals("file body\n", multipart.get("files").get("doc").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void putPatchDeleteAndAnything(Mode mode) {
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      // curl labels --data as a urlencoded form unless told otherwise, and a form is not echoed as data
      JsonNode json = JdkClients.json(curl.run(mode, "/" + method.toLowerCase(java.util.Locale.ROOT),
          "-X", method, "-H", "Content-Type: text/plain", "--data-binary", method + " body").body());
      assertEquals(method + " body", json.get("data").asText());
    }
    JsonNode anything = JdkClients.json(curl.run(mode, "/anything/x?y=z", "-X", "PROPFIND").body());
    assertEquals("PROPFIND", anything.get("method").asText());
    assertEquals("z", anything.get("args").get("y").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void headersIpAndUserAgent(Mode mode) {
    JsonNode headers = JdkClients.json(curl.run(mode, "/headers", "-H", "X-A: 1", "-H", "X-A: 2").body());
    assertEquals("1,2", headers.get("headers").get("X-A").asText());

    assertEquals("127.0.0.1", JdkClients.json(curl.run(mode, "/ip").body()).get("origin").asText());

    JsonNode agent = JdkClients.json(curl.run(mode, "/user-agent", "-A", "agent/9").body());
    assertEquals("agent/9", agent.get("user-agent").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void status(Mode mode) {
    assertEquals(201, curl.run(mode, "/status/201").status());
    Curl.Result noContent = curl.run(mode, "/status/204");
    assertEquals(204, noContent.status());
    assertEquals(0, noContent.body().length);
    Curl.Result unauthorized = curl.run(mode, "/status/401");
    assertEquals("Basic realm=\"Fake Realm\"", unauthorized.header("www-authenticate"));
    assertEquals(599, curl.run(mode, "/status/599", "-X", "DELETE").status());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bytesStreamBytesAndData(Mode mode) {
    Curl.Result bytes = curl.run(mode, "/bytes/70000?seed=3");
    assertArrayEquals(JdkClientStreamTest.seeded(3, 70_000), bytes.body());
    assertEquals("70000", bytes.header("content-length"));

    Curl.Result head = curl.run(mode, "/bytes/70000?seed=3", "-I"); // (-I writes the fields as the body)
    assertEquals(200, head.status());
    assertEquals("70000", head.header("content-length"));

    Curl.Result stream = curl.run(mode, "/stream-bytes/70000?seed=3&chunk_size=4096");
    assertArrayEquals(JdkClientStreamTest.seeded(3, 70_000), stream.body());
    assertNull(stream.header("content-length"));

    Curl.Result data = curl.run(mode, "/data/100");
    assertArrayEquals(JdkClientStreamTest.seeded(0, 100), data.body());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void dripAndDelay(Mode mode) {
    Curl.Result drip = curl.run(mode, "/drip?numbytes=3&duration=0.1&delay=0");
    assertEquals("***", drip.text());

    Curl.Result delay = curl.run(mode, "/delay/0.1");
    assertEquals(200, delay.status());
    assertTrue(JdkClients.json(delay.body()).has("headers"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void gzipAndDeflate(Mode mode) throws IOException {
    Curl.Result gzip = curl.run(mode, "/gzip");
    assertEquals("gzip", gzip.header("content-encoding"));
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
    assertTrue(JdkClients.json(unzipped).get("gzipped").asBoolean());

    Curl.Result decoded = curl.run(mode, "/deflate", "--compressed");
    assertTrue(JdkClients.json(decoded.body()).get("deflated").asBoolean());

    Curl.Result raw = curl.run(mode, "/deflate-raw");
    byte[] inflated = new InflaterInputStream(new ByteArrayInputStream(raw.body()), new Inflater(true))
        .readAllBytes();
    assertTrue(JdkClients.json(inflated).get("deflated").asBoolean());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void responseHeaders(Mode mode) {
    Curl.Result result = curl.run(mode, "/response-headers?X-One=1&Content-Type=text/x-test");

    assertEquals("1", result.header("x-one"));
    assertEquals("text/x-test", result.header("content-type"));
    assertEquals(1, result.headers("content-type").size());
  }

  /** curl shows HTTP/1.1 trailers in its header dump; for HTTP/2 trailers see {@link NghttpTest}. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void trailers(Mode mode) {
    Curl.Result result = curl.run(mode, "/trailers?x-checksum=c0ffee");

    assertEquals("x-checksum", result.header("trailer"));
    assertEquals("c0ffee", JdkClients.json(result.body()).get("trailers").get("x-checksum").asText());
    if (!mode.isHttp2()) {
      assertEquals("chunked", result.header("transfer-encoding"));
      assertEquals("c0ffee", result.trailer("x-checksum"));
    }
  }

  /** curl turns push off (SETTINGS_ENABLE_PUSH=0), so nothing is promised; {@link NghttpTest} takes pushes. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void pushIsNotSentToAClientThatDisabledIt(Mode mode) {
    JsonNode json = JdkClients.json(curl.run(mode, "/push?n=2").body());

    assertFalse(json.get("push_enabled").asBoolean());
    assertEquals("[]", json.get("promised").toString());
    assertEquals(0, JdkClients.json(curl.run(mode, "/push/resource/5").body()).get("resource").asInt() - 5);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void redirectsHopByHop(Mode mode) {
    String path = "/redirect/3";
    List<String> hops = new java.util.ArrayList<>();
    Curl.Result result = curl.run(mode, path);
    while (result.status() == 302) {
      hops.add(result.header("location"));
      result = curl.run(mode, result.header("location"));
    }
    assertEquals(List.of("/relative-redirect/2", "/relative-redirect/1", "/get"), hops);
    assertEquals(200, result.status());

    Curl.Result absolute = curl.run(mode, "/redirect/2?absolute=true");
    assertEquals(curl.url(mode, "/absolute-redirect/1"), absolute.header("location"));
  }

  /**
   * curl -L reuses the connection, which curl 7.88 (Debian 12) breaks for h2c with prior knowledge
   * (curl issue 10634, fixed in curl 8.0): that mode is left to {@link #redirectsHopByHop}.
   */
  @ParameterizedTest
  @EnumSource(value = Mode.class, names = "H2C_PRIOR_KNOWLEDGE", mode = EnumSource.Mode.EXCLUDE)
  void redirectsAndCookiesFollowedByCurl(Mode mode) {
    Curl.Result followed = curl.run(mode, "/redirect/4", "-L");
    assertEquals(200, followed.status());
    assertEquals(List.of(302, 302, 302, 302), followed.interim().stream().filter(s -> s != 101).toList());
    assertEquals(curl.url(mode, "/get"), JdkClients.json(followed.body()).get("url").asText());

    Path jar = files.resolve("cookies-" + mode + ".txt");
    Curl.Result cookies = curl.run(mode, "/cookies/set?a=1&b=2", "-L", "-c", jar.toString());
    JsonNode sent = JdkClients.json(cookies.body()).get("cookies");
    assertEquals("1", sent.get("a").asText());
    assertEquals("2", sent.get("b").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cookies(Mode mode) {
    Curl.Result set = curl.run(mode, "/cookies/set?a=1");
    assertEquals(302, set.status());
    assertEquals("a=1; Path=/", set.header("set-cookie"));

    JsonNode echoed = JdkClients.json(curl.run(mode, "/cookies", "-b", "a=1; b=2").body());
    assertEquals("{\"a\":\"1\",\"b\":\"2\"}", echoed.get("cookies").toString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void indexOptionsAndTheSmallerEndpoints(Mode mode) throws IOException {
    assertTrue(curl.run(mode, "/").text().contains("/push?n="));

    Curl.Result options = curl.run(mode, "/response-headers", "-X", "OPTIONS");
    assertEquals(200, options.status());
    assertEquals("GET, HEAD, POST, OPTIONS", options.header("allow"));

    Curl.Result raw = curl.run(mode, "/deflate?raw=1");
    byte[] inflated = new InflaterInputStream(new ByteArrayInputStream(raw.body()), new Inflater(true))
        .readAllBytes();
    assertTrue(JdkClients.json(inflated).get("deflated").asBoolean());

    Curl.Result to = curl.run(mode, "/redirect-to?url=https%3A%2F%2Fexample.com%2F&status_code=308");
    assertEquals(308, to.status());
    assertEquals("https://example.com/", to.header("location"));

    assertEquals("/relative-redirect/1", curl.run(mode, "/relative-redirect/2").header("location"));

    Curl.Result deleted = curl.run(mode, "/cookies/delete?a");
    assertEquals(302, deleted.status());
    assertTrue(deleted.header("set-cookie").startsWith("a=; Expires=Thu, 01 Jan 1970"), deleted.header("set-cookie"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mistakes(Mode mode) throws IOException {
    assertEquals(404, curl.run(mode, "/nothing-here").status());
    Curl.Result wrongMethod = curl.run(mode, "/post");
    assertEquals(405, wrongMethod.status());
    assertEquals("POST, OPTIONS", wrongMethod.header("allow"));
    assertEquals(400, curl.run(mode, "/get?broken=%zz").status());
    assertEquals(400, curl.run(mode, "/stream-bytes/10?chunk_size=0").status());
    assertEquals(400, curl.run(mode, "/cookies/set?bad%20name=1").status());

    Path big = files.resolve("big-" + mode + ".bin");
    Files.write(big, new byte[Limits.MAX_REQUEST_BODY + 1]);
    Curl.Result tooLarge = curl.runAnyVersion(mode, "/post", "--data-binary", "@" + big);
    assertEquals(413, tooLarge.status());
    // as an Upgrade request it is refused before the switch, over HTTP/1.1
    assertEquals(mode == Mode.H2C_UPGRADE ? "1.1" : mode.version, tooLarge.version());

    Curl.Result tooManyHeaders = curl.runAnyVersion(mode, "/get",
        "-H", "X-Big: " + "b".repeat(Limits.MAX_HEADER_LIST + 100));
    assertEquals(431, tooManyHeaders.status());
    // an Upgrade request that cannot be decoded is refused before the switch, over HTTP/1.1
    assertEquals(mode == Mode.H2C_UPGRADE ? "1.1" : mode.version, tooManyHeaders.version());

    String longPath = "/anything/" + "p".repeat(Limits.MAX_REQUEST_LINE);
    Curl.Result tooLong = curl.runAnyVersion(mode, longPath);
    // HTTP/2 has no request line: a long :path is only bounded by the header list
    assertEquals(mode.isHttp2() && mode != Mode.H2C_UPGRADE ? 200 : 414, tooLong.status());
    assertEquals(mode == Mode.H2C_UPGRADE ? "1.1" : mode.version, tooLong.version());
  }
}
