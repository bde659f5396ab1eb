package hyper.api.spi;

import hyper.api.ConnectionOptions;
import hyper.api.Http11Connection;
import hyper.api.Http2Connection;
import hyper.api.HttpConnection;
import java.io.IOException;

/** The engine: opens connections. {@code hyper.impl} provides it; {@link hyper.api.Hyper} finds it. */
public interface ConnectionProvider extends HyperProvider {

    /** The system property that names the engine. */
    String PROPERTY = "hyper.engine";

    /** Connects, completes the TLS handshake (ALPN {@code h2}) or h2c preface, and the SETTINGS exchange has begun. */
    Http2Connection openHttp2(String host, int port, ConnectionOptions options) throws IOException;

    /** Connects for HTTP/1.1: TCP (through the proxy, if any) and, when secure, TLS with ALPN {@code http/1.1} only. */
    Http11Connection openHttp11(String host, int port, ConnectionOptions options) throws IOException;

    /**
     * Connects for whichever protocol the server speaks: over TLS ALPN offers {@code h2} and {@code http/1.1};
     * over cleartext the first request offers the h2c upgrade. {@link ConnectionOptions#forceProtocol()} skips
     * the negotiation.
     */
    HttpConnection open(String host, int port, ConnectionOptions options) throws IOException;
}
