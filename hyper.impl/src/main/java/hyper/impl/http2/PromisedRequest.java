package hyper.impl.http2;

import hyper.api.ErrorCode;
import hyper.api.HeaderMap;

/**
 * The request a PUSH_PROMISE carries, checked against RFC 9113 §8.3.1 and §8.4.1: a complete, valid set of request
 * pseudo-header fields, a method that is safe and cacheable, and no content. Anything else is refused with a
 * stream error of type PROTOCOL_ERROR on the promised stream, as §8.4.1 requires.
 *
 * @param headers every field as received, pseudo-header fields first (what {@code Http2Push.requestHeaders()} gives)
 */
record PromisedRequest(String method, String scheme, String authority, String path, HeaderMap headers) {

    /** HEAD: the pushed response has no content, whatever its content-length says. */
    boolean isHead() {
        return method.equals("HEAD");
    }

    /**
     * Validates the decoded block of a PUSH_PROMISE that promises {@code promisedId}.
     *
     * @throws StreamError on {@code promisedId}, PROTOCOL_ERROR: the promised request is malformed, not safe and
     *         cacheable, or has content
     */
    static PromisedRequest parse(HeaderBlock block, int promisedId) throws StreamError {
        String method = null;
        String scheme = null;
        String authority = null;
        String path = null;
        boolean regularSeen = false;
        HeaderMap headers = new HeaderMap(block.size());
        for (int i = 0; i < block.size(); i++) {
            byte[] name = block.name(i);
            byte[] value = block.value(i);
            headers.add(name, value);
            if (name.length > 0 && name[0] == ':') {
                if (regularSeen) {
                    throw refused(promisedId, "pseudo-header " + RequestHeaders.text(name) + " after a regular field (§8.3)");
                }
                String text = RequestHeaders.text(value);
                if (RequestHeaders.equals(name, ":method")) {
                    method = once(method, text, name, promisedId);
                } else if (RequestHeaders.equals(name, ":scheme")) {
                    scheme = once(scheme, text, name, promisedId);
                } else if (RequestHeaders.equals(name, ":authority")) {
                    authority = once(authority, text, name, promisedId);
                } else if (RequestHeaders.equals(name, ":path")) {
                    path = once(path, text, name, promisedId);
                } else {
                    throw refused(promisedId, "pseudo-header " + RequestHeaders.text(name) + " is not allowed in a request (§8.3.1)");
                }
                continue;
            }
            regularSeen = true;
            String problem = ResponseHeaders.regularFieldProblem(name, value);
            if (problem != null) {
                throw refused(promisedId, problem);
            }
            if (RequestHeaders.equals(name, "content-length") && RequestHeaders.parseContentLength(value) != 0) {
                // §8.4.1: promised requests cannot include any content
                throw refused(promisedId, "content-length " + RequestHeaders.text(value) + ": a promised request has no content (§8.4.1)");
            }
        }
        if (method == null || scheme == null || path == null) {
            throw refused(promisedId, "the promised request lacks :method, :scheme or :path (§8.3.1)");
        }
        if (authority == null || authority.isEmpty()) {
            throw refused(promisedId, "the promised request has no :authority (§8.4.1)");
        }
        // §8.4.1: safe (RFC 9110 §9.2.1) and cacheable (§9.2.3): of the registered methods only GET and HEAD are both
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw refused(promisedId, "method " + method + " is not safe and cacheable (§8.4.1)");
        }
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw refused(promisedId, "invalid :path '" + path + "' (§8.3.1)");
        }
        return new PromisedRequest(method, scheme, authority, path, headers);
    }

    private static String once(String seen, String value, byte[] name, int promisedId) throws StreamError {
        if (seen != null) {
            throw refused(promisedId, "duplicate " + RequestHeaders.text(name) + " (§8.3.1)");
        }
        return value;
    }

    static StreamError refused(int promisedId, String why) {
        return new StreamError(promisedId, ErrorCode.PROTOCOL_ERROR, "push promise of stream " + promisedId + " refused: " + why);
    }
}
