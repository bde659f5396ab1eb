package hyper.httpbin;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the server from the command line and prints its URLs:
 * <pre>
 *   java -jar hyper.httpbin/target/hyper-httpbin-VERSION.jar --port 8443
 *   java -p hyper.httpbin/target/hyper-httpbin-VERSION.jar:hyper.httpbin/target/lib -m hyper.httpbin
 * </pre>
 * It serves until killed, or for {@code --duration} seconds, or (with {@code --exit-on-stdin-eof}) until its
 * standard input closes. That last one is opt-in because a background job of a shell script gets /dev/null as
 * its input and would stop at once.
 */
public final class Main {
  static final String USAGE = String.join("\n",
      "usage: hyper.httpbin [options]",
      "  --port N               port for every protocol (default 0: a free one)",
      "  --host ADDRESS         address to bind (default: loopback; 0.0.0.0 for all)",
      "  --no-tls               h2c and HTTP/1.1 only",
      "  --cert FILE --key FILE PEM certificate chain (leaf first) and PKCS #8 key instead of a generated CA",
      "  --ca-file FILE         also write the CA certificate (PEM) there, for curl --cacert",
      "  --max-body BYTES       largest request body (default " + Limits.MAX_REQUEST_BODY + ")",
      "  --threads N            event-loop threads",
      "  --duration SECONDS     stop after this long",
      "  --exit-on-stdin-eof    stop when standard input closes",
      "");

  private Main() {}

  public static void main(String[] args) throws Exception {
    int status = run(args, System.out, System.err, System.in);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Parses, starts, prints, waits, stops; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err, InputStream stdin)
      throws IOException, InterruptedException {
    HttpBin.Builder builder = HttpBin.builder();
    Path cert = null;
    Path key = null;
    Path caFile = null;
    double duration = -1;
    boolean stdinEof = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--port" -> builder.port(Integer.parseInt(value(args, ++i)));
          case "--host" -> builder.bindAddress(InetAddress.getByName(value(args, ++i)));
          case "--no-tls" -> builder.tls(false);
          case "--cert" -> cert = Path.of(value(args, ++i));
          case "--key" -> key = Path.of(value(args, ++i));
          case "--ca-file" -> caFile = Path.of(value(args, ++i));
          case "--max-body" -> builder.maxRequestBody(Integer.parseInt(value(args, ++i)));
          case "--threads" -> builder.threads(Integer.parseInt(value(args, ++i)));
          case "--duration" -> duration = Double.parseDouble(value(args, ++i));
          case "--exit-on-stdin-eof" -> stdinEof = true;
          case "--help", "-h" -> {
            out.print(USAGE);
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if ((cert == null) != (key == null)) {
        throw new IllegalArgumentException("--cert and --key go together");
      }
      if (cert != null) {
        builder.certificate(cert, key);
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      err.println("hyper.httpbin: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }

    HttpBin bin = builder.start();
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      bin.close();
      stop.countDown();
    }, "hyper-httpbin-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      out.println("hyper.httpbin listening on " + bin.address().getAddress().getHostAddress() + ":" + bin.port()
          + ", started in " + bin.startupTime().toMillis() + " ms");
      if (bin.tls()) {
        out.println(bin.httpsUrl());
      }
      out.println(bin.httpUrl());
      if (bin.tls()) {
        if (caFile != null) {
          Files.copy(bin.caCertificatePemPath(), caFile, StandardCopyOption.REPLACE_EXISTING);
        }
        out.println("CA certificate: " + (caFile != null ? caFile : bin.caCertificatePemPath()));
      }
      out.flush();
      if (stdinEof) {
        Thread watcher = new Thread(() -> {
          try {
            while (stdin.read() >= 0) {
              // keep reading: only the end of input matters
            }
          } catch (IOException e) {
            // a broken input counts as closed
          }
          stop.countDown();
        }, "hyper-httpbin-stdin");
        watcher.setDaemon(true);
        watcher.start();
      }
      if (duration >= 0) {
        stop.await((long) (duration * 1000), TimeUnit.MILLISECONDS);
      } else {
        stop.await();
      }
    } finally {
      bin.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
    return 0;
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
