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

    /**
     * Opens a connection that uses HTTP/2 when the server speaks it and HTTP/1.1 otherwise (the seed's
     * {@code HTTPConnection}, §2.1.4). Without a port in {@code hostAndPort}: 443 when
     * {@link ConnectionOptions#secure()} is set to true, else 80; TLS is used for port 443 unless set otherwise.
     */
    public static HttpConnection connect(String hostAndPort) throws IOException {
        return connect(hostAndPort, ConnectionOptions.DEFAULTS);
    }

    /** {@link #connect(String)} with options, e.g. {@link ConnectionOptions.Builder#forceProtocol}. */
    public static HttpConnection connect(String hostAndPort, ConnectionOptions options) throws IOException {
        HostAndPort hp = HostAndPort.parse(hostAndPort, defaultPort(options));
        return engine().open(hp.host(), hp.port(), options);
    }

    /** Opens an HTTP/1.1 connection (the seed's {@code HTTP11Connection}); the port defaults as for {@link #connect}. */
    public static Http11Connection http11(String hostAndPort) throws IOException {
        return http11(hostAndPort, ConnectionOptions.DEFAULTS);
    }

    /** {@link #http11(String)} with options. */
    public static Http11Connection http11(String hostAndPort, ConnectionOptions options) throws IOException {
        HostAndPort hp = HostAndPort.parse(hostAndPort, defaultPort(options));
        return engine().openHttp11(hp.host(), hp.port(), options);
    }

    private static int defaultPort(ConnectionOptions options) {
        return Boolean.TRUE.equals(options.secure()) ? 443 : 80;
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
