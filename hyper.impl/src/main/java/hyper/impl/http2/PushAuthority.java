package hyper.impl.http2;

import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Decides whether this connection is authoritative for a promised request's {@code :scheme} and {@code :authority}
 * (RFC 9113 §8.4.1 and §10.1, RFC 9110 §4.3). The seed left this check to the application; hyper for Java makes it.
 *
 * <ul>
 * <li>The scheme must be the connection's own: {@code https} over TLS, {@code http} over cleartext. (A TLS
 *     connection could be authoritative for {@code http} only through RFC 8164, which hyper does not support.)</li>
 * <li>The authority must carry no userinfo (§8.3.1) and have a valid host and port.</li>
 * <li>Over TLS, the host must be one the server's certificate covers ({@link CertificateNames}): the certificate
 *     is what authenticated the server, and it is what RFC 9110 §4.3.3 and RFC 9113 §9.1.1 make the test for an
 *     {@code https} origin, whatever the port. The host the connection was opened to is always accepted, since
 *     the handshake verified it.</li>
 * <li>Over cleartext ({@code h2c}), nothing authenticates the server beyond the address we dialed, so only that
 *     exact host and port are accepted (RFC 9110 §4.3.2).</li>
 * </ul>
 * Used by the reader thread only.
 */
final class PushAuthority {
    private final boolean secure;
    private final String host;
    private final int port;
    private final Socket socket;
    private CertificateNames names; // read from the TLS session on first use

    PushAuthority(boolean secure, String host, int port, Socket socket) {
        this.secure = secure;
        this.host = host;
        this.port = port;
        this.socket = socket;
    }

    /** Why this connection is not authoritative for {@code scheme} and {@code authority}, or null when it is. */
    String refusal(String scheme, String authority) {
        String expectedScheme = secure ? "https" : "http";
        if (!expectedScheme.equals(scheme)) {
            return ":scheme " + scheme + " on a " + (secure ? "TLS" : "cleartext") + " connection, which is authoritative for "
                    + expectedScheme + " only";
        }
        if (authority.indexOf('@') >= 0) {
            return ":authority " + authority + " has userinfo (§8.3.1)";
        }
        String pushedHost;
        int pushedPort;
        int colon;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return ":authority " + authority + " is not a valid authority";
            }
            pushedHost = authority.substring(1, close);
            colon = close + 1 < authority.length() ? close + 1 : -1;
            if (colon > 0 && authority.charAt(colon) != ':') {
                return ":authority " + authority + " is not a valid authority";
            }
        } else {
            colon = authority.indexOf(':');
            pushedHost = colon < 0 ? authority : authority.substring(0, colon);
        }
        pushedPort = colon < 0 || colon == authority.length() - 1 ? defaultPort() : port(authority.substring(colon + 1));
        if (pushedHost.isEmpty() || pushedPort < 0) {
            return ":authority " + authority + " is not a valid authority";
        }
        if (secure) {
            if (sameHost(pushedHost) || certificateNames().matches(pushedHost)) {
                return null;
            }
            return "the server's certificate does not cover " + pushedHost + " (RFC 9110 §4.3.3)";
        }
        if (sameHost(pushedHost) && pushedPort == port) {
            return null;
        }
        return "a cleartext connection to " + hostForMessage() + ":" + port + " is authoritative for that host and port only";
    }

    private boolean sameHost(String other) {
        byte[] a = CertificateNames.ipLiteral(host);
        byte[] b = CertificateNames.ipLiteral(other);
        if (a != null || b != null) {
            return a != null && b != null && Arrays.equals(a, b);
        }
        String x = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String y = other.endsWith(".") ? other.substring(0, other.length() - 1) : other;
        return x.toLowerCase(Locale.ROOT).equals(y.toLowerCase(Locale.ROOT));
    }

    private CertificateNames certificateNames() {
        if (names == null) {
            names = new CertificateNames(List.of(), List.of());
            if (socket instanceof SSLSocket tls) {
                try {
                    Certificate[] chain = tls.getSession().getPeerCertificates();
                    if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                        names = CertificateNames.of(leaf);
                    }
                } catch (SSLException e) {
                    // no verified peer certificate: only the host we dialed is accepted
                }
            }
        }
        return names;
    }

    private int defaultPort() {
        return secure ? 443 : 80;
    }

    /** A port of 1 to 5 digits within 0..65535, or -1. */
    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5) {
            return -1;
        }
        int p = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            p = p * 10 + (c - '0');
        }
        return p <= 65_535 ? p : -1;
    }

    private String hostForMessage() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
