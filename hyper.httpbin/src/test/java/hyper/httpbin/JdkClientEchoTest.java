package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import hyper.httpbin.JdkClients.Mode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The endpoints that describe the request, through the JDK HttpClient over h2, h2c Upgrade and HTTP/1.1. */
class JdkClientEchoTest {
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

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getEchoesArgsHeadersOriginAndUrl(Mode mode) {
    HttpResponse<byte[]> response = jdk.send(mode,
        jdk.request(mode, "/get?a=1&b=two%20words&a=3").header("X-Test", "yes").build());

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    JsonNode json = JdkClients.json(response);
    assertEquals("[\"1\",\"3\"]", json.get("args").get("a").toString());
    assertEquals("two words", json.get("args").get("b").asText());
    assertEquals("yes", json.get("headers").get("X-Test").asText());
    assertEquals("localhost:" + bin.port(), json.get("headers").get("Host").asText());
    assertEquals("127.0.0.1", json.get("origin").asText());
    assertEquals(jdk.uri(mode, "/get?a=1&b=two%20words&a=3").toString(), json.get("url").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void postEchoesJsonBody(Mode mode) {
    String body = "{\"name\": \"hyper\", \"n\": [1, 2.5, true, null]}";
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/post")
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)).build());

    assertEquals(200, response.statusCode());
    JsonNode json = JdkClients.json(response);
    assertEquals(body, json.get("data").asText());
    assertEquals("hyper", json.get("json").get("name").asText());
    assertEquals("[1,2.5,true,null]", json.get("json").get("n").toString());
    assertEquals(String.valueOf(body.length()), json.get("headers").get("Content-Length").asText());
    assertTrue(json.get("form").isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void postEchoesUrlencodedForm(Mode mode) {
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/post")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("city=K%C3%B6ln&tag=a&tag=b+c")).build());

    JsonNode json = JdkClients.json(response);
    assertEquals("Köln", json.get("form").get("city").asText());
    assertEquals("[\"a\",\"b c\"]", json.get("form").get("tag").toString());
    assertEquals("", json.get("data").asText());
    assertTrue(json.get("json").isNull());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void postEchoesMultipartFieldsAndFiles(Mode mode) {
    String multipart = String.join("\r\n",
        "--XyZ",
        "Content-Disposition: form-data; name=\"comment\"",
        "",
        "hello",
        "--XyZ",
        "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"",
        "Content-Type: text/plain",
        "",
        "file contents",
        "--XyZ--",
        "");
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/post")
        .header("Content-Type", "multipart/form-data; boundary=XyZ")
        .POST(BodyPublishers.ofString(multipart)).build());

    JsonNode json = JdkClients.json(response);
    assertEquals("hello", json.get("form").get("comment").asText());
    assertEquals("file contents", json.get("files").get("upload").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void putPatchAndDeleteEchoTheirBodies(Mode mode) {
    for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
      String path = "/" + method.toLowerCase(java.util.Locale.ROOT);
      HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, path + "?m=" + method)
          .method(method, BodyPublishers.ofString("body of " + method)).build());

      assertEquals(200, response.statusCode(), method);
      JsonNode json = JdkClients.json(response);
      assertEquals("body of " + method, json.get("data").asText());
      assertEquals(method, json.get("args").get("m").asText());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anythingAcceptsAnyMethodAndPath(Mode mode) {
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/anything/deep/path?x=y")
        .method("FROB", BodyPublishers.ofString("\u00ff binary-ish")).build());

    assertEquals(200, response.statusCode());
    JsonNode json = JdkClients.json(response);
    assertEquals("FROB", json.get("method").asText());
    assertEquals("y", json.get("args").get("x").asText());
    assertEquals("\u00ff binary-ish", json.get("data").asText());
    assertTrue(json.get("url").asText().endsWith("/anything/deep/path?x=y"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anythingShowsNonUtf8BodiesAsDataUrls(Mode mode) {
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/anything")
        .header("Content-Type", "application/octet-stream")
        .POST(BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, 0, (byte) 0xfe})).build());

    assertEquals("data:application/octet-stream;base64,/wD+", JdkClients.json(response).get("data").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void headersIpAndUserAgent(Mode mode) {
    JsonNode headers = JdkClients.json(jdk.send(mode, jdk.request(mode, "/headers")
        .header("X-One", "1").header("User-Agent", "hyper-test/1.0").build()));
    assertEquals("1", headers.get("headers").get("X-One").asText());
    assertEquals("hyper-test/1.0", headers.get("headers").get("User-Agent").asText());

    assertEquals("127.0.0.1", JdkClients.json(jdk.get(mode, "/ip")).get("origin").asText());

    JsonNode agent = JdkClients.json(jdk.send(mode, jdk.request(mode, "/user-agent")
        .header("User-Agent", "hyper-test/2.0").build()));
    assertEquals("hyper-test/2.0", agent.get("user-agent").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void delayAnswersWithThePostDocument(Mode mode) {
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/delay/0.2?q=1")
        .POST(BodyPublishers.ofString("late")).build());

    assertEquals(200, response.statusCode());
    JsonNode json = JdkClients.json(response);
    assertEquals("late", json.get("data").asText());
    assertEquals("1", json.get("args").get("q").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void cookiesAreSetAndEchoed(Mode mode) {
    HttpResponse<byte[]> set = jdk.get(mode, "/cookies/set?flavour=oat&size=large");
    assertEquals(302, set.statusCode());
    assertEquals("/cookies", set.headers().firstValue("location").orElseThrow());
    assertEquals(java.util.List.of("flavour=oat; Path=/", "size=large; Path=/"),
        set.headers().allValues("set-cookie"));

    HttpResponse<byte[]> echoed = jdk.send(mode, jdk.request(mode, "/cookies")
        .header("Cookie", "flavour=oat; size=large").build());
    assertEquals("{\"flavour\":\"oat\",\"size\":\"large\"}", JdkClients.json(echoed).get("cookies").toString());

    HttpResponse<byte[]> deleted = jdk.get(mode, "/cookies/delete?flavour");
    assertTrue(deleted.headers().firstValue("set-cookie").orElseThrow().startsWith("flavour=; Expires="));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void optionsListsTheAllowedMethods(Mode mode) {
    HttpResponse<byte[]> response = jdk.send(mode, jdk.request(mode, "/post")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

    assertEquals(200, response.statusCode());
    assertEquals("POST, OPTIONS", response.headers().firstValue("allow").orElseThrow());
    assertEquals(0, response.body().length);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void indexListsTheEndpoints(Mode mode) {
    HttpResponse<byte[]> response = jdk.get(mode, "/");

    assertEquals(200, response.statusCode());
    String index = new String(response.body(), StandardCharsets.UTF_8);
    assertTrue(index.contains("/stream-bytes/{n}"), index);
    assertEquals(HttpBin.SERVER_NAME, response.headers().firstValue("server").orElseThrow());
  }
}
