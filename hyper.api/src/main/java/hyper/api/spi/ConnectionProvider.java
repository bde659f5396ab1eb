package hyper.api.spi;

import hyper.api.ConnectionOptions;
import hyper.api.Http2Connection;
import java.io.IOException;

/** The engine: opens connections. {@code hyper.impl} provides it; {@link hyper.api.Hyper} finds it. */
public interface ConnectionProvider extends HyperProvider {

    /** The system property that names the engine. */
    String PROPERTY = "hyper.engine";

    /** Connects, completes the TLS handshake (ALPN {@code h2}) or h2c preface, and the SETTINGS exchange has begun. */
    Http2Connection openHttp2(String host, int port, ConnectionOptions options) throws IOException;
}
