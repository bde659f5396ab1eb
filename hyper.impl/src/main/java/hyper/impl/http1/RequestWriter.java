package hyper.impl.http1;

import hyper.api.Body;
import hyper.api.HeaderMap;
import hyper.api.HyperException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Puts a request on the wire (RFC 9112 §3, §6): request line, Host, the caller's fields, the framing fields, then
 * the body with Content-Length when its size is known and chunked otherwise.
 *
 * <pre>
 *   GET /path HTTP/1.1\r\n                       (through a plain proxy: GET http://host:port/path HTTP/1.1)
 *   Host: host:port\r\n
 *   content-length: 5\r\n    or    transfer-encoding: chunked\r\n
 *   \r\n
 *   hello                    or    5\r\nhello\r\n0\r\n\r\n
 * </pre>
 */
final class RequestWriter {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    private static final int STREAM_CHUNK = 16 * 1024;

    private RequestWriter() {
    }

    /** How the body is framed on the wire. */
    enum Framing { NONE, LENGTH, CHUNKED }

    /** A request ready to write: its head octets and how its body goes. */
    static final class Prepared {
        final byte[] head;
        final Framing framing;
        final long length;
        final Body body;
        final boolean expectContinue;

        Prepared(byte[] head, Framing framing, long length, Body body, boolean expectContinue) {
            this.head = head;
            this.framing = framing;
            this.length = length;
            this.body = body;
            this.expectContinue = expectContinue;
        }
    }

    /**
     * Validates and encodes a request head.
     *
     * @param target the request target as it goes on the wire (origin form, or absolute form through a proxy)
     * @param hostHeader the Host value to add unless the caller gave one
     * @param extra fields added after the caller's (the h2c upgrade), or null
     */
    static Prepared prepare(String method, String target, String hostHeader, Body body, HeaderMap headers,
            HeaderMap extra) {
        checkToken(method, "method");
        checkTarget(target);
        Body b = body == null ? Body.empty() : body;
        HeaderMap h = headers == null ? new HeaderMap(0) : headers;
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ascii(out, method);
        out.write(' ');
        ascii(out, target);
        ascii(out, " HTTP/1.1\r\n");
        if (!h.contains("host")) {
            ascii(out, "Host: ");
            ascii(out, hostHeader);
            out.write(CRLF, 0, 2);
        }
        Framing framing;
        long length = -1;
        String te = h.firstValue("transfer-encoding").orElse(null);
        String cl = h.firstValue("content-length").orElse(null);
        if (te != null) {
            if (!te.trim().toLowerCase(Locale.ROOT).endsWith("chunked")) {
                throw new IllegalArgumentException("a request's Transfer-Encoding must end with chunked, was '" + te + "'");
            }
            if (cl != null) {
                throw new IllegalArgumentException("a request must not have both Transfer-Encoding and Content-Length");
            }
            framing = Framing.CHUNKED;
        } else if (cl != null) {
            try {
                length = Long.parseLong(cl.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad Content-Length '" + cl + "'");
            }
            if (length < 0 || b.length() >= 0 && b.length() != length) {
                throw new IllegalArgumentException("Content-Length " + cl + " does not match the body's length " + b.length());
            }
            framing = length == 0 ? Framing.NONE : Framing.LENGTH;
        } else if (b.length() < 0) {
            framing = Framing.CHUNKED;
        } else {
            length = b.length();
            framing = length == 0 ? Framing.NONE : Framing.LENGTH;
        }
        for (int i = 0; i < h.rawSize(); i++) {
            field(out, h.rawName(i), h.rawValue(i));
        }
        if (extra != null) {
            for (int i = 0; i < extra.rawSize(); i++) {
                field(out, extra.rawName(i), extra.rawValue(i));
            }
        }
        if (te == null && cl == null) {
            if (framing == Framing.CHUNKED) {
                ascii(out, "Transfer-Encoding: chunked\r\n");
            } else if (framing == Framing.LENGTH || bodyExpected(method)) {
                ascii(out, "Content-Length: " + Math.max(0, length) + "\r\n");
            }
        }
        out.write(CRLF, 0, 2);
        boolean expectContinue = framing != Framing.NONE && ResponseHead.hasToken(h, "expect", "100-continue");
        return new Prepared(out.toByteArray(), framing, length, b, expectContinue);
    }

    /** RFC 9110 §8.6: a user agent sends Content-Length: 0 when a method that usually has content has none. */
    private static boolean bodyExpected(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** Writes the body (the head was written already) and ends a chunked body with the last chunk. */
    static void writeBody(OutputStream out, Prepared p) throws IOException {
        Body body = p.body;
        switch (p.framing) {
            case NONE:
                closeQuietly(body.stream());
                return;
            case LENGTH:
                if (body.bytes() != null) {
                    out.write(body.bytes());
                } else if (body.stream() != null) {
                    copyExactly(body.stream(), out, p.length);
                } else {
                    long sent = 0;
                    for (byte[] chunk : body.chunks()) {
                        if (sent + chunk.length > p.length) {
                            throw new HyperException("the request body is longer than its Content-Length " + p.length);
                        }
                        out.write(chunk);
                        sent += chunk.length;
                    }
                    if (sent != p.length) {
                        throw new HyperException("the request body ended after " + sent + " of its Content-Length "
                                + p.length + " octets");
                    }
                }
                return;
            case CHUNKED:
                if (body.bytes() != null) {
                    chunk(out, body.bytes(), 0, body.bytes().length);
                } else if (body.stream() != null) {
                    try (InputStream in = body.stream()) {
                        byte[] buf = new byte[STREAM_CHUNK];
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            chunk(out, buf, 0, n);
                        }
                    }
                } else {
                    for (byte[] c : body.chunks()) {
                        chunk(out, c, 0, c.length);
                    }
                }
                out.write(LAST_CHUNK);
                return;
            default:
                throw new IllegalStateException(p.framing.toString());
        }
    }

    /** One chunk; an empty one is skipped, since a zero size would end the body (RFC 9112 §7.1). */
    private static void chunk(OutputStream out, byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        byte[] size = (Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        out.write(size);
        out.write(b, off, len);
        out.write(CRLF);
    }

    private static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        try (in) {
            byte[] buf = new byte[(int) Math.min(STREAM_CHUNK, Math.max(1, length))];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new HyperException("the request body stream ended " + left + " octets before its length "
                            + length);
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }

    private static void closeQuietly(InputStream in) throws IOException {
        if (in != null) {
            in.close();
        }
    }

    private static void field(ByteArrayOutputStream out, byte[] name, byte[] value) {
        if (name.length == 0) {
            throw new IllegalArgumentException("empty header name");
        }
        for (byte c : name) {
            if (!ResponseHead.tokenChar(c)) {
                throw new IllegalArgumentException("invalid header name '" + new String(name, StandardCharsets.UTF_8) + "'");
            }
        }
        for (byte c : value) {
            if (!ResponseHead.fieldChar(c)) {
                throw new IllegalArgumentException("invalid octet 0x" + Integer.toHexString(c & 0xff) + " in the value of header '"
                        + new String(name, StandardCharsets.UTF_8) + "' (CR, LF and other control characters are refused)");
            }
        }
        out.write(name, 0, name.length);
        out.write(':');
        out.write(' ');
        out.write(value, 0, value.length);
        out.write(CRLF, 0, 2);
    }

    private static void checkToken(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty " + what);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0x7e || !ResponseHead.tokenChar((byte) c)) {
                throw new IllegalArgumentException("invalid " + what + " '" + s + "'");
            }
        }
    }

    private static void checkTarget(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty request target");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("the request target '" + s
                        + "' has a space, a control or a non-ASCII character: percent-encode it (RFC 3986 §2.1)");
            }
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            out.write(s.charAt(i));
        }
    }
}
