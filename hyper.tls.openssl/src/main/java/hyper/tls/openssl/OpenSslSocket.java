package hyper.tls.openssl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * A client {@link SSLSocket} whose TLS is OpenSSL's, layered on a connected TCP socket. It is handed out with its
 * handshake done and verified. As on a JSSE socket after its handshake, the configuration setters and handshake
 * listeners apply to later handshakes only, and there are none: TLS 1.3 has no renegotiation, and a TLS 1.2
 * server's request for one is refused (RFC 9113 §9.2.1); {@link #startHandshake()} has nothing left to do.
 */
final class OpenSslSocket extends SSLSocket {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** What ht_tls.c offers, by IANA name: TLS 1.3's suites, then HTTP/2's TLS 1.2 suites (RFC 9113 §9.2.2). */
    private static final String[] SUITES = {
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
    };

    private final Socket tcp;
    private final OpenSslTransport tls;
    private final OpenSslSession session;
    private final String applicationProtocol;
    private final InputStream in = new TlsInput();
    private final OutputStream out = new TlsOutput();
    private volatile String[] enabledSuites = SUITES.clone();
    private volatile String[] enabledProtocols = PROTOCOLS.clone();
    private final java.util.Set<HandshakeCompletedListener> listeners = java.util.concurrent.ConcurrentHashMap.newKeySet();

    OpenSslSocket(Socket tcp, OpenSslTransport tls, OpenSslSession session, String applicationProtocol) {
        this.tcp = tcp;
        this.tls = tls;
        this.session = session;
        this.applicationProtocol = applicationProtocol;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        tls.close();
    }

    @Override
    public boolean isClosed() {
        return tls.isClosed() || tcp.isClosed();
    }

    @Override
    public String getApplicationProtocol() {
        return applicationProtocol;
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return applicationProtocol;
    }

    @Override
    public SSLSession getSession() {
        return session;
    }

    @Override
    public SSLSession getHandshakeSession() {
        return null; // no handshake is in progress
    }

    /** The handshake ran before this socket was handed out; TLS 1.3 has no renegotiation to start. */
    @Override
    public void startHandshake() {
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return SUITES.clone();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return enabledSuites.clone();
    }

    /** Checked and kept, for a later handshake (there is none; see the class comment). */
    @Override
    public void setEnabledCipherSuites(String[] suites) {
        enabledSuites = subset(suites, SUITES, "cipher suite");
    }

    @Override
    public String[] getSupportedProtocols() {
        return PROTOCOLS.clone();
    }

    @Override
    public String[] getEnabledProtocols() {
        return enabledProtocols.clone();
    }

    /** Checked and kept, for a later handshake (there is none; see the class comment). */
    @Override
    public void setEnabledProtocols(String[] protocols) {
        enabledProtocols = subset(protocols, PROTOCOLS, "protocol");
    }

    /** A copy of {@code wanted}, every one of which must be {@code supported}, as {@code SSLSocket} specifies. */
    private static String[] subset(String[] wanted, String[] supported, String what) {
        if (wanted == null) {
            throw new IllegalArgumentException("no " + what + " list");
        }
        for (String w : wanted) {
            if (!java.util.Arrays.asList(supported).contains(w)) {
                throw new IllegalArgumentException("unsupported " + what + ": " + w);
            }
        }
        return wanted.clone();
    }

    /** Kept, as JSSE keeps one added after its handshake: it would hear of a later handshake, and there is none. */
    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("no listener");
        }
        listeners.add(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        if (listener == null || !listeners.remove(listener)) {
            throw new IllegalArgumentException("no such listener");
        }
    }

    @Override
    public void setUseClientMode(boolean mode) {
        if (!mode) {
            throw new IllegalArgumentException("the OpenSSL TLS provider makes client sockets only");
        }
    }

    @Override
    public boolean getUseClientMode() {
        return true;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        // a server-side setting: nothing to do on a client socket, as for JSSE's
    }

    @Override
    public boolean getNeedClientAuth() {
        return false;
    }

    @Override
    public void setWantClientAuth(boolean want) {
        // a server-side setting, as above
    }

    @Override
    public boolean getWantClientAuth() {
        return false;
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        // the session exists already
    }

    @Override
    public boolean getEnableSessionCreation() {
        return true;
    }

    // ---- the TCP socket's own state, which TLS leaves as it is ----

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tcp.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tcp.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        tcp.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return tcp.getTcpNoDelay();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        tcp.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return tcp.getKeepAlive();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        tcp.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return tcp.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        tcp.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return tcp.getReceiveBufferSize();
    }

    @Override
    public boolean isConnected() {
        return tcp.isConnected();
    }

    @Override
    public boolean isBound() {
        return tcp.isBound();
    }

    @Override
    public InetAddress getInetAddress() {
        return tcp.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return tcp.getLocalAddress();
    }

    @Override
    public int getPort() {
        return tcp.getPort();
    }

    @Override
    public int getLocalPort() {
        return tcp.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return tcp.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return tcp.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        throw new SocketException("already connected");
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        throw new SocketException("already bound");
    }

    /** Reads return the end of stream from now on, and the TCP input is shut (TLS 1.3 half-close, as JSSE does). */
    @Override
    public void shutdownInput() throws IOException {
        tls.shutdownInput();
    }

    /** Sends close_notify, then shuts the TCP output: the peer reads the end, and can still answer. */
    @Override
    public void shutdownOutput() throws IOException {
        tls.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return tcp.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return tcp.isOutputShutdown();
    }

    @Override
    public String toString() {
        return "OpenSslSocket[" + session.getProtocol() + " " + session.getCipherSuite() + ", " + tcp + "]";
    }

    private final class TlsInput extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = tls.read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return tls.read(b, off, len);
        }

        @Override
        public int available() {
            return tls.available();
        }

        @Override
        public void close() throws IOException {
            OpenSslSocket.this.close();
        }
    }

    private final class TlsOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            tls.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            tls.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            OpenSslSocket.this.close();
        }
    }
}
