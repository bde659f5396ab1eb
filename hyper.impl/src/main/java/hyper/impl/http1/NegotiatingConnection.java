package hyper.impl.http1;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Http2Push;
import hyper.api.HttpConnection;
import hyper.api.HyperException;
import hyper.api.Protocol;
import hyper.api.ProtocolException;
import hyper.api.Response;
import hyper.impl.Http2Bootstrap;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The seed's {@code HTTPConnection} (§2.1.4): HTTP/2 when the server speaks it, HTTP/1.1 otherwise.
 *
 * <ul>
 * <li>TLS: ALPN offers {@code h2, http/1.1}; {@code h2} starts the HTTP/2 engine on the handshaken socket,
 *     anything else (or no choice) keeps HTTP/1.1 on it.</li>
 * <li>Cleartext: the first request carries {@code Upgrade: h2c} (RFC 7540 §3.2); a 101 hands the socket to the
 *     engine, with stream 1 carrying that request's response; any other status keeps HTTP/1.1. Not through a
 *     proxy: Upgrade is hop-by-hop.</li>
 * <li>Without an HTTP/2 engine in the module, nothing offers h2 and the connection is HTTP/1.1.</li>
 * </ul>
 */
public final class NegotiatingConnection implements HttpConnection {
    private static final System.Logger LOG = System.getLogger("hyper.http1");

    private final String host;
    private final int port;
    private final ConnectionOptions options;
    private final boolean secure;
    private final Http2Bootstrap bootstrap;
    /** Guards the protocol switch: h1/h2, the upgrade state and the first response. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Http1Connection h1;
    private volatile Http2Connection h2;
    private boolean upgradeOffered;
    private boolean upgradePending;
    private Response upgradeAnswer;
    private volatile boolean closed;

    public NegotiatingConnection(String host, int port, ConnectionOptions options, Http2Bootstrap bootstrap) {
        this.host = host;
        this.port = port;
        this.options = options;
        this.secure = options.secureFor(port);
        this.bootstrap = bootstrap;
        if (bootstrap == null && options.forceProtocol() != Protocol.HTTP_1_1) {
            LOG.log(Level.DEBUG, "no HTTP/2 engine in hyper.impl: " + host + ":" + port + " will use HTTP/1.1");
        }
    }

    @Override
    public void connect() throws IOException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the connection is closed");
            }
            if (h2 != null) {
                return;
            }
            if (h1 != null) {
                h1.connect();
                return;
            }
            Protocol force = options.forceProtocol();
            if (force == Protocol.HTTP_2 && bootstrap == null) {
                throw new HyperException("HTTP/2 was forced, but this hyper.impl has no HTTP/2 engine");
            }
            if (secure) {
                List<String> alpn = force == Protocol.HTTP_2 ? List.of("h2")
                        : force == Protocol.HTTP_1_1 || bootstrap == null ? List.of("http/1.1") : List.of("h2", "http/1.1");
                Dialer.Dialed d = Dialer.dial(host, port, options, alpn, false);
                if ("h2".equals(d.applicationProtocol())) {
                    h2 = start(d, null);
                } else if (force == Protocol.HTTP_2) {
                    d.socket().close();
                    throw new ProtocolException("HTTP/2 was forced, but " + host + ":" + port + " chose "
                            + (d.applicationProtocol() == null ? "no protocol" : d.applicationProtocol()) + " in ALPN");
                } else {
                    h1 = new Http1Connection(host, port, options, d);
                }
            } else if (force == Protocol.HTTP_2) {
                h2 = start(Dialer.dial(host, port, options, List.of(), true), null); // prior knowledge (RFC 9113 §3.3)
            } else {
                h1 = Http1Connection.open(host, port, options);
                upgradeOffered = force == null && bootstrap != null && options.proxyHost() == null;
            }
        } finally {
            lock.unlock();
        }
    }

    private Http2Connection start(Dialer.Dialed d, Http2Bootstrap.Upgraded upgraded) throws IOException {
        try {
            return bootstrap.start(d.socket(), d.transport(), host, port, d.secure(), options, upgraded);
        } catch (IOException | RuntimeException e) {
            d.socket().close();
            throw e;
        }
    }

    @Override
    public OptionalInt request(String method, String url, Body body, HeaderMap headers) throws IOException {
        Http1Connection viaH1;
        lock.lock();
        try {
            if (h1 == null && h2 == null) {
                connect();
            }
            if (upgradePending) {
                resolveUpgrade();
            }
            if (h2 == null && upgradeOffered) {
                upgradeOffered = false; // only the first request offers it
                h1.send(method, url, body, headers, upgradeFields());
                upgradePending = true;
                return OptionalInt.empty();
            }
            viaH1 = h1;
        } finally {
            lock.unlock();
        }
        if (h2 != null) {
            return OptionalInt.of(h2.request(method, url, body, headers));
        }
        viaH1.request(method, url, body, headers);
        return OptionalInt.empty();
    }

    /** Upgrade: h2c, HTTP2-Settings (base64url without padding) and the Connection field naming both (RFC 7540 §3.2). */
    private HeaderMap upgradeFields() {
        String settings = Base64.getUrlEncoder().withoutPadding().encodeToString(bootstrap.upgradeSettings(options));
        return HeaderMap.of("Connection", "Upgrade, HTTP2-Settings", "Upgrade", "h2c", "HTTP2-Settings", settings);
    }

