package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated CA and server certificate pass the JDK's own PKIX and TLS checks. */
class CertificatesTest {
  private static Certificates.Authority authority;

  @BeforeAll
  static void create() throws Exception {
    authority = new Certificates().create(List.of("localhost"),
        List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1")));
  }

  @Test
  void theServerCertificateChainsToTheCa() throws Exception {
    X509Certificate ca = authority.ca().certificate();
    X509Certificate server = authority.server().certificate();
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);

    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(List.of(server)), parameters);

    assertEquals(ca.getSubjectX500Principal(), server.getIssuerX500Principal());
    assertEquals(0, ca.getBasicConstraints(), "a CA, path length 0");
    assertEquals(-1, server.getBasicConstraints(), "not a CA");
  }

  @Test
  void theServerCertificateNamesLocalhostAndTheLoopbackAddresses() throws Exception {
    X509Certificate server = authority.server().certificate();

    assertEquals(List.of(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")),
        server.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), server.getExtendedKeyUsage());
    assertTrue(server.getKeyUsage()[0], "digitalSignature");
  }

  @Test
  void theJdkTrustManagerAcceptsTheChainForTls() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("ca", authority.ca().certificate());
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    X509TrustManager trust = (X509TrustManager) factory.getTrustManagers()[0];

    trust.checkServerTrusted(new X509Certificate[] {authority.server().certificate()}, "ECDHE_ECDSA");
  }

  @Test
  void pemRoundTripsThroughTheJdkParsers() throws Exception {
    String pem = Certificates.toPem(List.of(authority.server().certificate(), authority.ca().certificate()));

    List<?> parsed = List.copyOf(CertificateFactory.getInstance("X.509")
        .generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes())));
    assertEquals(List.of(authority.server().certificate(), authority.ca().certificate()), parsed);
    assertArrayEquals(authority.server().key().getEncoded(),
        Certificates.readPrivateKey(Certificates.toPem(authority.server().key())).getEncoded());
  }

  @Test
  void derEncodesLongLengthsAndLargeOidArcs() {
    assertArrayEquals(new byte[] {0x06, 0x03, 0x55, 0x1d, 0x11}, Der.oid("2.5.29.17"));
    assertArrayEquals(new byte[] {0x06, 0x06, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02},
        Der.oid("1.2.840.10045.2"));
    byte[] longString = Der.octetString(new byte[300]);
    assertArrayEquals(new byte[] {0x04, (byte) 0x82, 0x01, 0x2c}, java.util.Arrays.copyOf(longString, 4));
  }
}
