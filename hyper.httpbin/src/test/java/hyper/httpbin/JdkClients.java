package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The JDK's HttpClient, set up for each way it can reach the server. */
final class JdkClients {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The protocols the JDK client speaks: it has no h2c prior knowledge, only the Upgrade. */
  enum Mode {
    H2_TLS(HttpClient.Version.HTTP_2, true),
    HTTP1_TLS(HttpClient.Version.HTTP_1_1, true),
    H2C_UPGRADE(HttpClient.Version.HTTP_2, false),
    HTTP1(HttpClient.Version.HTTP_1_1, false);

    final HttpClient.Version version;
    final boolean tls;

    Mode(HttpClient.Version version, boolean tls) {
      this.version = version;
      this.tls = tls;
    }

    boolean isHttp2() {
      return version == HttpClient.Version.HTTP_2;
    }
  }

  private final HttpBin bin;
  private final Map<Mode, HttpClient> clients = new EnumMap<>(Mode.class);

  JdkClients(HttpBin bin) {
    this.bin = bin;
  }

  URI uri(Mode mode, String pathAndQuery) {
    return mode.tls ? bin.https(pathAndQuery) : bin.http(pathAndQuery);
  }

  HttpRequest.Builder request(Mode mode, String pathAndQuery) {
    return HttpRequest.newBuilder(uri(mode, pathAndQuery)).timeout(TIMEOUT);
  }

  /**
   * The client for a mode. For the h2c Upgrade each call gets a new client, so that the request under test is
   * itself the HTTP/1.1 request that upgrades the connection and is answered on stream 1.
   */
  HttpClient client(Mode mode, HttpClient.Redirect redirect) {
    if (mode == Mode.H2C_UPGRADE || redirect != HttpClient.Redirect.NEVER) {
      return newClient(mode, redirect);
    }
    return clients.computeIfAbsent(mode, m -> newClient(m, HttpClient.Redirect.NEVER));
  }

  private HttpClient newClient(Mode mode, HttpClient.Redirect redirect) {
    return HttpClient.newBuilder()
        .version(mode.version)
        .sslContext(bin.clientSslContext())
        .followRedirects(redirect)
        .connectTimeout(TIMEOUT)
        .build();
  }

  /** Sends and checks that the protocol spoken is the one the mode stands for. */
  HttpResponse<byte[]> send(Mode mode, HttpRequest request) {
    return send(mode, request, HttpClient.Redirect.NEVER);
  }

  HttpResponse<byte[]> send(Mode mode, HttpRequest request, HttpClient.Redirect redirect) {
    HttpResponse<byte[]> response = send(client(mode, redirect), request);
    assertEquals(mode.version, response.version(), "protocol of " + request.uri());
    return response;
  }

  /** Sends on a given client, whatever protocol it ends up speaking. */
  HttpResponse<byte[]> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<byte[]> get(Mode mode, String pathAndQuery) {
    return send(mode, request(mode, pathAndQuery).build());
  }

  static JsonNode json(HttpResponse<byte[]> response) {
    return json(response.body());
  }

  static JsonNode json(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }
}
