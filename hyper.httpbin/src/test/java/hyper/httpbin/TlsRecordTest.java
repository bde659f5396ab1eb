package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * A small response leaves the server as one TLS record: what one read batch writes is flushed once, at the end of
 * the batch, instead of once per frame. Each record costs the client a decryption (and JSSE an allocation), so a
 * server flushing HEADERS and DATA apart doubles the client's TLS work.
 */
class TlsRecordTest {

  @Test
  void aSmallHttp2ResponseIsOneTlsRecord() throws Exception {
    try (HttpBin bin = HttpBin.builder().start(); RawTls tls = new RawTls(bin, "h2")) {
      tls.send(concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII), frame(0x4, 0, 0)));
      awaitSettingsAck(tls);

      // our SETTINGS ACK and a GET /get (RFC 9113 §6.2; HPACK literals without indexing, RFC 7541 §6.2.2)
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      block.write(0x82); // :method GET
      block.write(0x87); // :scheme https
      literal(block, 4, "/get"); // :path
      literal(block, 1, "localhost"); // :authority
      tls.send(concat(frame(0x4, 0x1, 0), frame(0x1, 0x5, 1, block.toByteArray())));
      int recordsBefore = tls.records;

      boolean headers = false;
      int bodyBytes = 0;
      while (true) {
        Frame f = tls.readFrame();
        if (f.stream != 1) {
          continue;
        }
        if (f.type == 0x1) {
          headers = true;
        } else if (f.type == 0x0) {
          bodyBytes += f.payload.length;
        }
        if ((f.flags & 0x1) != 0) { // END_STREAM
          break;
        }
      }

      assertTrue(headers, "the response has a HEADERS frame");
      assertTrue(bodyBytes > 100, "the response has a body: " + bodyBytes);
      assertEquals(1, tls.records - recordsBefore, "TLS records carrying the response");
    }
  }

  @Test
  void aSmallHttp11ResponseIsOneTlsRecord() throws Exception {
    try (HttpBin bin = HttpBin.builder().start(); RawTls tls = new RawTls(bin, "http/1.1")) {
      tls.send("GET /get HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

      String response = "";
      int contentLength = -1;
      int headEnd = -1;
      while (headEnd < 0 || response.length() < headEnd + contentLength) {
        response += new String(tls.readApplicationData(), StandardCharsets.ISO_8859_1);
        headEnd = response.indexOf("\r\n\r\n") + 4;
        if (headEnd >= 4) {
          String head = response.substring(0, headEnd).toLowerCase(Locale.ROOT);
          int at = head.indexOf("content-length: ");
          contentLength = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
        } else {
          headEnd = -1;
        }
      }

      assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
      assertEquals(1, tls.records, "TLS records carrying the response");
    }
  }

  private static void awaitSettingsAck(RawTls tls) throws IOException {
    while (true) {
      Frame f = tls.readFrame();
      if (f.type == 0x4 && (f.flags & 0x1) != 0) {
        return;
      }
    }
  }

  private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
    block.write(nameIndex); // 0000 + 4-bit index: literal without indexing, indexed name
    block.write(value.length()); // not Huffman coded; short enough for the 7-bit prefix
    block.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * <pre>
   * +-----------------------------------------------+
   * |                 Length (24)                   |
   * +---------------+---------------+---------------+
   * |   Type (8)    |   Flags (8)   |
   * +-+-------------+---------------+-------------------------------+
   * |R|                 Stream Identifier (31)                      |
   * +=+=============================================================+
   * </pre>
   */
  private static byte[] frame(int type, int flags, int stream, byte... payload) {
    ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
    frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
    frame.put((byte) type).put((byte) flags).putInt(stream).put(payload);
    return frame.array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private record Frame(int type, int flags, int stream, byte[] payload) {}

  /** A TLS client on a plain socket, reading one record at a time so that it can count them. */
  private static final class RawTls implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SSLEngine engine;
    private ByteBuffer plaintext = ByteBuffer.allocate(0);
    /** Records that carried application data since the handshake. */
    int records;

    RawTls(HttpBin bin, String alpn) throws Exception {
      socket = new Socket("localhost", bin.port());
      socket.setSoTimeout(10_000);
      in = new DataInputStream(socket.getInputStream());
      out = socket.getOutputStream();
      engine = bin.clientSslContext().createSSLEngine("localhost", bin.port());
      engine.setUseClientMode(true);
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {alpn});
      engine.setSSLParameters(parameters);
      engine.beginHandshake();
      handshake();
      assertEquals(alpn, engine.getApplicationProtocol());
      records = 0;
    }

    private void handshake() throws Exception {
      while (true) {
        HandshakeStatus status = engine.getHandshakeStatus();
        switch (status) {
          case NEED_WRAP -> send(new byte[0]);
          case NEED_UNWRAP -> readApplicationData();
          case NEED_TASK -> {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
              task.run();
            }
          }
          default -> {
            return;
          }
        }
      }
    }

    void send(byte[] data) throws IOException {
      ByteBuffer source = ByteBuffer.wrap(data);
      do {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult result = engine.wrap(source, net);
        assertEquals(SSLEngineResult.Status.OK, result.getStatus());
        out.write(net.array(), 0, net.position());
      } while (source.hasRemaining());
      out.flush();
    }

    /** Reads and decrypts one whole record (RFC 8446 §5.1: type, version, 16-bit length, fragment). */
    byte[] readApplicationData() throws IOException {
      byte[] header = new byte[5];
      in.readFully(header);
      int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
      byte[] record = new byte[5 + length];
      System.arraycopy(header, 0, record, 0, 5);
      in.readFully(record, 5, length);
      ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
      SSLEngineResult result = engine.unwrap(ByteBuffer.wrap(record), app);
      assertEquals(SSLEngineResult.Status.OK, result.getStatus());
      if (result.bytesProduced() > 0) {
        records++;
      }
      return Arrays.copyOf(app.array(), app.position());
    }

    Frame readFrame() throws IOException {
      while (true) {
        if (plaintext.remaining() >= 9) {
          int length = ((plaintext.get(plaintext.position()) & 0xff) << 16)
              | ((plaintext.get(plaintext.position() + 1) & 0xff) << 8)
              | (plaintext.get(plaintext.position() + 2) & 0xff);
          if (plaintext.remaining() >= 9 + length) {
            plaintext.position(plaintext.position() + 3);
            int type = plaintext.get() & 0xff;
            int flags = plaintext.get() & 0xff;
            int stream = plaintext.getInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            plaintext.get(payload);
            return new Frame(type, flags, stream, payload);
          }
        }
        byte[] more = readApplicationData();
        ByteBuffer joined = ByteBuffer.allocate(plaintext.remaining() + more.length);
        joined.put(plaintext).put(more).flip();
        plaintext = joined;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
