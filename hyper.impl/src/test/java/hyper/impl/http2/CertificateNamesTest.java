package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Host names against certificate identities (RFC 6125 §6.4, RFC 9525 §6.3): what a push's authority is checked with. */
class CertificateNamesTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "example.com,        example.com,          true",
        "EXAMPLE.com,        example.COM,          true",
        "example.com.,       example.com,          true",
        "example.com,        example.com.,         true",
        "www.example.com,    example.com,          false",
        "example.com,        www.example.com,      false",
        "www.example.com,    *.example.com,        true",
        "WWW.Example.Com,    *.example.com,        true",
        "example.com,        *.example.com,        false",
        "a.b.example.com,    *.example.com,        false",
        ".example.com,       *.example.com,        false",
        "example.com,        *.com,                false",
        "foo.example.com,    f*.example.com,       false",
        "foo.example.com,    *o.example.com,       false",
        "www.example.com,    www.*.com,            false",
        "www.example.com,    *.*.com,              false",
        "bücher.example,     xn--bcher-kva.example, true",
        "www.bücher.example, *.xn--bcher-kva.example, true",
    })
    void dnsNames(String host, String pattern, boolean matches) {
        CertificateNames names = new CertificateNames(List.of(pattern), List.of());
        assertEquals(matches, names.matches(host));
    }

    @Test
    void ipAddressesMatchIpEntriesOnlyByTheirOctets() {
        CertificateNames names = new CertificateNames(List.of("127.0.0.1", "*.0.0.1"),
                List.of(CertificateNames.ipLiteral("10.0.0.7"), CertificateNames.ipLiteral("::1")));
        assertTrue(names.matches("10.0.0.7"));
        assertTrue(names.matches("0:0:0:0:0:0:0:1"));
        assertTrue(names.matches("::1"));
        assertFalse(names.matches("127.0.0.1"), "a dNSName never matches an IP address");
        assertFalse(names.matches("10.0.0.8"));
    }

    @Test
    void ipLiteralsAreParsedWithoutAResolver() {
        assertArrayEquals(new byte[] {127, 0, 0, 1}, CertificateNames.ipLiteral("127.0.0.1"));
        assertArrayEquals(new byte[] {(byte) 255, 0, 10, 1}, CertificateNames.ipLiteral("255.0.10.1"));
        assertNull(CertificateNames.ipLiteral("256.0.0.1"));
        assertNull(CertificateNames.ipLiteral("1.2.3"));
        assertNull(CertificateNames.ipLiteral("1.2.3.4.5"));
        assertNull(CertificateNames.ipLiteral("1..3.4"));
        assertNull(CertificateNames.ipLiteral("localhost"));
        assertNull(CertificateNames.ipLiteral("fe80::1%eth0"), "zone ids are not literals we compare");
        assertNull(CertificateNames.ipLiteral("::g"));
        assertEquals(16, CertificateNames.ipLiteral("2001:db8::1").length);
    }

    @Test
    void theNamesComeFromTheCertificatesSubjectAltName() throws Exception {
        RealServer.Certificates made = RealServer.Certificates.create("ignored.example",
                "DNS:localhost,DNS:*.push.test,IP:127.0.0.1,IP:::1");
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(made.cert())) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        CertificateNames names = CertificateNames.of(cert);
        assertTrue(names.matches("localhost"));
        assertTrue(names.matches("img.push.test"));
        assertTrue(names.matches("127.0.0.1"));
        assertTrue(names.matches("::1"));
        assertFalse(names.matches("ignored.example"), "the common name is not an identity (RFC 9525 §6.2)");
        assertFalse(names.matches("push.test"));
    }
}
