package hyper.httpbin;

import io.netty.handler.ssl.SslHandler;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's TLS, on the JDK's own SSLEngine (the brief's SslProvider.JDK) with ALPN through
 * {@link SSLParameters#setApplicationProtocols}.
 *
 * <p>Netty's SslContext is not used on purpose: its JdkSslContext class initializer calls
 * {@code SSLContext.init(null, null, null)}, which loads the JDK's whole cacerts trust store (about 400 ms on
 * this machine) although a server that asks for no client certificate never needs it. Netty's SslHandler works
 * on any SSLEngine, so we hand it one from a context with our key and no trust store.
 */
final class TlsSetup {
  static final String H2 = "h2";
  static final String HTTP_1_1 = "http/1.1";

  private final SSLContext context;
  private final String[] cipherSuites;

  private TlsSetup(SSLContext context, String[] cipherSuites) {
    this.context = context;
    this.cipherSuites = cipherSuites;
  }

  /** A server context presenting {@code chain} (leaf first) with {@code key}. */
  static TlsSetup create(PrivateKey key, List<X509Certificate> chain) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(new KeyManager[] {new SingleKeyManager(key, chain.toArray(new X509Certificate[0]))},
        new TrustManager[0], null);
    List<String> suites = new ArrayList<>();
    for (String suite : context.getSupportedSSLParameters().getCipherSuites()) {
      if (isH2Compatible(suite)) {
        suites.add(suite);
      }
    }
    return new TlsSetup(context, suites.toArray(new String[0]));
  }

  /**
   * RFC 9113 §9.2.2: HTTP/2 over TLS 1.2 needs an ephemeral key exchange and an AEAD cipher; TLS 1.3 suites
   * always qualify. Keeping to those for HTTP/1.1 too costs nothing with current clients.
   */
  static boolean isH2Compatible(String suite) {
    if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
      return true;
    }
    return suite.startsWith("TLS_ECDHE_") && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"));
  }

  /** A handler for one new server connection. */
  SslHandler newHandler() {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    parameters.setCipherSuites(cipherSuites);
    parameters.setUseCipherSuitesOrder(true);
    parameters.setApplicationProtocols(new String[] {H2, HTTP_1_1}); // our preference first (RFC 7301 §3.2)
    engine.setSSLParameters(parameters);
    return new SslHandler(engine);
  }

  /** Presents one key and its chain, whatever the client asks. */
  private static final class SingleKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "server";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    SingleKeyManager(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain;
    }

    /** JSSE asks once per key type it could use ("EC", "RSA", ...); only our key's type gets the alias. */
    private String aliasFor(String keyType) {
      return key.getAlgorithm().equals(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return aliasFor(keyType);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return aliasFor(keyType);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      String alias = aliasFor(keyType);
      return alias == null ? null : new String[] {alias};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null; // a server key manager: never a client
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
      return null;
    }
  }
}
