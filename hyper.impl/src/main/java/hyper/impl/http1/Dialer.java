package hyper.impl.http1;

import hyper.api.ConnectionOptions;
import hyper.api.HostAndPort;
import hyper.api.Hyper;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * Opens the socket a connection runs on: TCP to the server or to the proxy, a CONNECT tunnel through the proxy
 * when TLS (or a tunnel) is needed (RFC 9110 §9.3.6), then the TLS handshake with ALPN through the
 * {@link hyper.api.spi.TlsProvider}. Connect, tunnel and handshake are bounded by the connect timeout.
 */
public final class Dialer {
    private Dialer() {
    }

    /**
     * A connected socket.
     *
     * @param applicationProtocol what ALPN chose ({@code "h2"}, {@code "http/1.1"}), or null without TLS or when
     *        the server chose nothing
     * @param plainProxy true when requests go to a proxy in the clear and must use the absolute form
     * @param transport the TCP socket: the one a TLS socket is layered on, else {@code socket} itself
     */
    public record Dialed(Socket socket, boolean secure, String applicationProtocol, boolean plainProxy, Socket transport) {
        /** A socket that is its own transport (no TLS layered on it). */
        public Dialed(Socket socket, boolean secure, String applicationProtocol, boolean plainProxy) {
            this(socket, secure, applicationProtocol, plainProxy, socket);
        }
    }

    /**
     * Connects to {@code host:port}.
     *
     * @param alpn the protocols offered over TLS, in order of preference
     * @param tunnel through a proxy, tunnel even a cleartext connection with CONNECT (HTTP/2 prior knowledge)
     */
    public static Dialed dial(String host, int port, ConnectionOptions options, List<String> alpn, boolean tunnel)
            throws IOException {
        boolean secure = options.secureFor(port);
        HostAndPort proxy = options.proxyHost() == null ? null : HostAndPort.parse(options.proxyHost(), options.proxyPort());
        HostAndPort target = proxy != null ? proxy : new HostAndPort(host, port);
        int connectMillis = millis(options.connectTimeout());
        // under TLS, a socket that reads ahead: JSSE reads each record's header and body with separate reads
        Socket socket = secure ? new ReadAheadSocket() : new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.host(), target.port()), connectMillis);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new HyperTimeoutException("connecting to " + target.authority() + " took longer than "
                    + options.connectTimeout());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        try {
            if (proxy != null && (secure || tunnel)) {
                openTunnel(socket, host, port, proxy, connectMillis, options);
            }
            socket.setSoTimeout(millis(options.readTimeout()));
            if (!secure) {
                return new Dialed(socket, false, null, proxy != null && !tunnel);
            }
            SSLSocket tls = Hyper.tls(options.tlsProvider()).handshake(socket, host, port, options.sslContext(), alpn,
                    options.connectTimeout());
            tls.setSoTimeout(millis(options.readTimeout()));
            String chosen = tls.getApplicationProtocol();
            return new Dialed(tls, true, chosen == null || chosen.isEmpty() ? null : chosen, false, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** CONNECT host:port, then expects a 2xx before anything else goes through (RFC 9110 §9.3.6). */
    private static void openTunnel(Socket socket, String host, int port, HostAndPort proxy, int timeoutMillis,
            ConnectionOptions options) throws IOException {
        String authority = new HostAndPort(host, port).authority();
        socket.setSoTimeout(timeoutMillis);
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Read the reply one octet at a time through a one-octet buffer: octets after the head belong to the tunnel.
        Http1Source src = new Http1Source(new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                return socket.getInputStream().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : socket.getInputStream().read(b, off, 1);
            }
        }, socket, "proxy " + proxy.authority(), 1024);
        ResponseHead head;
        try {
            head = ResponseHead.read(src, options.maxHeaderListSize());
        } catch (HyperTimeoutException e) {
            throw new HyperTimeoutException("the proxy " + proxy.authority() + " did not answer CONNECT " + authority
                    + " within " + options.connectTimeout());
        }
        if (head == null) {
            throw new HyperException("the proxy " + proxy.authority() + " closed the connection instead of answering CONNECT "
                    + authority);
        }
        if (head.status / 100 != 2) {
            throw new HyperException("the proxy " + proxy.authority() + " refused CONNECT " + authority + ": "
                    + head.status + " " + head.reason);
        }
    }

    static int millis(java.time.Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
