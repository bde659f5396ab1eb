package hyper.impl.http2;

import hyper.api.ConnectionOptions;
import hyper.api.Http2Connection;
import hyper.api.spi.HpackCodecProvider;
import hyper.impl.Http2Bootstrap;
import java.io.IOException;
import java.net.Socket;

/**
 * The HTTP/2 engine as {@link hyper.impl.HyperEngine} finds it ({@link java.util.ServiceLoader}): runs HTTP/2 on a
 * socket already dialed — TLS after ALPN chose h2, cleartext with prior knowledge, or after an h2c upgrade.
 */
public final class Http2BootstrapProvider implements Http2Bootstrap {

    /** For ServiceLoader. */
    public Http2BootstrapProvider() {
    }

    @Override
    public Http2Connection start(Socket socket, String host, int port, boolean secure, ConnectionOptions options,
            Upgraded upgraded) throws IOException {
        return start(socket, socket, host, port, secure, options, upgraded);
    }

    @Override
    public Http2Connection start(Socket socket, Socket transport, String host, int port, boolean secure,
            ConnectionOptions options, Upgraded upgraded) throws IOException {
        return Http2ClientConnection.start(socket, transport, host, port, secure, options, upgraded,
                HpackCodecProvider.select(options.hpackCodec()));
    }
}
