package hyper.api;

import java.io.IOException;

/**
 * A response the server pushed (the seed's {@code HTTP20Push}, §3.1.8 and §6.1.2; RFC 9113 §8.4): the request the
 * server promised in a PUSH_PROMISE, and the stream its response comes on. {@link Http2Connection#getPushes} hands
 * them out, each one once.
 *
 * <pre>{@code
 * for (Http2Push push : conn.getPushes(streamId, false)) {
 *     if (cache.has(push.path())) {
 *         push.cancel();                          // RST_STREAM(CANCEL): the server stops sending it
 *     } else {
 *         cache.put(push.path(), push.getResponse().read());
 *     }
 * }
 * }</pre>
 *
 * <p>Every push handed out has passed the checks of RFC 9113 §8.4.1, which go beyond the seed (the seed left the
 * authority check to the application): the promised request is a GET or HEAD without content, and its
 * {@code :scheme} and {@code :authority} are ones this connection is authoritative for — over TLS a host the
 * server's certificate covers (its subjectAltName DNS names, with RFC 6125 wildcards, or IP addresses), over
 * cleartext the host and port the connection was opened to. The engine refuses any other promise with
 * RST_STREAM(PROTOCOL_ERROR) and the application never sees it.
 *
 * <p>A pushed response is read like any other; reading returns flow-control credit to the server, so a push
 * nobody reads holds only its stream's window. Push objects are thread-safe.
 */
public interface Http2Push {

    /** The promised stream: where the pushed response arrives (an even id). */
    int streamId();

    /** The request stream the server promised this push on. */
    int parentStreamId();

    /** The method of the promised request: GET or HEAD. */
    String method();

    /** The scheme of the promised request ({@code https} over TLS, {@code http} over cleartext). */
    String scheme();

    /** The authority of the promised request (usually host:port). */
    String authority();

    /** The path of the promised request, with its query. */
    String path();

    /**
     * The header fields of the promised request as the server sent them, in order: the pseudo-header fields
     * ({@code :method}, {@code :scheme}, {@code :authority}, {@code :path}) first, as in the seed, then the rest.
     */
    HeaderMap requestHeaders();

    /**
     * The pushed response; waits for its headers, at most the read timeout. Calling it again returns the same
     * response.
     */
    Response getResponse() throws IOException;

    /**
     * Cancels the push: RST_STREAM(CANCEL) when the server is still sending it, and whatever arrived is discarded
     * (seed: "cancel the pushed response and close the stream"). Idempotent; a response taken before can no
     * longer be read.
     */
    void cancel() throws IOException;
}
