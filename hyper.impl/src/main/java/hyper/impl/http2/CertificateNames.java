package hyper.impl.http2;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The identities a server certificate presents (its subjectAltName, RFC 5280 §4.2.1.6) and whether a host matches
 * one, by the rules of RFC 6125 §6.4 as tightened by RFC 9525 §6.3:
 * <ul>
 * <li>a DNS name matches a dNSName entry, ASCII case-insensitively, after IDNA conversion to A-labels and
 *     ignoring one trailing dot;</li>
 * <li>a wildcard is allowed only as the whole left-most label ({@code *.example.com}), matches exactly one
 *     non-empty label, and needs at least two labels after it: {@code *.com} and {@code f*.example.com}
 *     match nothing;</li>
 * <li>an IP address matches an iPAddress entry of the same octets, and never a dNSName;</li>
 * <li>the subject's common name is not consulted (RFC 9525 §6.2 drops the CN-ID fallback).</li>
 * </ul>
 * The JDK has the same logic in {@code sun.security.util.HostnameChecker}, which is not exported.
 */
final class CertificateNames {
    private static final int DNS_NAME = 2;   // GeneralName tags, RFC 5280 §4.2.1.6
    private static final int IP_ADDRESS = 7;

    private final List<String> dnsNames;
    private final List<byte[]> ipAddresses;

    CertificateNames(List<String> dnsNames, List<byte[]> ipAddresses) {
        this.dnsNames = dnsNames;
        this.ipAddresses = ipAddresses;
    }

    /** The subjectAltName identities of {@code cert}; none when it has no such extension or it cannot be parsed. */
    static CertificateNames of(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<byte[]> ips = new ArrayList<>();
        Collection<List<?>> names;
        try {
            names = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            names = null;
        }
        if (names != null) {
            for (List<?> entry : names) {
                int tag = (Integer) entry.get(0);
                if (tag == DNS_NAME && entry.get(1) instanceof String name) {
                    dns.add(name);
                } else if (tag == IP_ADDRESS && entry.get(1) instanceof String address) {
                    byte[] octets = ipLiteral(address); // the JDK gives iPAddress entries as text
                    if (octets != null) {
                        ips.add(octets);
                    }
                }
            }
        }
        return new CertificateNames(dns, ips);
    }

    /** Whether {@code host} (a DNS name or an IP literal, without brackets or port) is one of these identities. */
    boolean matches(String host) {
        byte[] ip = ipLiteral(host);
        if (ip != null) {
            for (byte[] candidate : ipAddresses) {
                if (Arrays.equals(candidate, ip)) {
                    return true;
                }
            }
            return false;
        }
        String name = normalize(host);
        if (name == null) {
            return false;
        }
        for (String pattern : dnsNames) {
            if (matchesDnsName(name, pattern)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the normalized DNS name {@code host} matches the dNSName {@code pattern}. */
    static boolean matchesDnsName(String host, String pattern) {
        String p = normalize(pattern.startsWith("*.") ? pattern.substring(2) : pattern);
        if (p == null || p.indexOf('*') >= 0) {
            return false; // a wildcard anywhere but the whole left-most label never matches
        }
        if (!pattern.startsWith("*.")) {
            return host.equals(p);
        }
        if (p.indexOf('.') < 0) {
            return false; // "*.com": too broad to be a name of one server
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot + 1).equals(p); // "*" stands for exactly one non-empty label
    }

    /** Lower-case A-label form without a trailing dot, or null when it is not a valid host name. */
    private static String normalize(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) {
            return null;
        }
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** The octets of an IPv4 (dotted quad) or IPv6 literal, or null when {@code s} is not one. Never resolves names. */
    static byte[] ipLiteral(String s) {
        if (s.indexOf(':') < 0) {
            return ipv4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null; // zone ids and anything else a resolver might be asked about
            }
        }
        try {
            return InetAddress.getByName(s).getAddress(); // with a ':' the JDK parses a literal and never looks it up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four decimal octets 0-255 separated by dots (RFC 3986 §3.2.2 IPv4address), or null. */
    private static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }
}
