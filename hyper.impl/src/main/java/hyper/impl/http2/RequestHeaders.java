package hyper.impl.http2;

import hyper.api.HeaderMap;
import hyper.api.HyperException;
import hyper.api.spi.HeaderFields;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header fields of one request, in wire order (pseudo-headers first, RFC 9113 §8.3.1), as the view the HPACK
 * encoder takes. Built from the caller's {@link HeaderMap}: names are already lower-case; connection-specific
 * fields are dropped (§8.2.2, seed §6.1.2 {@code putheader}); {@code host} becomes {@code :authority}.
 */
final class RequestHeaders implements HeaderFields {
    static final byte[] METHOD = ascii(":method");
    static final byte[] SCHEME = ascii(":scheme");
    static final byte[] AUTHORITY = ascii(":authority");
    static final byte[] PATH = ascii(":path");
    static final byte[] CONTENT_LENGTH = ascii("content-length");
    static final byte[] HTTPS = ascii("https");
    static final byte[] HTTP = ascii("http");
    private static final byte[] GET = ascii("GET");
    private static final byte[] POST = ascii("POST");
    private static final byte[] SLASH = ascii("/");

    private byte[][] names;
    private byte[][] values;
    /** Per field: {@link #SENSITIVE}, {@link #CONSTANT}. */
    private byte[] flags;
    private static final byte SENSITIVE = 1;
    /** Both arrays are this class's or the connection's own, never changed: see {@link HeaderFields#constant}. */
    private static final byte CONSTANT = 2;
    private int size;
    private long listSize; // RFC 9113 §6.5.2 accounting: name + value + 32 per field
    private long contentLength = -1;
    private final boolean head;

    private RequestHeaders(int capacity, boolean head) {
        names = new byte[capacity][];
        values = new byte[capacity][];
        flags = new byte[capacity];
        this.head = head;
    }

    /**
     * The fields for a request.
     *
     * @param bodyLength the body's length when known (sets content-length unless given), or -1
     * @throws HyperException a header name or value cannot be sent (a CR, LF or NUL; an invalid name; a pseudo-header)
     */
    static RequestHeaders of(String method, byte[] scheme, byte[] authority, String url, HeaderMap headers,
            long bodyLength) throws HyperException {
        if (method == null || method.isEmpty() || !isToken(ascii(method), false)) {
            throw new HyperException("invalid request method '" + method + "'");
        }
        int raw = headers == null ? 0 : headers.rawSize();
        RequestHeaders f = new RequestHeaders(raw + 5, method.equals("HEAD"));
        // The connection's scheme and authority arrays live as long as it does and are never changed, so
        // these fields are constants: a warm encoder finds them by identity (RFC 7541 tables, not octets).
        byte[] m = method.equals("GET") ? GET : method.equals("POST") ? POST : ascii(method);
        f.add(METHOD, m, m == GET || m == POST ? CONSTANT : 0);
        f.add(SCHEME, scheme, CONSTANT);
        f.add(AUTHORITY, authority, CONSTANT);
        byte[] p = path(url);
        f.add(PATH, p, p == SLASH ? CONSTANT : 0);
        boolean hasContentLength = false;
        for (int i = 0; i < raw; i++) {
            byte[] name = headers.rawName(i);
            byte[] value = headers.rawValue(i);
            checkField(name, value);
            if (isConnectionSpecific(name, value)) {
                continue; // RFC 9113 §8.2.2: not allowed in HTTP/2; stripped so HTTP/1.1 code runs unchanged
            }
            if (equals(name, "host")) {
                f.listSize += value.length - f.values[2].length;
                f.values[2] = value; // §8.3.1: :authority replaces Host
                f.flags[2] = 0; // the caller's array: not known to be a constant
                continue;
            }
            if (equals(name, "content-length")) {
                hasContentLength = true;
                f.contentLength = parseLength(value);
            }
            f.add(name, value, isSensitive(name, value) ? SENSITIVE : 0);
        }
        if (!hasContentLength && bodyLength > 0) {
            f.add(CONTENT_LENGTH, ascii(Long.toString(bodyLength)), 0);
            f.contentLength = bodyLength;
        }
        return f;
    }

