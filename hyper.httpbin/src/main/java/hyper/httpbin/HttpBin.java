package hyper.httpbin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local http2bin: a real HTTP/2 and HTTP/1.1 server (Netty codec-http2) with httpbin's endpoints, for tests,
 * demos and benchmarks. One port serves h2 over TLS (ALPN), h2c with prior knowledge, the h2c Upgrade and plain
 * HTTP/1.1, telling them apart by the first bytes of each connection.
 *
 * <pre>{@code
 * try (HttpBin bin = HttpBin.builder().start()) {
 *   HttpClient client = HttpClient.newBuilder().sslContext(bin.clientSslContext()).build();
 *   client.send(HttpRequest.newBuilder(bin.https("/get")).build(), BodyHandlers.ofString());
 * }
 * }</pre>
 */
public final class HttpBin implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(HttpBin.class.getName());

  /** The Server header of every response. */
  public static final String SERVER_NAME = "hyper.httpbin";

  private final EventLoopGroup group;
  private final Channel serverChannel;
  private final InetSocketAddress address;
  private final X509Certificate caCertificate;
  private final Path caPemPath;
  private final Duration startupTime;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpBin(EventLoopGroup group, Channel serverChannel, X509Certificate caCertificate, Path caPemPath,
      Duration startupTime) {
    this.group = group;
    this.serverChannel = serverChannel;
    this.address = (InetSocketAddress) serverChannel.localAddress();
    this.caCertificate = caCertificate;
    this.caPemPath = caPemPath;
    this.startupTime = startupTime;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on; every protocol shares it. */
  public int port() {
    return address.getPort();
  }

  public InetSocketAddress address() {
    return address;
  }

  /** True when the port also accepts TLS connections. */
  public boolean tls() {
    return caCertificate != null;
  }

  /** {@code https://localhost:PORT}; the certificate is valid for localhost, 127.0.0.1 and ::1. */
  public String httpsUrl() {
    if (!tls()) {
      throw new IllegalStateException("TLS is off for this server");
    }
    return "https://localhost:" + port();
  }

  /** {@code http://localhost:PORT}, for h2c and HTTP/1.1. */
  public String httpUrl() {
    return "http://localhost:" + port();
  }

  /** An https URI of a path such as {@code /get?a=1}. */
  public URI https(String pathAndQuery) {
    return URI.create(httpsUrl() + pathAndQuery);
  }

  /** An http URI of a path such as {@code /get?a=1}. */
  public URI http(String pathAndQuery) {
    return URI.create(httpUrl() + pathAndQuery);
  }

  /** The certificate that clients must trust: the generated CA, or the last certificate of a given chain. */
  public X509Certificate caCertificate() {
    if (!tls()) {
      throw new IllegalStateException("TLS is off for this server");
    }
    return caCertificate;
  }

  /** A PEM file holding {@link #caCertificate()}, for curl --cacert and the like; removed by {@link #close()}. */
  public Path caCertificatePemPath() {
    if (!tls()) {
      throw new IllegalStateException("TLS is off for this server");
    }
    return caPemPath;
  }

  /** A client SSLContext that trusts {@link #caCertificate()} and nothing else. */
  public SSLContext clientSslContext() {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("hyper-httpbin-ca", caCertificate());
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a client SSLContext", e);
    }
  }

  /** How long {@link Builder#start()} took, certificate generation included. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Stops accepting, closes every connection and stops the threads. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return; // closing twice (say, from a shutdown hook and a finally block) is harmless
    }
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    if (caPemPath != null) {
      try {
        Files.deleteIfExists(caPemPath);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "could not delete " + caPemPath, e);
      }
    }
  }

  @Override
  public String toString() {
    return "HttpBin[" + (tls() ? httpsUrl() + ", " : "") + httpUrl() + "]";
  }

  /** Options: port 0 (a free one) on loopback, TLS on with a generated certificate, 10 MiB request bodies. */
  public static final class Builder {
    private int port;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private boolean tls = true;
    private PrivateKey key;
    private List<X509Certificate> chain;
    private int maxRequestBody = Limits.MAX_REQUEST_BODY;
    private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /** 0 picks a free port. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /** Loopback by default; a wildcard address serves other machines too. */
    public Builder bindAddress(InetAddress bindAddress) {
      this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
      return this;
    }

    /** With TLS off, the port serves h2c and HTTP/1.1 only. */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /** Serves this key and chain (leaf first) instead of a generated one; the chain's last entry is the CA. */
    public Builder certificate(PrivateKey key, X509Certificate... chain) {
      if (chain.length == 0) {
        throw new IllegalArgumentException("empty certificate chain");
      }
      this.key = Objects.requireNonNull(key, "key");
      this.chain = List.of(chain);
      this.tls = true;
      return this;
    }

    /** Reads a PEM certificate chain (leaf first) and an unencrypted PKCS #8 PEM private key. */
    public Builder certificate(Path chainPem, Path keyPem) throws IOException, GeneralSecurityException {
      List<X509Certificate> certificates = new ArrayList<>();
      try (InputStream in = Files.newInputStream(chainPem)) {
        for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          certificates.add((X509Certificate) certificate);
        }
      }
      return certificate(Certificates.readPrivateKey(Files.readString(keyPem, StandardCharsets.US_ASCII)),
          certificates.toArray(new X509Certificate[0]));
    }

    /** The largest request body accepted; more is answered with 413. */
    public Builder maxRequestBody(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("negative maxRequestBody");
      }
      this.maxRequestBody = bytes;
      return this;
    }

    /** Event-loop threads; defaults to the number of processors, at least 2. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1");
      }
      this.threads = threads;
      return this;
    }

    /** Binds and starts serving; returns once the port accepts connections. */
    public HttpBin start() throws IOException {
      long started = System.nanoTime();
      // TLS material is made on another thread while Netty's classes load and the port is bound: the two are
      // the bulk of the start-up time and need nothing from each other
      CompletableFuture<TlsMaterial> tlsFuture = tls
          ? CompletableFuture.supplyAsync(this::makeTls, runnable -> {
              Thread thread = new Thread(runnable, "hyper-httpbin-tls-setup");
              thread.setDaemon(true);
              thread.start();
            })
          : CompletableFuture.completedFuture(null);
      Router router = new Router(maxRequestBody);
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
          new DefaultThreadFactory("hyper-httpbin", true), NioIoHandler.newFactory());
      AtomicReference<TlsSetup> serverTls = new AtomicReference<>();
      Channel channel;
      try {
        channel = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .option(ChannelOption.AUTO_READ, false) // no accept() before TLS is ready; the backlog waits
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast("detect", new ProtocolDetector(serverTls.get(), router));
                ch.pipeline().addLast("last-resort", new ProtocolDetector.LastResort());
              }
            })
            .bind(new InetSocketAddress(bindAddress, port))
            .syncUninterruptibly()
            .channel();
      } catch (Exception e) { // Netty rethrows the BindException unchecked
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        tlsFuture.thenAccept(made -> {
          if (made != null) {
            made.deletePem();
          }
        });
        throw new IOException("cannot bind " + bindAddress + ":" + port, e);
      }
      TlsMaterial material;
      try {
        material = tlsFuture.join();
      } catch (CompletionException e) {
        channel.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        throw e.getCause() instanceof IOException io ? io : new IOException("cannot set up TLS", e.getCause());
      }
      if (material != null) {
        serverTls.set(material.setup);
      }
      channel.config().setAutoRead(true);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      return material == null
          ? new HttpBin(group, channel, null, null, took)
          : new HttpBin(group, channel, material.ca, material.caPem, took);
    }

    /** What TLS needs, made off the start-up thread. */
    private record TlsMaterial(TlsSetup setup, X509Certificate ca, Path caPem) {
      void deletePem() {
        try {
          Files.deleteIfExists(caPem);
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "could not delete " + caPem, e);
        }
      }
    }

    private TlsMaterial makeTls() {
      try {
        PrivateKey serverKey = key;
        List<X509Certificate> serverChain = chain;
        if (serverKey == null) {
          Certificates.Authority authority = new Certificates().create(
              List.of("localhost"), loopbackAddresses(bindAddress));
          serverKey = authority.server().key();
          serverChain = List.of(authority.server().certificate(), authority.ca().certificate());
        }
        X509Certificate ca = serverChain.get(serverChain.size() - 1);
        TlsSetup setup = TlsSetup.create(serverKey, serverChain);
        Path caPem = Files.createTempFile("hyper-httpbin-ca-", ".pem");
        caPem.toFile().deleteOnExit();
        Files.writeString(caPem, Certificates.toPem(List.of(ca)), StandardCharsets.US_ASCII);
        return new TlsMaterial(setup, ca, caPem);
      } catch (GeneralSecurityException e) {
        throw new CompletionException(new IOException("cannot set up TLS", e));
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }

    /** The IP subjectAltNames: both loopbacks, plus the bind address when it is a specific one. */
    private static List<InetAddress> loopbackAddresses(InetAddress bindAddress) throws IOException {
      List<InetAddress> addresses = new ArrayList<>();
      addresses.add(InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1}));
      addresses.add(InetAddress.getByAddress("::1", new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
      if (!bindAddress.isAnyLocalAddress() && !addresses.contains(bindAddress)) {
        addresses.add(bindAddress);
      }
      return addresses;
    }
  }
}
