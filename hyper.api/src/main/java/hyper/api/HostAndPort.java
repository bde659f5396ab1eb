package hyper.api;

/**
 * A host with a port, parsed from {@code "host"}, {@code "host:port"} or {@code "[v6]:port"} as the seed's
 * constructors accept them.
 */
public record HostAndPort(String host, int port) {

    public HostAndPort {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Parses {@code text}; {@code defaultPort} applies when it names none. */
    public static HostAndPort parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        String s = text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in " + text);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostAndPort(host, defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("expected ':port' after ']' in " + text);
            }
            return new HostAndPort(host, port(rest.substring(1), text));
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new HostAndPort(s, defaultPort);
        }
        if (s.indexOf(':') != colon) { // a bare IPv6 address
            return new HostAndPort(s, defaultPort);
        }
        return new HostAndPort(s.substring(0, colon), port(s.substring(colon + 1), text));
    }

    private static int port(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + text + "'", e);
        }
    }

    /** {@code host:port}, bracketing IPv6 literals: the {@code :authority} form. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