    /** Reads the status of the response to the upgrade offer: on 101 switches to HTTP/2. Call under lock. */
    private void resolveUpgrade() throws IOException {
        upgradePending = false;
        Object r = h1.next();
        if (r instanceof Http1Connection.Upgraded) {
            Http1Connection.Upgraded u = (Http1Connection.Upgraded) r;
            Dialer.Dialed d = new Dialer.Dialed(u.socket(), false, null, false);
            h2 = start(d, new Http2Bootstrap.Upgraded(u.method(), u.buffered()));
            h1.close();
            h1 = null;
        } else {
            upgradeAnswer = (Response) r;
        }
    }

    @Override
    public Response getResponse() throws IOException {
        Http1Connection viaH1;
        lock.lock();
        try {
            if (upgradePending) {
                resolveUpgrade();
            }
            if (upgradeAnswer != null) {
                Response r = upgradeAnswer;
                upgradeAnswer = null;
                return r;
            }
            viaH1 = h1;
        } finally {
            lock.unlock();
        }
        if (h2 != null) {
            return h2.getResponse();
        }
        if (viaH1 == null) {
            throw new IllegalStateException("no request is waiting for its response: call request() first");
        }
        return viaH1.getResponse();
    }

    @Override
    public Response getResponse(OptionalInt requestId) throws IOException {
        if (requestId.isEmpty()) {
            return getResponse();
        }
        Http2Connection c = h2;
        if (c == null) {
            throw new IllegalStateException("stream " + requestId.getAsInt() + " was given, but the connection speaks HTTP/1.1");
        }
        return c.getResponse(requestId.getAsInt());
    }

    @Override
    public Iterable<Http2Push> getPushes(OptionalInt requestId, boolean captureAll) throws IOException {
        lock.lock();
        try {
            if (upgradePending && captureAll) {
                resolveUpgrade(); // whether stream 1 is HTTP/2 decides whether pushes can come at all
            }
        } finally {
            lock.unlock();
        }
        Http2Connection c = h2;
        if (c == null) {
            return List.of(); // HTTP/1.1 has no push
        }
        return requestId.isEmpty() ? c.getPushes(captureAll) : c.getPushes(requestId.getAsInt(), captureAll);
    }

    @Override
    public Protocol protocol() {
        return h2 != null ? Protocol.HTTP_2 : Protocol.HTTP_1_1;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        Http1Connection a = h1;
        Http2Connection b = h2;
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Override
    public String toString() {
        return "HttpConnection[" + host + ":" + port + ", " + protocol() + (secure ? ", TLS" : "") + "]";
    }
}
