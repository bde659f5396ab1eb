package hyper.impl.http1;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.HostAndPort;
import hyper.api.Http11Connection;
import hyper.api.Http11Response;
import hyper.api.Http1ProtocolException;
import hyper.api.HyperException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An HTTP/1.1 connection (RFC 9112): persistent, pipelined, reconnecting when the server closes. See
 * {@link Http11Connection} for the contract.
 *
 * <p>Lock order: {@code requestLock} (writing a request, replacing the wire) before a wire's read lock;
 * {@code responseLock} (taking the next response) before a wire's read lock. No lock is held while waiting for
 * another connection's I/O, and none is {@code synchronized}.
 */
public final class Http1Connection implements Http11Connection {
    /** Interim (1xx) responses skipped before one request's final response, at most. */
    static final int MAX_INTERIM = 16;
    /** What {@code close()} drains of an unread body to keep the socket; beyond it the socket is closed. */
    static final long CLOSE_DRAIN_LIMIT = 64 * 1024;

    private final String host;
    private final int port;
    private final ConnectionOptions options;
    private final boolean secure;
    private final String peer;
    private final String hostHeader;
    private final ReentrantLock requestLock = new ReentrantLock();
    private final ReentrantLock responseLock = new ReentrantLock();
    private final ConcurrentLinkedDeque<Exchange> unanswered = new ConcurrentLinkedDeque<>();
    private final Set<Wire> wires = ConcurrentHashMap.newKeySet();
    private volatile Wire wire;
    private volatile boolean closed;
    private volatile boolean detached;
    private final java.util.concurrent.atomic.AtomicInteger socketsOpened = new java.util.concurrent.atomic.AtomicInteger();

    /** A connection to {@code host:port}; {@code initial} is a socket already dialled for it, or null. */
    public Http1Connection(String host, int port, ConnectionOptions options, Dialer.Dialed initial) throws IOException {
        this.host = host;
        this.port = port;
        this.options = options;
        this.secure = options.secureFor(port);
        this.peer = new HostAndPort(host, port).authority();
        // RFC 9110 §7.2: the port is left out when it is the scheme's default
        this.hostHeader = port == (secure ? 443 : 80) ? peer.substring(0, peer.lastIndexOf(':')) : peer;
        if (initial != null) {
            wire = newWire(initial);
        }
    }

    /** Opens a connection and connects it. */
    public static Http1Connection open(String host, int port, ConnectionOptions options) throws IOException {
        Http1Connection c = new Http1Connection(host, port, options, null);
        c.connect();
        return c;
    }

    @Override
    public void connect() throws IOException {
        requestLock.lock();
        try {
            currentWire();
        } finally {
            requestLock.unlock();
        }
    }

    @Override
    public void request(String method, String url, Body body, HeaderMap headers) throws IOException {
        send(method, url, body, headers, null);
    }

    /**
     * Sends a request, with {@code extra} fields after the caller's (the h2c upgrade offer); {@code extra != null}
     * marks the exchange as offering an upgrade.
     */
    void send(String method, String url, Body body, HeaderMap headers, HeaderMap extra) throws IOException {
        if (url == null || url.isEmpty()) {
            throw new IllegalArgumentException("empty request target");
        }
        requestLock.lock();
        try {
            checkOpen();
            Wire w = currentWire();
            String target = w.plainProxy ? absoluteForm(url) : url;
            RequestWriter.Prepared p = RequestWriter.prepare(method, target, hostHeader, body, headers, extra);
            Exchange ex = new Exchange(w, method, target, extra != null);
            boolean waitForContinue;
            w.readLock.lock();
            try {
                waitForContinue = p.expectContinue && w.isIdle();
            } finally {
                w.readLock.unlock();
            }
            w.sent++;
            unanswered.add(ex);
            try {
                w.out.write(p.head);
                if (waitForContinue) {
                    w.out.flush();
                    if (!awaitContinue(w, ex)) {
                        w.reusable = false; // the server expects a body that will not come
                        return;
                    }
                }
                RequestWriter.writeBody(w.out, p);
                w.out.flush();
            } catch (IOException | RuntimeException e) {
                w.close(); // a half-written request leaves the wire unusable
                throw e;
            }
        } finally {
            requestLock.unlock();
        }
    }

