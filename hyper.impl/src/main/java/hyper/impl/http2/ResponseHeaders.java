package hyper.impl.http2;

import hyper.api.ErrorCode;
import hyper.api.HeaderMap;

/**
 * Checks a response's header blocks against RFC 9113 §8.1.1, §8.2 and §8.3.2, and turns them into a
 * {@link HeaderMap}. A malformed block is a stream error of type PROTOCOL_ERROR (§8.1.1).
 */
final class ResponseHeaders {
    private ResponseHeaders() {
    }

    /**
     * Validates a response header block and returns its {@code :status}: exactly one, first, three digits; no
     * other pseudo-header; lower-case valid names; no connection-specific field; no CR, LF or NUL in values,
     * nor whitespace at their ends.
     */
    static int validateResponse(HeaderBlock block, int streamId) throws StreamError {
        int status = -1;
        boolean regularSeen = false;
        for (int i = 0; i < block.size(); i++) {
            byte[] name = block.name(i);
            if (name.length > 0 && name[0] == ':') {
                if (regularSeen) {
                    throw malformed(streamId, "pseudo-header " + RequestHeaders.text(name) + " after a regular field (§8.3)");
                }
                if (!RequestHeaders.equals(name, ":status")) {
                    throw malformed(streamId, "pseudo-header " + RequestHeaders.text(name) + " is not allowed in a response (§8.3.2)");
                }
                if (status >= 0) {
                    throw malformed(streamId, "duplicate :status (§8.3.2)");
                }
                status = parseStatus(block.value(i), streamId);
                continue;
            }
            regularSeen = true;
            checkRegular(name, block.value(i), streamId);
        }
        if (status < 0) {
            throw malformed(streamId, "response without :status (§8.3.2)");
        }
        return status;
    }

    /** Validates a trailer block: regular fields only (§8.1). */
    static void validateTrailers(HeaderBlock block, int streamId) throws StreamError {
        for (int i = 0; i < block.size(); i++) {
            byte[] name = block.name(i);
            if (name.length > 0 && name[0] == ':') {
                throw malformed(streamId, "pseudo-header " + RequestHeaders.text(name) + " in trailers (§8.1)");
            }
            checkRegular(name, block.value(i), streamId);
        }
    }

    /** The regular fields of a validated block. The arrays are the decoder's, handed over without copying. */
    static HeaderMap toMap(HeaderBlock block) {
        HeaderMap map = new HeaderMap(block.size());
        for (int i = 0; i < block.size(); i++) {
            byte[] name = block.name(i);
            if (name.length == 0 || name[0] != ':') {
                map.add(name, block.value(i));
            }
        }
        return map;
    }

    /** The content-length of a validated block, or -1 when absent; differing or invalid values are malformed. */
    static long contentLength(HeaderBlock block, int streamId) throws StreamError {
        long length = -1;
        for (int i = 0; i < block.size(); i++) {
            if (RequestHeaders.equals(block.name(i), "content-length")) {
                long n = RequestHeaders.parseContentLength(block.value(i));
                if (n < 0 || (length >= 0 && n != length)) {
                    throw malformed(streamId, "invalid content-length '" + RequestHeaders.text(block.value(i)) + "'");
                }
                length = n;
            }
        }
        return length;
    }

    private static void checkRegular(byte[] name, byte[] value, int streamId) throws StreamError {
        String problem = regularFieldProblem(name, value);
        if (problem != null) {
            throw malformed(streamId, problem);
        }
    }

    /**
     * What is wrong with a regular (non-pseudo) field of a received block, or null: a name that is not a
     * lower-case token, a connection-specific field, a CR, LF or NUL in the value, whitespace at its ends (§8.2).
     */
    static String regularFieldProblem(byte[] name, byte[] value) {
        if (!RequestHeaders.isToken(name, true)) {
            return "invalid field name '" + RequestHeaders.text(name) + "' (upper case or not a token, §8.2.1)";
        }
        if (RequestHeaders.isConnectionSpecific(name, value)) {
            return "connection-specific field " + RequestHeaders.text(name) + " (§8.2.2)";
        }
        int n = value.length;
        for (byte c : value) {
            if (c == 0 || c == '\r' || c == '\n') {
                return "field " + RequestHeaders.text(name) + " has a CR, LF or NUL in its value (§8.2.1)";
            }
        }
        if (n > 0 && (isWhitespace(value[0]) || isWhitespace(value[n - 1]))) {
            return "field " + RequestHeaders.text(name) + " starts or ends with whitespace (§8.2.1)";
        }
        return null;
    }

    private static int parseStatus(byte[] v, int streamId) throws StreamError {
        if (v.length != 3 || !isDigit(v[0]) || !isDigit(v[1]) || !isDigit(v[2]) || v[0] == '0') {
            throw malformed(streamId, "invalid :status '" + RequestHeaders.text(v) + "'");
        }
        return (v[0] - '0') * 100 + (v[1] - '0') * 10 + (v[2] - '0');
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t';
    }

    static StreamError malformed(int streamId, String why) {
        return new StreamError(streamId, ErrorCode.PROTOCOL_ERROR, "malformed response on stream " + streamId + ": " + why);
    }
}
