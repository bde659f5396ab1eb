package hyper.api.spi;

import hyper.api.HyperException;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Builds HTTP/2-ready TLS: TLS 1.2 or later, ALPN, SNI and hostname verification (RFC 9113 §9.2).
 * The JSSE provider in {@code hyper.impl} is the default; the property {@value #PROPERTY} or an option names another.
 */
public interface TlsProvider extends HyperProvider {

    /** The system property that names the TLS provider. */
    String PROPERTY = "hyper.tls";

    /**
     * An SSLContext for HTTP/2 (the seed's {@code tls.init_context}).
     *
     * @param caCertificates PEM file of trusted CAs, or null for the JDK's default trust store
     * @param clientCertificate PEM client certificate chain, or null
     * @param clientKey PEM PKCS#8 private key of the client certificate, or null
     * @param keyPassword password of an encrypted key, or null
     */
    SSLContext initContext(Path caCertificates, Path clientCertificate, Path clientKey, char[] keyPassword)
            throws HyperException;

    /**
     * Runs the TLS handshake over a connected socket, offering {@code alpn} in order, sending SNI and verifying
     * the certificate against {@code host}. Bounded by {@code timeout}.
     *
     * @return the connected TLS socket; {@link SSLSocket#getApplicationProtocol()} tells what was negotiated
     */
    SSLSocket handshake(Socket socket, String host, int port, SSLContext context, List<String> alpn, Duration timeout)
            throws IOException;
}
