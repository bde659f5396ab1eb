package hyper.cli;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Push;
import hyper.api.HttpConnection;
import hyper.api.Hyper;
import hyper.api.Protocol;
import hyper.api.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Opens the connection for the URL and sends the one request: the only class that knows which connection type of
 * {@code hyper.api} the command uses. {@link Hyper#connect} negotiates: ALPN ({@code h2}, {@code http/1.1}) over
 * TLS, the h2c upgrade over cleartext; {@code --h2}/{@code --h1} force one protocol (HTTP/2 over cleartext is then
 * prior knowledge).
 */
final class Transport implements AutoCloseable {

    /**
     * The response, and what carried it.
     *
     * @param protocol as ALPN names it: {@code h2}, {@code h2c} over cleartext, {@code http/1.1}
     * @param streamId the HTTP/2 stream, 0 on HTTP/1.1
     * @param upgraded whether the request went out as HTTP/1.1 and the server switched to h2c (RFC 7540 §3.2)
     */
    record Exchange(Response response, String protocol, int streamId, boolean upgraded, OptionalInt requestId) {
        /** The one-line banner of {@code -i} and {@code --debug}: {@code h2 to localhost:8443, stream 1}. */
        String describe(RequestUrl url) {
            return protocol + " to " + url.authority() + (streamId > 0 ? ", stream " + streamId : "")
                    + (upgraded ? " (upgraded from HTTP/1.1)" : "");
        }
    }

    private final HttpConnection connection;

    private Transport(HttpConnection connection) {
        this.connection = connection;
    }

    /**
     * Connects to {@code url}'s origin; {@code options} already say whether TLS is used.
     *
     * @param force the protocol to use without negotiating, or null
     */
    static Transport open(RequestUrl url, ConnectionOptions options, Protocol force) throws IOException {
        return new Transport(Hyper.connect(url.authority(), options.toBuilder().forceProtocol(force).build()));
    }

    /** Sends the request and waits for the response's headers. */
    Exchange send(String method, String target, Body body, HeaderMap headers) throws IOException {
        OptionalInt requestId = connection.request(method, target, body, headers);
        Response response = connection.getResponse(requestId);
        // read after the response: over cleartext the protocol is known once the upgrade was answered
        Protocol protocol = connection.protocol();
        String name = protocol == Protocol.HTTP_2 ? (connection.isSecure() ? "h2" : "h2c") : protocol.alpnId();
        boolean upgraded = protocol == Protocol.HTTP_2 && requestId.isEmpty();
        return new Exchange(response, name, response.streamId(), upgraded, requestId);
    }

    /**
     * The responses the server pushed for {@code exchange}'s request (RFC 9113 §8.4), once its response has been
     * read: waits, bounded by the read timeout, until the server has ended the request stream, so every promise is
     * in. Nothing on HTTP/1.1.
     */
    List<Http2Push> pushes(Exchange exchange) throws IOException {
        List<Http2Push> all = new ArrayList<>();
        try {
            connection.getPushes(exchange.requestId(), true).forEach(all::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
