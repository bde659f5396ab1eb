package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTP/2 frame by frame through nghttp (nghttp2-client), which shows what the JDK client and curl hide:
 * PUSH_PROMISE, trailing HEADERS, DATA frame sizes and RST_STREAM.
 */
class NghttpTest {
  private static HttpBin bin;
  private static String nghttp;

  @TempDir
  static Path files;

  /** The three ways to reach HTTP/2. */
  enum Mode {
    H2_TLS, H2C_PRIOR_KNOWLEDGE, H2C_UPGRADE
  }

  @BeforeAll
  static void start() throws IOException {
    nghttp = Tools.require("nghttp");
    bin = HttpBin.builder().start();
  }

  @AfterAll
  static void stop() {
    bin.close();
  }

  /** Runs nghttp; {@code -v} prints every frame, and without {@code -n} the body follows on stdout. */
  private static String nghttp(Mode mode, String pathAndQuery, String... options) {
    List<String> command = new ArrayList<>(List.of(nghttp, "-t", "20"));
    if (mode == Mode.H2C_UPGRADE) {
      command.add("-u");
    }
    command.addAll(List.of(options));
    command.add((mode == Mode.H2_TLS ? bin.httpsUrl() : bin.httpUrl()) + pathAndQuery);
    Tools.Output output = Tools.run(command, 30);
    assertEquals(0, output.exitCode(), "nghttp failed: " + output.stderr() + output.stdoutText());
    return output.stdoutText();
  }

  private static int count(String haystack, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(haystack);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getIsAnsweredOverHttp2(Mode mode) {
    String frames = nghttp(mode, "/get?via=nghttp", "-v");
    JsonNode json = JdkClients.json(frames.substring(frames.indexOf("\n{") + 1).getBytes());

    assertEquals("nghttp", json.get("args").get("via").asText());
    assertTrue(json.get("headers").get("User-Agent").asText().startsWith("nghttp2/"));
    if (mode == Mode.H2C_UPGRADE) {
      assertTrue(frames.contains("HTTP/1.1 101 Switching Protocols"), frames);
      assertTrue(frames.contains("recv (stream_id=1) :status: 200"), frames);
    }
    if (mode == Mode.H2_TLS) {
      assertTrue(frames.contains("The negotiated protocol: h2"), frames);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void pushPromisesArriveBeforeTheResponseAndEachIsAnswered(Mode mode) {
    String frames = nghttp(mode, "/push?n=3", "-nv");

    assertEquals(3, count(frames, "recv PUSH_PROMISE frame"), frames);
    for (int i = 0; i < 3; i++) {
      assertTrue(frames.contains(":path: /push/resource/" + i), frames);
    }
    // RFC 9113 §8.4: every PUSH_PROMISE comes before the response's own DATA
    int lastPromise = frames.lastIndexOf("recv PUSH_PROMISE frame");
    int parentStream = mode == Mode.H2C_UPGRADE ? 1 : 13;
    assertTrue(lastPromise < frames.indexOf("recv DATA frame <length=", frames.indexOf(
        "recv (stream_id=" + parentStream + ") :status: 200")), frames);
    for (int promised : new int[] {2, 4, 6}) {
      assertTrue(frames.contains("recv (stream_id=" + promised + ") :status: 200"), frames);
      assertTrue(Pattern.compile("recv DATA frame <length=\\d+, flags=0x01, stream_id=" + promised + ">")
          .matcher(frames).find(), "END_STREAM on pushed stream " + promised + ":\n" + frames);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void trailersFollowTheDataWithEndStream(Mode mode) {
    String frames = nghttp(mode, "/trailers?x-sum=abc&x-count=2", "-nv");

    int data = frames.indexOf("recv DATA frame");
    int trailer = frames.indexOf(") x-sum: abc");
    assertTrue(data > 0 && trailer > data, "trailer after DATA:\n" + frames);
    assertTrue(frames.indexOf(") x-count: 2") > data, frames);
    Matcher trailing = Pattern.compile("recv HEADERS frame <length=\\d+, flags=0x05").matcher(frames);
    assertTrue(trailing.find() && trailing.start() > trailer, "trailing HEADERS with END_STREAM:\n" + frames);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void streamBytesSendsOneDataFramePerChunk(Mode mode) {
    String frames = nghttp(mode, "/stream-bytes/3000?chunk_size=1000&seed=1", "-nv");

    // the server looks one chunk ahead, so the last chunk itself carries END_STREAM
    assertEquals(2, count(frames, "recv DATA frame <length=1000, flags=0x00"), frames);
    assertEquals(1, count(frames, "recv DATA frame <length=1000, flags=0x01"), frames);
    assertEquals(3, count(frames, "recv DATA frame"), frames);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void uploadsAreEchoed(Mode mode) throws IOException {
    Path upload = Files.writeString(files.resolve("upload-" + mode + ".json"), "{\"from\": \"nghttp\"}");
    String body = nghttp(mode, "/post", "-d", upload.toString(), "-H", "content-type: application/json");

    assertEquals("nghttp", JdkClients.json(body.getBytes()).get("json").get("from").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOversizedUploadIs413AndAFarTooLargeOneIsStoppedWithNoError(Mode mode) throws IOException {
    Path big = files.resolve("big-" + mode + ".bin");
    Files.write(big, new byte[2 * Limits.MAX_REQUEST_BODY + 100_000]);

    String frames = nghttp(mode, "/post", "-nv", "-d", big.toString());

    assertTrue(frames.contains(":status: 413"), frames);
    if (mode != Mode.H2C_UPGRADE) { // an Upgrade request carries its body in HTTP/1.1, refused before the switch
      assertTrue(frames.contains("recv RST_STREAM frame"), frames);
      assertTrue(frames.contains("error_code=NO_ERROR(0x00)"), frames);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"H2_TLS", "H2C_PRIOR_KNOWLEDGE"})
  void anOversizedHeaderListIs431(Mode mode) {
    String frames = nghttp(mode, "/get", "-nv", "-H", "x-big: " + "z".repeat(Limits.MAX_HEADER_LIST + 100));

    assertTrue(frames.contains(":status: 431"), frames);
  }
}
