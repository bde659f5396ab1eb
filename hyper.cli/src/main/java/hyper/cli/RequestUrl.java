package hyper.cli;

import hyper.cli.RequestItems.Item;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The URL argument: {@code [scheme://]host[:port][/path][?query]}. The scheme defaults to https (seed §3.2), and
 * {@code :8443/get} is short for {@code https://localhost:8443/get}. The fragment is not sent (RFC 9110 §4.2.4).
 *
 * @param pathAndQuery the request target, origin form (RFC 9112 §3.2.1): starts with '/', percent-encoded
 */
record RequestUrl(String scheme, String host, int port, String pathAndQuery) {

    /** Parses {@code text}. */
    static RequestUrl parse(String text) throws UsageException {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new UsageException("the URL is empty");
        }
        if (s.startsWith(":")) { // ":8443/get" and ":/get", as HTTPie has it
            s = "localhost" + (s.length() == 1 || s.charAt(1) == '/' ? s.substring(1) : s);
        }
        String scheme = "https";
        int sep = s.indexOf("://");
        if (sep >= 0 && s.substring(0, sep).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
            s = s.substring(sep + 3);
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new UsageException("unsupported URL scheme '" + scheme + "' in '" + text + "': hyper speaks http and https");
        }
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        int end = 0;
        while (end < s.length() && s.charAt(end) != '/' && s.charAt(end) != '?') {
            end++;
        }
        String authority = s.substring(0, end);
        String target = s.substring(end);
        if (authority.indexOf('@') >= 0) {
            throw new UsageException("credentials in the URL are not supported: '" + text
                    + "'; send an Authorization:... header instead");
        }
        String host = authority;
        int port = scheme.equals("https") ? 443 : 80;
        int colon = authority.lastIndexOf(':');
        if (authority.startsWith("[")) { // RFC 3986 §3.2.2: IPv6 literal
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new UsageException("bad URL '" + text + "': unclosed '[' in the host");
            }
            host = authority.substring(1, close);
            colon = close + 1 < authority.length() && authority.charAt(close + 1) == ':' ? close + 1 : -1;
            if (colon < 0 && close + 1 != authority.length()) {
                throw new UsageException("bad URL '" + text + "': expected ':port' after ']'");
            }
        } else if (colon >= 0) {
            host = authority.substring(0, colon);
        }
        if (colon >= 0) {
            port = port(authority.substring(colon + 1), text);
        }
        if (host.isEmpty()) {
            throw new UsageException("bad URL '" + text + "': no host");
        }
        if (target.isEmpty() || target.charAt(0) == '?') {
            target = "/" + target;
        }
        return new RequestUrl(scheme, host, port, encode(target));
    }

    private static int port(String digits, String text) throws UsageException {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UsageException("bad URL '" + text + "': the port '" + digits + "' is not a number");
        }
        int port = Integer.parseInt(digits);
        if (port < 1 || port > 65_535) {
            throw new UsageException("bad URL '" + text + "': port " + port + " is out of range 1-65535");
        }
        return port;
    }

    /** Whether the scheme is https. */
    boolean secure() {
        return scheme.equals("https");
    }

    /** {@code host:port} with IPv6 literals bracketed: what {@code hyper.api.Hyper} takes. */
    String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** This URL with {@code name==value} items appended to its query, percent-encoded. */
    RequestUrl withQuery(List<Item> query) {
        if (query.isEmpty()) {
            return this;
        }
        StringBuilder sb = new StringBuilder(pathAndQuery);
        char last = sb.charAt(sb.length() - 1);
        if (pathAndQuery.indexOf('?') < 0) {
            sb.append('?');
        } else if (last != '?' && last != '&') {
            sb.append('&');
        }
        for (int i = 0; i < query.size(); i++) {
            if (i > 0) {
                sb.append('&');
            }
            percentEncode(query.get(i).name(), sb, false);
            sb.append('=');
            percentEncode(query.get(i).value(), sb, false);
        }
        return new RequestUrl(scheme, host, port, sb.toString());
    }

    @Override
    public String toString() {
        boolean defaultPort = port == (secure() ? 443 : 80);
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + h + (defaultPort ? "" : ":" + port) + pathAndQuery;
    }

    /** Encodes what may not appear in a request target as typed (spaces, non-ASCII); keeps existing escapes. */
    private static String encode(String target) {
        StringBuilder sb = new StringBuilder(target.length());
        percentEncode(target, sb, true);
        return sb.toString();
    }

    /**
     * Percent-encodes {@code s} as UTF-8 (RFC 3986 §2.1). A query item ({@code keepDelimiters == false}) keeps only
     * unreserved characters; a typed target also keeps its delimiters and existing {@code %XX} escapes.
     */
    private static void percentEncode(String s, StringBuilder sb, boolean keepDelimiters) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '%' && keepDelimiters && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                sb.append('%'); // an escape already there
                continue;
            }
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            boolean delimiter = c > 0x20 && c < 0x7f && "\"%<>\\^`{|}".indexOf(c) < 0;
            if (unreserved || (keepDelimiters && delimiter)) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