    private void add(byte[] name, byte[] value, int fieldFlags) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
            flags = Arrays.copyOf(flags, size * 2);
        }
        names[size] = name;
        values[size] = value;
        flags[size] = (byte) fieldFlags;
        size++;
        listSize += name.length + value.length + 32;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[] name(int i) {
        return names[i];
    }

    @Override
    public byte[] value(int i) {
        return values[i];
    }

    @Override
    public boolean sensitive(int i) {
        return (flags[i] & SENSITIVE) != 0;
    }

    @Override
    public boolean constant(int i) {
        return (flags[i] & CONSTANT) != 0;
    }

    /** Always: the pseudo-header names are this class's, and every other name passed {@link #checkField}. */
    @Override
    public boolean lowerCase(int i) {
        return true;
    }

    /** The header list size as SETTINGS_MAX_HEADER_LIST_SIZE counts it (§6.5.2). */
    long listSize() {
        return listSize;
    }

    /** The content-length given or set, or -1. */
    long contentLength() {
        return contentLength;
    }

    /** Whether the method is HEAD (its response has no body whatever content-length says). */
    boolean isHead() {
        return head;
    }

    /** The {@code :path} of {@code url}: a path as given, or the path and query of an absolute URL. */
    static byte[] path(String url) throws HyperException {
        if (url == null || url.isEmpty()) {
            return SLASH;
        }
        String p = url;
        int scheme = url.indexOf("://");
        if (scheme > 0 && url.indexOf('/') > scheme) {
            int slash = url.indexOf('/', scheme + 3);
            int query = url.indexOf('?', scheme + 3);
            int start = slash < 0 ? query : query < 0 ? slash : Math.min(slash, query);
            p = start < 0 ? "/" : url.substring(start);
            if (p.startsWith("?")) {
                p = "/" + p;
            }
        }
        int hash = p.indexOf('#');
        if (hash >= 0) {
            p = p.substring(0, hash); // fragments are never sent
        }
        if (p.equals("/")) {
            return SLASH; // the commonest path, and a constant the encoder can find by identity
        }
        byte[] b = p.getBytes(StandardCharsets.UTF_8);
        for (byte c : b) {
            if (c <= 0x20 || c == 0x7f) {
                throw new HyperException("invalid character 0x" + Integer.toHexString(c & 0xff) + " in request path '" + url + "'");
            }
        }
        return b;
    }

    private static void checkField(byte[] name, byte[] value) throws HyperException {
        if (name.length == 0 || name[0] == ':') {
            throw new HyperException("header name '" + text(name) + "' is not allowed in a request: pseudo-headers are set by hyper");
        }
        if (!isToken(name, true)) {
            throw new HyperException("invalid header name '" + text(name) + "'");
        }
        for (byte c : value) {
            if (c == 0 || c == '\r' || c == '\n') {
                throw new HyperException("header " + text(name) + " has a CR, LF or NUL in its value");
            }
        }
    }

    /** §8.2.2: fields that only make sense hop-by-hop in HTTP/1.1; {@code te} is allowed only as "trailers". */
    static boolean isConnectionSpecific(byte[] name, byte[] value) {
        switch (name.length) {
            case 2:
                return equals(name, "te") && !equalsIgnoreCase(value, "trailers");
            case 7:
                return equals(name, "upgrade");
            case 10:
                return equals(name, "connection") || equals(name, "keep-alive");
            case 16:
                return equals(name, "proxy-connection");
            case 17:
                return equals(name, "transfer-encoding");
            default:
                return false;
        }
    }

    /** RFC 7541 §7.1.3: credentials, and cookies short enough to guess, are never indexed. */
    private static boolean isSensitive(byte[] name, byte[] value) {
        return equals(name, "authorization") || equals(name, "proxy-authorization")
                || (equals(name, "cookie") && value.length < 20);
    }

    /** RFC 9110 §5.6.2 token characters; {@code lowerOnly} refuses upper-case letters (RFC 9113 §8.2.1). */
    static boolean isToken(byte[] b, boolean lowerOnly) {
        for (byte c : b) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (!lowerOnly && c >= 'A' && c <= 'Z')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return b.length > 0;
    }

    private static long parseLength(byte[] value) throws HyperException {
        long n = parseContentLength(value);
        if (n < 0) {
            throw new HyperException("invalid content-length '" + text(value) + "'");
        }
        return n;
    }

    /** A content-length value as a number, or -1 if it is not one (1*DIGIT, RFC 9110 §8.6). */
    static long parseContentLength(byte[] value) {
        if (value.length == 0 || value.length > 18) {
            return -1;
        }
        long n = 0;
        for (byte c : value) {
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static boolean equals(byte[] b, String s) {
        if (b.length != s.length()) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCase(byte[] b, String s) {
        return b.length == s.length() && new String(b, StandardCharsets.ISO_8859_1).equalsIgnoreCase(s);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