    /**
     * Waits for 100 Continue (RFC 9110 §10.1.1). True: send the body (100 arrived, or nothing within the continue
     * timeout). False: a final response came instead; it is kept for getResponse() and the body is withheld.
     */
    private boolean awaitContinue(Wire w, Exchange ex) throws IOException {
        w.readLock.lock();
        try {
            int interim = 0;
            while (true) {
                if (!w.source.await(Dialer.millis(options.continueTimeout()))) {
                    return true;
                }
                ResponseHead head = ResponseHead.read(w.source, options.maxHeaderListSize());
                if (head == null || head.status == 100) {
                    return true;
                }
                if (head.status / 100 == 1 && head.status != 101) {
                    if (++interim > MAX_INTERIM) {
                        throw new Http1ProtocolException("more than " + MAX_INTERIM + " interim responses to " + ex.description);
                    }
                    continue;
                }
                ex.earlyHead = head;
                return false;
            }
        } finally {
            w.readLock.unlock();
        }
    }

    @Override
    public Http11Response getResponse() throws IOException {
        Object r = next();
        if (r instanceof Upgraded) {
            throw new IllegalStateException("the connection was upgraded");
        }
        return (Http11Response) r;
    }

    /** The socket handed over after {@code 101 Switching Protocols}, with what was read past the 101 head. */
    record Upgraded(Socket socket, byte[] buffered, String method) {
    }

    /** The next response, or {@link Upgraded} when the server accepted an offered upgrade. */
    Object next() throws IOException {
        responseLock.lock();
        try {
            checkOpen();
            Exchange ex = unanswered.poll();
            if (ex == null) {
                throw new IllegalStateException("no request is waiting for its response: call request() first");
            }
            Wire w = ex.wire;
            w.readLock.lock();
            try {
                if (w.isClosed() && ex.earlyHead == null) {
                    throw notAnswered(ex); // e.g. the previous response was closed with its socket
                }
                if (w.current != null && !w.current.bodyComplete()) {
                    w.current.discardRest();
                }
                ResponseHead head = ex.earlyHead;
                int interim = 0;
                while (head == null) {
                    if (w.isClosed()) {
                        throw notAnswered(ex);
                    }
                    ResponseHead h = ResponseHead.read(w.source, options.maxHeaderListSize());
                    if (h == null) {
                        w.close();
                        throw notAnswered(ex);
                    }
                    if (h.status == 101) {
                        if (ex.upgradeOffered && ResponseHead.hasToken(h.headers, "upgrade", "h2c")) {
                            return detach(w, ex);
                        }
                        throw new Http1ProtocolException("101 Switching Protocols to " + h.headers.firstValue("upgrade")
                                .orElse("nothing") + " answered " + ex.description + ", which asked for no such upgrade");
                    }
                    if (h.status / 100 == 1) {
                        if (++interim > MAX_INTERIM) {
                            throw new Http1ProtocolException("more than " + MAX_INTERIM + " interim responses to "
                                    + ex.description);
                        }
                        continue;
                    }
                    head = h;
                }
                w.answered++;
                Http1Response response = respond(w, ex, head);
                w.current = response;
                if (response.bodyComplete()) {
                    responseFinished(w);
                }
                return response;
            } catch (IOException | RuntimeException e) {
                w.close();
                throw e;
            } finally {
                w.readLock.unlock();
            }
        } finally {
            responseLock.unlock();
        }
    }

