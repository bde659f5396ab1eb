package hyper.httpbin;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes a throw-away certificate authority and a server certificate signed by it, with the JDK alone.
 *
 * <p>Netty's SelfSignedCertificate either needs BouncyCastle or reaches into sun.security.x509, which JPMS
 * forbids; and it makes a single self-signed leaf with no subjectAltName, which hostname verification of an
 * IP address rejects. Writing the few DER structures of RFC 5280 ourselves avoids both, and ECDSA P-256 keys
 * are generated in milliseconds, which keeps start-up fast.
 */
final class Certificates {
  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2"; // RFC 5758 §3.2
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  private static final String KEY_USAGE = "2.5.29.15";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
  private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  /** A certificate together with the private key of its subject. */
  record Issued(X509Certificate certificate, PrivateKey key) {}

  /** A CA and a server certificate it signed; the server presents {@code [server, ca]}. */
  record Authority(Issued ca, Issued server) {}

  private final SecureRandom random = new SecureRandom();

  /** Makes a CA and a server certificate valid for the given DNS names and IP addresses (RFC 5280 §4.2.1.6). */
  Authority create(List<String> dnsNames, List<InetAddress> addresses) throws GeneralSecurityException {
    KeyPair caKeys = newKeyPair();
    KeyPair serverKeys = newKeyPair();
    ZonedDateTime now = ZonedDateTime.now();
    ZonedDateTime notBefore = now.minusHours(1); // tolerate clock skew between test processes
    ZonedDateTime notAfter = now.plusDays(90);

    byte[] caName = name("hyper.httpbin test CA");
    byte[] caKeyId = keyIdentifier(caKeys);
    List<byte[]> caExtensions = List.of(
        extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true), Der.integer(BigInteger.ZERO))),
        // keyCertSign (bit 5) and cRLSign (bit 6): 0b0000_0110, the last bit unused (RFC 5280 §4.2.1.3)
        extension(KEY_USAGE, true, Der.bitString(1, new byte[] {0x06})),
        extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(caKeyId)));
    X509Certificate caCert =
        sign(caName, caName, notBefore, notAfter, caKeys.getPublic().getEncoded(), caExtensions, caKeys);

    List<byte[]> altNames = new ArrayList<>();
    for (String dns : dnsNames) {
      altNames.add(Der.implicitPrimitive(2, dns.getBytes(StandardCharsets.US_ASCII))); // dNSName [2]
    }
    for (InetAddress address : addresses) {
      altNames.add(Der.implicitPrimitive(7, address.getAddress())); // iPAddress [7]
    }
    List<byte[]> serverExtensions = List.of(
        extension(BASIC_CONSTRAINTS, true, Der.sequence()),
        // digitalSignature (bit 0): 0b1000_0000, seven unused bits
        extension(KEY_USAGE, true, Der.bitString(7, new byte[] {(byte) 0x80})),
        extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
        extension(SUBJECT_ALT_NAME, false, Der.sequence(altNames.toArray(new byte[0][]))),
        extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(serverKeys))),
        extension(AUTHORITY_KEY_IDENTIFIER, false, Der.sequence(Der.implicitPrimitive(0, caKeyId))));
    String serverCn = dnsNames.isEmpty() ? "localhost" : dnsNames.get(0);
    X509Certificate serverCert = sign(caName, name(serverCn), notBefore, notAfter,
        serverKeys.getPublic().getEncoded(), serverExtensions, caKeys);

    return new Authority(new Issued(caCert, caKeys.getPrivate()), new Issued(serverCert, serverKeys.getPrivate()));
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** RFC 5280 §4.2.1.2 lets the key identifier be any unique value; a SHA-1 of the SubjectPublicKeyInfo is one. */
  private static byte[] keyIdentifier(KeyPair keys) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded());
  }

  /** Name ::= SEQUENCE OF SET OF AttributeTypeAndValue; we only need a common name. */
  private static byte[] name(String commonName) {
    return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
  }

  /** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
  private static byte[] extension(String oid, boolean critical, byte[] value) {
    if (critical) {
      return Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value));
    }
    return Der.sequence(Der.oid(oid), Der.octetString(value)); // DER omits a DEFAULT value
  }

  /**
   * Builds and signs a certificate (RFC 5280 §4.1).
   * <pre>
   * Certificate  ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
   * TBSCertificate ::= SEQUENCE { [0] version, serialNumber, signature, issuer, validity,
   *                               subject, subjectPublicKeyInfo, [3] extensions }
   * </pre>
   */
  private X509Certificate sign(byte[] issuer, byte[] subject, ZonedDateTime notBefore, ZonedDateTime notAfter,
      byte[] subjectPublicKeyInfo, List<byte[]> extensions, KeyPair issuerKeys) throws GeneralSecurityException {
    byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256)); // parameters absent (RFC 5758 §3.2)
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
        Der.integer(new BigInteger(63, random).add(BigInteger.ONE)), // positive, at most 20 octets (§4.1.2.2)
        algorithm,
        issuer,
        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
        subject,
        subjectPublicKeyInfo,
        Der.explicit(3, Der.sequence(extensions.toArray(new byte[0][]))));
    Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
    signer.initSign(issuerKeys.getPrivate(), random);
    signer.update(tbs);
    byte[] signature = signer.sign(); // already the DER Ecdsa-Sig-Value that X.509 wants (RFC 3279 §2.2.3)
    byte[] der = Der.sequence(tbs, algorithm, Der.bitString(0, signature));
    X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
    certificate.verify(issuerKeys.getPublic());
    return certificate;
  }

  /** PEM text of certificates (RFC 7468 §5), one block each. */
  static String toPem(List<X509Certificate> certificates) throws GeneralSecurityException {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      pem.append("-----BEGIN CERTIFICATE-----\n")
          .append(base64.encodeToString(certificate.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    return pem.toString();
  }

  /** Reads an unencrypted PKCS #8 private key ("BEGIN PRIVATE KEY", RFC 7468 §10) of any JDK algorithm. */
  static PrivateKey readPrivateKey(String pem) throws GeneralSecurityException {
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new GeneralSecurityException("no unencrypted PKCS #8 block (" + begin + ") in the key file");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported private key", last);
  }

  /** PEM text of a PKCS #8 private key (RFC 7468 §10). */
  static String toPem(PrivateKey key) {
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    return "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
