package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process API: start, addresses, certificates, close. */
class HttpBinTest {

  private static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).timeout(JdkClients.TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startsOnAFreeLoopbackPortAndClosesCompletely() throws Exception {
    HttpBin bin = HttpBin.builder().start();
    System.out.println("HttpBin started in " + bin.startupTime().toMillis() + " ms (this JVM may be warm)");
    Path pem = bin.caCertificatePemPath();

    assertTrue(bin.port() > 0);
    assertEquals(InetAddress.getLoopbackAddress(), bin.address().getAddress());
    assertEquals("https://localhost:" + bin.port(), bin.httpsUrl());
    assertEquals("http://localhost:" + bin.port(), bin.httpUrl());
    assertTrue(Files.readString(pem).startsWith("-----BEGIN CERTIFICATE-----"));

    bin.close();

    assertFalse(Files.exists(pem), "the PEM file is removed");
    assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", bin.port()).close());
    bin.close(); // a second close is harmless
  }

  @Test
  void theCertificateIsValidForTheLoopbackIpToo() throws Exception {
    try (HttpBin bin = HttpBin.builder().start()) {
      HttpClient client = HttpClient.newBuilder().sslContext(bin.clientSslContext()).build();

      HttpResponse<String> response = get(client, URI.create("https://127.0.0.1:" + bin.port() + "/ip"));

      assertEquals(200, response.statusCode());
      assertEquals(HttpClient.Version.HTTP_2, response.version());
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCaIsRefused() throws Exception {
    try (HttpBin bin = HttpBin.builder().start()) {
      HttpClient client = HttpClient.newBuilder().build(); // the JDK's default trust store

      Exception e = assertThrows(IOException.class, () -> get(client, bin.https("/get")));
      assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
    }
  }

  @Test
  void withoutTlsThereAreNoHttpsUrls() throws Exception {
    try (HttpBin bin = HttpBin.builder().tls(false).start()) {
      assertFalse(bin.tls());
      assertThrows(IllegalStateException.class, bin::httpsUrl);
      assertThrows(IllegalStateException.class, bin::caCertificate);

      HttpResponse<String> response = get(HttpClient.newHttpClient(), bin.http("/get"));
      assertEquals(200, response.statusCode());
    }
  }

  @Test
  void aGivenCertificateIsServed(@TempDir Path dir) throws Exception {
    Certificates.Authority own = new Certificates().create(List.of("localhost"),
        List.of(InetAddress.getByName("127.0.0.1")));
    Path chain = Files.writeString(dir.resolve("chain.pem"),
        Certificates.toPem(List.of(own.server().certificate(), own.ca().certificate())));
    Path key = Files.writeString(dir.resolve("key.pem"), Certificates.toPem(own.server().key()));

    try (HttpBin bin = HttpBin.builder().certificate(chain, key).start()) {
      X509Certificate ca = bin.caCertificate();
      assertEquals(own.ca().certificate(), ca);
      HttpClient client = HttpClient.newBuilder().sslContext(bin.clientSslContext()).build();

      assertEquals(200, get(client, bin.https("/get")).statusCode());
    }
  }

  @Test
  void aTakenPortIsAClearError() throws Exception {
    try (HttpBin first = HttpBin.builder().start()) {
      IOException e = assertThrows(IOException.class, () -> HttpBin.builder().port(first.port()).start());
      assertTrue(e.getMessage().contains(String.valueOf(first.port())), e.getMessage());
    }
  }

  @Test
  void requestBodiesAreBoundedAsConfigured() throws Exception {
    try (HttpBin bin = HttpBin.builder().tls(false).maxRequestBody(100).start()) {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest.Builder post = HttpRequest.newBuilder(bin.http("/post")).timeout(JdkClients.TIMEOUT);

      assertEquals(200, client.send(post.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100])).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(413, client.send(post.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[101])).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }
}
