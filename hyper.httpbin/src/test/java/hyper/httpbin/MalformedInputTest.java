package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What no well-behaved client sends, written byte by byte on a plain socket: each gets its 4xx, a GOAWAY or a
 * close, and the server goes on serving.
 */
class MalformedInputTest {
  private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static HttpBin bin;

  @BeforeAll
  static void start() throws IOException {
    bin = HttpBin.builder().start();
  }

  @AfterAll
  static void stop() {
    bin.close();
  }

  /** Writes {@code request} and reads until the server closes the connection (or 10 s pass: a failure). */
  private static byte[] exchange(byte[]... writes) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", bin.port()), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      for (byte[] write : writes) {
        out.write(write);
        out.flush();
      }
      return readToEnd(socket.getInputStream());
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed; read so far: "
          + new String(all.toByteArray(), StandardCharsets.ISO_8859_1), e);
    }
    return all.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  @Test
  void garbageIs400() throws IOException {
    String response = text(exchange(ascii("HELLO THERE\r\n\r\n")));

    assertTrue(response.startsWith("HTTP/1.1 400 "), response);
    assertTrue(response.contains("connection: close"), response);
  }

  @Test
  void http11WithoutHostIs400() throws IOException {
    String response = text(exchange(ascii("GET /get HTTP/1.1\r\n\r\n")));

    assertTrue(response.startsWith("HTTP/1.1 400 "), response);
    assertTrue(response.contains("without Host"), response);
  }

  @Test
  void http10GetsAnUnchunkedBodyEndedByClose() throws IOException {
    String response = text(exchange(ascii("GET /stream-bytes/100?seed=1 HTTP/1.0\r\n\r\n")));

    assertTrue(response.startsWith("HTTP/1.1 200 "), response);
    assertFalse(response.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding"), response);
    byte[] body = ascii(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertArrayEquals(JdkClientStreamTest.seeded(1, 100), body);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    String response = text(exchange(ascii(
        "GET /delay/0.3?order=first HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /get?order=second HTTP/1.1\r\nHost: x\r\n\r\n"
            + "GET /get?order=third HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));

    int first = response.indexOf("order=first");
    int second = response.indexOf("order=second");
    int third = response.indexOf("order=third");
    assertTrue(first > 0 && first < second && second < third, response);
    assertEquals(3, response.split("HTTP/1.1 200 OK", -1).length - 1, response);
  }

  @Test
  void aBrokenTlsHandshakeIsClosed() throws IOException {
    byte[] reply = exchange(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5});

    // a TLS alert record at most (content type 21), never an HTTP answer to a TLS client
    assertTrue(reply.length == 0 || reply[0] == 21, Arrays.toString(reply));
  }

  /** A frame: 24-bit length, type, flags, 31-bit stream id (RFC 9113 §4.1). */
  private static byte[] frame(int type, int flags, int stream, byte[] payload) {
    return ByteBuffer.allocate(9 + payload.length)
        .put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length)
        .put((byte) type).put((byte) flags).putInt(stream).put(payload).array();
  }

  /** HPACK literal field without indexing, new name (RFC 7541 §6.2.2), for short names and values. */
  private static byte[] literal(String name, String value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(name.length());
    out.writeBytes(ascii(name));
    out.write(value.length());
    out.writeBytes(ascii(value));
    return out.toByteArray();
  }

  private record Frame(int type, int flags, int stream, byte[] payload) {}

  private static List<Frame> frames(byte[] bytes) {
    List<Frame> frames = new ArrayList<>();
    for (int i = 0; i + 9 <= bytes.length; ) {
      int length = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
      int stream = ByteBuffer.wrap(bytes, i + 5, 4).getInt() & 0x7fffffff;
      frames.add(new Frame(bytes[i + 3], bytes[i + 4], stream, Arrays.copyOfRange(bytes, i + 9, i + 9 + length)));
      i += 9 + length;
    }
    return frames;
  }

  /** Writes, then reads frames until {@code done} holds for them (or the connection ends). */
  private static List<Frame> h2Exchange(java.util.function.Predicate<List<Frame>> done, byte[]... writes)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", bin.port())) {
      socket.setSoTimeout(10_000);
      for (byte[] write : writes) {
        socket.getOutputStream().write(write);
        socket.getOutputStream().flush();
        if (write.length == 5) {
          sleepQuietly(200); // a deliberately short write: let the server see it alone
        }
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
          all.write(buffer, 0, n);
          List<Frame> frames = frames(all.toByteArray());
          if (done.test(frames)) {
            return frames;
          }
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("expected frames never came; got " + frames(all.toByteArray()), e);
      }
      return frames(all.toByteArray());
    }
  }

  private static boolean hasType(List<Frame> frames, int type) {
    return frames.stream().anyMatch(f -> f.type == type);
  }

  @Test
  void aSettingsFrameOfTheWrongLengthEndsTheConnectionWithFrameSizeError() throws IOException {
    List<Frame> reply = h2Exchange(f -> hasType(f, 0x7), PREFACE, frame(0x4, 0, 0, new byte[5]));

    Frame goAway = reply.stream().filter(f -> f.type == 0x7).findFirst().orElseThrow();
    // RFC 9113 §6.5: a SETTINGS length that is not a multiple of 6 is a connection FRAME_SIZE_ERROR
    assertEquals(0x6, ByteBuffer.wrap(goAway.payload, 4, 4).getInt(), "FRAME_SIZE_ERROR");
  }

  @Test
  void anHttp2RequestWithoutPathIs400() throws IOException {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.writeBytes(literal(":method", "GET"));
    block.writeBytes(literal(":scheme", "http"));
    block.writeBytes(literal(":authority", "x"));
    List<Frame> reply = h2Exchange(f -> f.stream().anyMatch(x -> x.type == 0x0 && (x.flags & 0x1) != 0),
        PREFACE, frame(0x4, 0, 0, new byte[0]), frame(0x1, 0x5, 1, block.toByteArray()));

    Frame headers = reply.stream().filter(f -> f.type == 0x1 && f.stream == 1).findFirst().orElseThrow();
    assertEquals((byte) 0x8c, headers.payload[0], "HPACK static index 12, :status 400 (RFC 7541 Appendix A)");
    Frame data = reply.stream().filter(f -> f.type == 0x0 && f.stream == 1).findFirst().orElseThrow();
    assertTrue(text(data.payload).contains("missing :path"), text(data.payload));
  }

  @Test
  void anOversizedHeaderListGets431AndNoResetAfterIt() throws IOException {
    // :method GET, :scheme http, :path /get, :authority x (static indexes 2, 6, 4 with a literal value, 1 with one),
    // then x-big: a value 1,000 octets over our limit, literal without indexing; HPACK integers (RFC 7541 §5.1).
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.writeBytes(new byte[] {(byte) 0x82, (byte) 0x86, 0x04, 0x04});
    block.writeBytes(ascii("/get"));
    block.writeBytes(new byte[] {0x01, 0x01, 'x', 0x00, 0x05});
    block.writeBytes(ascii("x-big"));
    int length = Limits.MAX_HEADER_LIST + 1000;
    block.write(0x7f);
    for (int rest = length - 127; ; rest >>>= 7) {
      if (rest < 128) {
        block.write(rest);
        break;
      }
      block.write(0x80 | (rest & 0x7f));
    }
    block.writeBytes(ascii("b".repeat(length)));
    byte[] all = block.toByteArray();
    // HEADERS (END_STREAM) with the first 16 KiB, then CONTINUATION frames, the last with END_HEADERS (§6.10)
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    for (int off = 0; off < all.length; off += 16384) {
      int end = Math.min(all.length, off + 16384);
      int type = off == 0 ? 0x1 : 0x9;
      int flags = (off == 0 ? 0x1 : 0) | (end == all.length ? 0x4 : 0);
      request.writeBytes(frame(type, flags, 1, Arrays.copyOfRange(all, off, end)));
    }
    // A PING after it: its ACK comes after whatever the server writes about stream 1.
    byte[] ping = frame(0x6, 0, 0, new byte[8]);
    List<Frame> reply = h2Exchange(f -> f.stream().anyMatch(x -> x.type == 0x6 && (x.flags & 0x1) != 0),
        PREFACE, frame(0x4, 0, 0, new byte[0]), request.toByteArray(), ping);

    Frame headers = reply.stream().filter(f -> f.type == 0x1 && f.stream == 1).findFirst().orElseThrow();
    assertTrue(text(headers.payload).contains("431"), "a :status of 431 (a raw literal; Netty does not code it)");
    assertEquals(0x1, headers.flags & 0x1, "the 431 ends the stream");
    assertFalse(reply.stream().anyMatch(f -> f.type == 0x3 && f.stream == 1),
        "no RST_STREAM on the stream the 431 closed (RFC 9113 §5.1): " + reply);
    assertFalse(hasType(reply, 0x7), "no GOAWAY: the connection goes on");
  }

  @Test
  void aPrefaceThatArrivesInPiecesIsStillHttp2() throws IOException {
    byte[] firstPart = Arrays.copyOf(PREFACE, 5); // "PRI *": the detector must wait, not decide on HTTP/1.1
    byte[] rest = Arrays.copyOfRange(PREFACE, 5, PREFACE.length);
    List<Frame> reply = h2Exchange(f -> !f.isEmpty(), firstPart, rest, frame(0x4, 0, 0, new byte[0]));

    assertEquals(0x4, reply.get(0).type, "the server's preface is a SETTINGS frame (RFC 9113 §3.4)");
  }

  @Test
  void aClientThatLeavesMidResponseDoesNotDisturbOthers() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", bin.port())) {
      socket.getOutputStream().write(ascii("GET /drip?numbytes=20&duration=2&delay=0 HTTP/1.1\r\nHost: x\r\n\r\n"));
      socket.getOutputStream().flush();
      socket.setSoTimeout(10_000);
      assertTrue(socket.getInputStream().read() >= 0);
    } // closed while the server still drips

    String response = text(exchange(ascii("GET /ip HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
    assertTrue(response.startsWith("HTTP/1.1 200 "), response);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