    /** Works out the body's framing (RFC 9112 §6.3) and whether the wire stays open (§9.3). */
    private Http1Response respond(Wire w, Exchange ex, ResponseHead head) throws IOException {
        HeaderMap h = head.headers;
        boolean keepAlive = head.minorVersion >= 1 ? !ResponseHead.hasToken(h, "connection", "close")
                : ResponseHead.hasToken(h, "connection", "keep-alive");
        BodyReader.Framing framing;
        long length = -1;
        if (ex.method.equals("HEAD") || head.status == 204 || head.status == 304) {
            framing = BodyReader.Framing.NONE;
        } else if (h.contains("transfer-encoding")) {
            List<String> codings = h.getStrings("transfer-encoding");
            if (head.minorVersion == 0) {
                throw new Http1ProtocolException("an HTTP/1.0 response with Transfer-Encoding (RFC 9112 §6.1)",
                        utf8(String.join(", ", codings)), 0, utf8(String.join(", ", codings)).length);
            }
            for (int i = 0; i < codings.size(); i++) {
                String c = codings.get(i);
                if (!c.equalsIgnoreCase("chunked") || i != codings.size() - 1) {
                    byte[] raw = utf8(String.join(", ", codings));
                    throw new Http1ProtocolException("unsupported Transfer-Encoding", raw, 0, raw.length);
                }
            }
            framing = BodyReader.Framing.CHUNKED;
            if (h.contains("content-length")) {
                keepAlive = false; // §6.3 item 3: possibly a smuggling attempt, close afterwards
            }
        } else if (h.contains("content-length")) {
            length = contentLength(h.get("content-length"));
            framing = BodyReader.Framing.LENGTH;
        } else {
            framing = BodyReader.Framing.CLOSE;
            keepAlive = false;
        }
        if (!keepAlive) {
            w.reusable = false;
        }
        BodyReader body = new BodyReader(w.source, framing, length, options.maxHeaderListSize());
        return new Http1Response(this, w, head, body, options.networkBufferSize());
    }

    /** All Content-Length values must be the same non-negative decimal number (RFC 9110 §8.6). */
    private static long contentLength(List<byte[]> values) throws Http1ProtocolException {
        long result = -1;
        for (byte[] v : values) {
            long n = 0;
            if (v.length == 0 || v.length > 18) {
                throw new Http1ProtocolException("invalid Content-Length", v, 0, v.length);
            }
            for (byte c : v) {
                if (!ResponseHead.digit(c)) {
                    throw new Http1ProtocolException("invalid Content-Length", v, 0, v.length);
                }
                n = n * 10 + (c - '0');
            }
            if (result >= 0 && result != n) {
                byte[] all = utf8(values.size() + " different values");
                throw new Http1ProtocolException("conflicting Content-Length values", all, 0, all.length);
            }
            result = n;
        }
        return result;
    }

    /** The body of the wire's current response is complete: close the wire if it cannot serve more. */
    void responseFinished(Wire w) {
        if (!w.reusable && w.sent == w.answered) {
            w.close();
            wires.remove(w);
        } else {
            w.markIdle();
        }
    }

    private Upgraded detach(Wire w, Exchange ex) {
        w.answered++;
        detached = true;
        byte[] buffered = w.source.takeBuffered();
        wires.remove(w);
        wire = null;
        return new Upgraded(w.socket, buffered, ex.method);
    }

    private HyperException notAnswered(Exchange ex) {
        return new HyperException("no response to " + ex.description + ": " + peer
                + " closed the connection before sending one");
    }

    /** The wire new requests go on, dialling a new one when there is none usable. Call under requestLock. */
    private Wire currentWire() throws IOException {
        Wire w = wire;
        if (w != null && w.healthyForReuse()) {
            return w;
        }
        wires.removeIf(Wire::isClosed);
        Dialer.Dialed d = Dialer.dial(host, port, options, List.of("http/1.1"), false);
        if (d.applicationProtocol() != null && !d.applicationProtocol().equals("http/1.1")) {
            d.socket().close();
            throw new Http1ProtocolException("the server chose ALPN protocol '" + d.applicationProtocol()
                    + "', though only http/1.1 was offered");
        }
        w = newWire(d);
        wire = w;
        return w;
    }

    /** How many sockets this connection has used so far: 1 while keep-alive holds. */
    int socketsOpened() {
        return socketsOpened.get();
    }

    private Wire newWire(Dialer.Dialed d) throws IOException {
        socketsOpened.incrementAndGet();
        Wire w = new Wire(d, options.networkBufferSize(), options.writeTimeout(), peer);
        wires.add(w);
        if (closed) {
            w.close(); // close() ran meanwhile
        }
        return w;
    }

    private String absoluteForm(String url) {
        if (url.startsWith("http://") || url.startsWith("https://")) {
            return url;
        }
        return "http://" + hostHeader + (url.equals("*") ? "" : url);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
        if (detached) {
            throw new IllegalStateException("the connection was upgraded to HTTP/2 and no longer speaks HTTP/1.1");
        }
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
    public int networkBufferSize() {
        return options.networkBufferSize();
    }

    ConnectionOptions options() {
        return options;
    }

    @Override
    public void close() {
        closed = true;
        for (Wire w : wires) {
            w.close();
        }
        wires.clear();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
