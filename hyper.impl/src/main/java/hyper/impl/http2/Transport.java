package hyper.impl.http2;

import hyper.api.ConnectionOptions;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.ProtocolException;
import hyper.api.spi.Providers;
import hyper.api.spi.TlsProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

/**
 * Opens the byte stream an HTTP/2 connection runs over: TCP (optionally through an HTTP CONNECT proxy), then TLS
 * with ALPN {@code h2} (RFC 9113 §3.2) or, when not secure, cleartext with prior knowledge (§3.3).
 */
final class Transport {
    private static final List<String> ALPN = List.of("h2");

    private Transport() {
    }

    /** A connected socket ready for the HTTP/2 preface. */
    static Socket open(String host, int port, boolean secure, ConnectionOptions options) throws IOException {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true); // frames are coalesced by the write queue; Nagle would only add delay
            if (options.proxyHost() != null) {
                connect(socket, options.proxyHost(), options.proxyPort(), deadline, "proxy ");
                tunnel(socket, host, port, deadline);
            } else {
                connect(socket, host, port, deadline, "");
            }
            if (!secure) {
                return socket;
            }
            TlsProvider tls = Providers.select(TlsProvider.class, options.tlsProvider(), TlsProvider.PROPERTY);
            SSLSocket ssl;
            try {
                ssl = tls.handshake(socket, host, port, options.sslContext(), ALPN, remaining(deadline, host, port));
            } catch (SSLHandshakeException e) {
                if (String.valueOf(e.getMessage()).contains("no_application_protocol")) { // RFC 7301 §3.2 alert
                    ProtocolException p = new ProtocolException("the server at " + host + ":" + port
                            + " does not speak HTTP/2: it refused ALPN h2 (§3.2)");
                    p.initCause(e);
                    throw p;
                }
                throw e;
            }
            String protocol = ssl.getApplicationProtocol();
            if (!"h2".equals(protocol)) {
                ssl.close();
                throw new ProtocolException("the server at " + host + ":" + port + " did not agree to HTTP/2 via ALPN (it chose "
                        + (protocol == null || protocol.isEmpty() ? "nothing" : "'" + protocol + "'") + ", §3.2)");
            }
            return ssl;
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw e;
        }
    }

    private static void connect(Socket socket, String host, int port, long deadline, String what) throws IOException {
        Duration left = remaining(deadline, host, port);
        try {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(Integer.MAX_VALUE, left.toMillis())));
        } catch (SocketTimeoutException e) {
            throw new HyperTimeoutException("connecting to " + what + host + ":" + port + " took longer than the connect timeout");
        }
    }

    /** HTTP/1.1 CONNECT through a proxy (RFC 9110 §9.3.6); any 2xx opens the tunnel. */
    private static void tunnel(Socket socket, String host, int port, long deadline) throws IOException {
        String target = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        OutputStream out = socket.getOutputStream();
        out.write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        int before = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, remaining(deadline, host, port).toMillis()));
        try {
            InputStream in = socket.getInputStream();
            String status = readLine(in);
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].startsWith("2")) {
                throw new HyperException("the proxy refused to CONNECT to " + target + ": " + status);
            }
            while (!readLine(in).isEmpty()) {
                // skip the proxy's response headers
            }
        } catch (SocketTimeoutException e) {
            throw new HyperTimeoutException("the proxy did not answer CONNECT within the connect timeout");
        } finally {
            socket.setSoTimeout(before);
        }
    }

    /** One CRLF-terminated line, read byte by byte so nothing past the proxy's response is consumed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new HyperException("the proxy closed the connection during CONNECT");
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            if (line.size() > 8192) {
                throw new HyperException("the proxy's CONNECT response has a line over 8 KiB");
            }
            line.write(b);
        }
    }

    private static Duration remaining(long deadline, String host, int port) throws HyperTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HyperTimeoutException("connecting to " + host + ":" + port + " took longer than the connect timeout");
        }
        return Duration.ofNanos(left);
    }
}
