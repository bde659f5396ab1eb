package hyper.impl.http1;

import hyper.api.HeaderMap;
import hyper.api.Http1ProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A response's status line and header section (RFC 9112 §4, §5), parsed from an {@link Http1Source}.
 *
 * <pre>
 *   status-line = HTTP-version SP status-code SP [ reason-phrase ] CRLF     ; "HTTP/1.1 200 OK"
 *   field-line  = field-name ":" OWS field-value OWS CRLF                    ; "Content-Length: 5"
 *   (an empty line ends the section)
 * </pre>
 */
final class ResponseHead {
    /** Longest status line, header line, chunk-size line or trailer line accepted. */
    static final int MAX_LINE = 16 * 1024;

    final int minorVersion;
    final int status;
    final String reason;
    final HeaderMap headers;

    private ResponseHead(int minorVersion, int status, String reason, HeaderMap headers) {
        this.minorVersion = minorVersion;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
    }

    /**
     * Reads one head. Returns null when the peer closed the connection before sending any octet of it.
     *
     * @param sectionLimit the most octets the header section may take (ConnectionOptions.maxHeaderListSize)
     */
    static ResponseHead read(Http1Source src, int sectionLimit) throws IOException {
        int lf = src.lineEnd(MAX_LINE, "status line");
        if (lf < 0) {
            return null;
        }
        byte[] b = src.array();
        int start = src.pos();
        int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
        ResponseHead head = parseStatusLine(b, start, end);
        src.consumeTo(lf + 1);
        return new ResponseHead(head.minorVersion, head.status, head.reason, readFields(src, sectionLimit, "header"));
    }

    /** HTTP-version SP 3DIGIT [SP reason]; a missing SP after the code is tolerated (the reason is optional). */
    static ResponseHead parseStatusLine(byte[] b, int start, int end) throws Http1ProtocolException {
        int len = end - start;
        if (len < 12 || b[start] != 'H' || b[start + 1] != 'T' || b[start + 2] != 'T' || b[start + 3] != 'P'
                || b[start + 4] != '/' || !digit(b[start + 5]) || b[start + 6] != '.' || !digit(b[start + 7])
                || b[start + 8] != ' ' || !digit(b[start + 9]) || !digit(b[start + 10]) || !digit(b[start + 11])
                || (len > 12 && b[start + 12] != ' ')) {
            throw new Http1ProtocolException("malformed status line", b, start, len);
        }
        if (b[start + 5] != '1') {
            throw new Http1ProtocolException("unsupported HTTP version in status line", b, start, len);
        }
        int status = (b[start + 9] - '0') * 100 + (b[start + 10] - '0') * 10 + (b[start + 11] - '0');
        if (status < 100) {
            throw new Http1ProtocolException("status code below 100 in status line", b, start, len);
        }
        for (int i = start + 13; i < end; i++) {
            if (!fieldChar(b[i])) {
                throw new Http1ProtocolException("invalid octet in reason phrase", b, start, len);
            }
        }
        String reason = len > 13 ? new String(b, start + 13, len - 13, StandardCharsets.ISO_8859_1) : "";
        return new ResponseHead(b[start + 7] - '0', status, reason, null);
    }

    /**
     * Reads field lines up to the empty line that ends the section: the response headers, or a chunked body's
     * trailer section (RFC 9112 §7.1.2). An obs-fold continuation is joined with one SP (§5.2).
     */
    static HeaderMap readFields(Http1Source src, int sectionLimit, String what) throws IOException {
        HeaderMap fields = new HeaderMap(16);
        byte[] pendingName = null;
        byte[] pendingValue = null;
        int total = 0;
        while (true) {
            int lf = src.lineEnd(Math.min(MAX_LINE, sectionLimit), what + " line");
            if (lf < 0) {
                throw new Http1ProtocolException("the connection closed before the " + what + " section ended");
            }
            byte[] b = src.array();
            int start = src.pos();
            int end = lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
            total += lf + 1 - start;
            if (total > sectionLimit) {
                throw new Http1ProtocolException("the " + what + " section is larger than " + sectionLimit + " octets",
                        b, start, end - start);
            }
            if (end == start) {
                src.consumeTo(lf + 1);
                if (pendingName != null) {
                    fields.add(pendingName, pendingValue);
                }
                return fields;
            }
            if (b[start] == ' ' || b[start] == '\t') {
                if (pendingName == null) {
                    throw new Http1ProtocolException("a folded " + what + " line with nothing to continue", b, start,
                            end - start);
                }
                byte[] more = value(b, start, end, start, end, what);
                byte[] joined = Arrays.copyOf(pendingValue, pendingValue.length + 1 + more.length);
                joined[pendingValue.length] = ' ';
                System.arraycopy(more, 0, joined, pendingValue.length + 1, more.length);
                pendingValue = joined;
            } else {
                if (pendingName != null) {
                    fields.add(pendingName, pendingValue);
                }
                int colon = start;
                while (colon < end && tokenChar(b[colon])) {
                    colon++;
                }
                if (colon == start || colon == end || b[colon] != ':') {
                    throw new Http1ProtocolException("malformed " + what + " line", b, start, end - start);
                }
                pendingName = Arrays.copyOfRange(b, start, colon);
                pendingValue = value(b, colon + 1, end, start, end, what);
            }
            src.consumeTo(lf + 1);
        }
    }

    /** The field value between {@code from} and {@code to} without surrounding whitespace; CTLs are refused. */
    private static byte[] value(byte[] b, int from, int to, int lineStart, int lineEnd, String what)
            throws Http1ProtocolException {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (!fieldChar(b[i])) {
                throw new Http1ProtocolException("invalid octet 0x" + Integer.toHexString(b[i] & 0xff) + " in a "
                        + what + " value", b, lineStart, lineEnd - lineStart);
            }
        }
        return Arrays.copyOfRange(b, from, to);
    }

    /** Whether the field's comma-separated values include {@code token}, ignoring case (e.g. Connection: close). */
    static boolean hasToken(HeaderMap headers, String name, String token) {
        List<byte[]> values = headers.get(name);
        for (byte[] v : values) {
            if (new String(v, StandardCharsets.ISO_8859_1).trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110 §5.6.2 tchar. */
    static boolean tokenChar(byte c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        switch (c) {
            case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-': case '.':
            case '^': case '_': case '`': case '|': case '~':
                return true;
            default:
                return false;
        }
    }

    /** field-vchar, SP, HTAB or obs-text (RFC 9110 §5.5): anything but CTLs other than HTAB. */
    static boolean fieldChar(byte c) {
        int u = c & 0xff;
        return u == '\t' || u >= 0x20 && u != 0x7f;
    }
}
