package hyper.impl;

import hyper.api.ConnectionOptions;
import hyper.api.Http11Connection;
import hyper.api.Http2Connection;
import hyper.api.HttpConnection;
import hyper.api.HyperException;
import hyper.api.ProtocolException;
import hyper.api.spi.ConnectionProvider;
import hyper.impl.http1.Dialer;
import hyper.impl.http1.Http1Connection;
import hyper.impl.http1.NegotiatingConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * hyper's engine ({@link ConnectionProvider}): dials sockets (TCP, proxy, TLS with ALPN) and runs HTTP/1.1 on them
 * itself; HTTP/2 runs on the {@link Http2Bootstrap} service.
 */
public final class HyperEngine implements ConnectionProvider {
    private static final System.Logger LOG = System.getLogger("hyper.engine");

    private final Http2Bootstrap http2;

    /** The engine with the HTTP/2 bootstrap found by {@link ServiceLoader}, if any. */
    public HyperEngine() {
        this(findHttp2());
    }

    /** An engine using {@code http2} (null: HTTP/1.1 only). */
    public HyperEngine(Http2Bootstrap http2) {
        this.http2 = http2;
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
        Http2Bootstrap h2 = requireHttp2();
        Dialer.Dialed d;
        try {
            d = Dialer.dial(host, port, options, List.of("h2"), true);
        } catch (javax.net.ssl.SSLHandshakeException e) {
            if (String.valueOf(e.getMessage()).contains("no_application_protocol")) { // RFC 7301 §3.2 alert
                ProtocolException p = new ProtocolException("the server at " + host + ":" + port
                        + " does not speak HTTP/2: it refused ALPN h2 (RFC 9113 §3.2)");
                p.initCause(e);
                throw p;
            }
            throw e;
        }
        if (d.secure() && !"h2".equals(d.applicationProtocol())) {
            d.socket().close();
            throw new ProtocolException("the server at " + host + ":" + port + " did not choose h2 in ALPN (it chose "
                    + (d.applicationProtocol() == null ? "nothing" : d.applicationProtocol()) + ")");
        }
        return h2.start(d.socket(), d.transport(), host, port, d.secure(), options, null);
    }

    @Override
    public Http11Connection openHttp11(String host, int port, ConnectionOptions options) throws IOException {
        return Http1Connection.open(host, port, options);
    }

    @Override
    public HttpConnection open(String host, int port, ConnectionOptions options) throws IOException {
        NegotiatingConnection c = new NegotiatingConnection(host, port, options, http2);
        c.connect();
        return c;
    }

    private Http2Bootstrap requireHttp2() throws HyperException {
        if (http2 == null) {
            throw new HyperException("this hyper.impl has no HTTP/2 engine: no " + Http2Bootstrap.class.getName()
                    + " service was found");
        }
        return http2;
    }

    private static Http2Bootstrap findHttp2() {
        Iterator<Http2Bootstrap> it = ServiceLoader.load(Http2Bootstrap.class, HyperEngine.class.getClassLoader()).iterator();
        while (true) {
            try {
                return it.hasNext() ? it.next() : null;
            } catch (ServiceConfigurationError e) {
                LOG.log(Level.WARNING, "an HTTP/2 bootstrap failed to load and is skipped: " + e);
            }
        }
    }
}
