package hyper.impl.http2;

import hyper.api.ConnectionOptions;
import hyper.api.Http2Connection;
import hyper.api.spi.ConnectionProvider;
import hyper.api.spi.HpackCodecProvider;
import java.io.IOException;
import java.net.Socket;

/** hyper's engine, found by {@link java.util.ServiceLoader}: opens HTTP/2 connections over TLS (ALPN) or h2c. */
public final class Http2Engine implements ConnectionProvider {

    /** For ServiceLoader. */
    public Http2Engine() {
    }

    @Override
    public String name() {
        return "hyper";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Http2Connection openHttp2(String host, int port, ConnectionOptions options) throws IOException {
        ConnectionOptions o = options == null ? ConnectionOptions.DEFAULTS : options;
        return connect(host, port, o, HpackCodecProvider.select(o.hpackCodec()));
    }

    /** Opens a connection with a given HPACK codec (tests choose theirs). */
    static Http2ClientConnection connect(String host, int port, ConnectionOptions options, HpackCodecProvider hpack)
            throws IOException {
        boolean secure = options.secureFor(port);
        Socket socket = Transport.open(host, port, secure, options);
        try {
            Http2ClientConnection c = new Http2ClientConnection(host, port, secure, socket, options, hpack);
            c.start();
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
