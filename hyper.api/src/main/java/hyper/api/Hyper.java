package hyper.api;

import hyper.api.spi.ConnectionProvider;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.Providers;
import hyper.api.spi.TlsProvider;
import java.io.IOException;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** hyper's entry point: opens connections through the engine that {@link java.util.ServiceLoader} finds. */
public final class Hyper {
    private Hyper() {
    }

    /**
     * Opens an HTTP/2 connection (the seed's {@code HTTP20Connection}). {@code hostAndPort} is
     * {@code "host"}, {@code "host:port"} or {@code "[v6addr]:port"}; without a port, 443.
     */
    public static Http2Connection http2(String hostAndPort) throws IOException {
        return http2(hostAndPort, ConnectionOptions.DEFAULTS);
    }

    /** {@link #http2(String)} with options. */
    public static Http2Connection http2(String hostAndPort, ConnectionOptions options) throws IOException {
        HostAndPort hp = HostAndPort.parse(hostAndPort, 443);
        return engine().openHttp2(hp.host(), hp.port(), options);
    }

    /** An SSLContext for HTTP/2 trusting the CAs in {@code caCertificates} (PEM) — the seed's {@code init_context}. */
    public static SSLContext tlsContext(Path caCertificates) throws HyperException {
        return tls(null).initContext(caCertificates, null, null, null);
    }

    /** The engine in use. */
    public static ConnectionProvider engine() {
        return Providers.select(ConnectionProvider.class, null, ConnectionProvider.PROPERTY);
    }

    /** The HPACK codec chosen for {@code name} (null: by property, then priority); tells which codec is active. */
    public static HpackCodecProvider hpackCodec(String name) {
        return HpackCodecProvider.select(name);
    }

    /** The TLS provider chosen for {@code name} (null: by property, then priority). */
    public static TlsProvider tls(String name) {
        return Providers.select(TlsProvider.class, name, TlsProvider.PROPERTY);
    }
}
