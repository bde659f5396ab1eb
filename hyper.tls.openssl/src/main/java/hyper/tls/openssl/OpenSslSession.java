package hyper.tls.openssl;

import java.security.Principal;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/** What one handshake agreed on, fixed when it ends: the verified peer chain, protocol and cipher suite. */
final class OpenSslSession implements SSLSession {
    private final String peerHost;
    private final int peerPort;
    private final X509Certificate[] peerChain;
    private final String protocol;
    private final String cipherSuite;
    private final long creationTime = System.currentTimeMillis();
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private volatile boolean valid = true;

    OpenSslSession(String peerHost, int peerPort, X509Certificate[] peerChain, String protocol, String cipherSuite) {
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.peerChain = peerChain.clone();
        this.protocol = protocol;
        this.cipherSuite = cipherSuite;
    }

    /** Session ids are not kept: the provider resumes no sessions. */
    @Override
    public byte[] getId() {
        return new byte[0];
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return null;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return creationTime;
    }

    @Override
    public void invalidate() {
        valid = false;
    }

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public void putValue(String name, Object value) {
        values.put(name, value);
    }

    @Override
    public Object getValue(String name) {
        return values.get(name);
    }

    @Override
    public void removeValue(String name) {
        values.remove(name);
    }

    @Override
    public String[] getValueNames() {
        return values.keySet().toArray(new String[0]);
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        if (peerChain.length == 0) {
            throw new SSLPeerUnverifiedException("the peer sent no certificate");
        }
        return peerChain.clone();
    }

    @Override
    public Certificate[] getLocalCertificates() {
        return null;
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return ((X509Certificate) getPeerCertificates()[0]).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        return null;
    }

    @Override
    public String getCipherSuite() {
        return cipherSuite;
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    /** RFC 8446 §5.1: a record carries at most 2^14 octets of plaintext. */
    @Override
    public int getApplicationBufferSize() {
        return 16384;
    }

    /** The largest TLS record: 2^14 plus 256 octets of expansion plus the 5-octet header (RFC 8446 §5.2). */
    @Override
    public int getPacketBufferSize() {
        return 16384 + 256 + 5;
    }
}
