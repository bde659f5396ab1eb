package hyper.bench.flow;

import hyper.api.ConnectionOptions;
import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.Response;
import hyper.bench.driver.Trust;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The clients compared: each downloads one URL over one HTTP/2 connection, reading the body as it arrives. */
final class Downloaders {
    private Downloaders() {
    }

    /** One download: the body octets read, and seconds taken; {@code cut} when the time limit stopped it. */
    record Result(long octets, double seconds, boolean cut) {
        double megabytesPerSecond() {
            return octets / 1e6 / seconds;
        }
    }

    /** A client. */
    interface Downloader {
        Result download(boolean tls, int port, String path, long limitNanos) throws Exception;
    }

    private static final int BUFFER = 64 * 1024;

    /** hyper's Http2Connection over JSSE with a flow-control provider and initial windows (0: the options' defaults). */
    static Downloader hyper(Trust trust, String provider, int windows) {
        return hyper(trust.context(), "jsse", provider, windows);
    }

    /** The same over the TLS provider {@code tlsProvider}, trusting what {@code context} trusts. */
    static Downloader hyper(SSLContext context, String tlsProvider, String provider, int windows) {
        return (tls, port, path, limitNanos) -> {
            ConnectionOptions.Builder b = ConnectionOptions.builder().secure(tls).sslContext(context)
                    .tlsProvider(tlsProvider).readTimeout(Duration.ofSeconds(60)).flowControlProvider(provider);
            if (windows > 0) {
                b.initialWindowSize(windows).connectionWindowSize(windows);
            } else if (windows < 0) {
                b.initialWindowSize(-windows); // the stream windows alone: the connection's stays the policy's
            }
            long start = System.nanoTime();
            try (Http2Connection c = Hyper.http2("127.0.0.1:" + port, b.build())) {
                Response r = c.getResponse(c.request("GET", path));
                check(r.status() == 200, "status " + r.status());
                byte[] buf = new byte[BUFFER];
                long octets = 0;
                int n;
                while ((n = r.read(buf, 0, buf.length)) >= 0) { // into our buffer: no array allocated per read
                    octets += n;
                    if (System.nanoTime() - start > limitNanos) {
                        return done(octets, start, true);
                    }
                }
                return done(octets, start, false);
            }
        };
    }

    static Downloader okhttp(Trust trust) {
        return (tls, port, path, limitNanos) -> {
            OkHttpClient.Builder b = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60));
            if (tls) {
                b.sslSocketFactory(trust.context().getSocketFactory(), trust.trustManager())
                        .protocols(List.of(okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1));
            } else {
                b.protocols(List.of(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE));
            }
            OkHttpClient client = b.build();
            long start = System.nanoTime();
            try (okhttp3.Response r = client.newCall(new Request.Builder().url(url(tls, port, path)).build()).execute()) {
                check(r.protocol() == okhttp3.Protocol.HTTP_2 || r.protocol() == okhttp3.Protocol.H2_PRIOR_KNOWLEDGE,
                        "OkHttp spoke " + r.protocol());
                return drain(r.body().byteStream(), start, limitNanos);
            } finally {
                client.dispatcher().executorService().shutdown();
                client.connectionPool().evictAll();
            }
        };
    }

    /** The JDK's HttpClient: over cleartext it can only reach HTTP/2 through the h2c upgrade. */
    static Downloader jdk(Trust trust) {
        return (tls, port, path, limitNanos) -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trust.context()).build();
            long start = System.nanoTime();
            HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(url(tls, port, path))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            check(r.version() == HttpClient.Version.HTTP_2, "the JDK client spoke " + r.version());
            try (InputStream in = r.body()) {
                return drain(in, start, limitNanos);
            }
        };
    }

    static Downloader jetty(Trust trust) {
        return (tls, port, path, limitNanos) -> {
            ClientConnector connector = new ClientConnector();
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setSslContext(trust.context());
            connector.setSslContextFactory(ssl);
            org.eclipse.jetty.client.HttpClient client = new org.eclipse.jetty.client.HttpClient(
                    new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
            client.start();
            try {
                long start = System.nanoTime();
                InputStreamResponseListener listener = new InputStreamResponseListener();
                client.newRequest(url(tls, port, path)).send(listener);
                org.eclipse.jetty.client.Response r = listener.get(60, TimeUnit.SECONDS);
                check(r.getStatus() == 200 && r.getVersion() == org.eclipse.jetty.http.HttpVersion.HTTP_2,
                        "Jetty: " + r.getStatus() + " " + r.getVersion());
                try (InputStream in = listener.getInputStream()) {
                    return drain(in, start, limitNanos);
                }
            } finally {
                client.stop();
            }
        };
    }

    private static final Pattern FINISHED = Pattern.compile("finished in ([0-9.]+)(us|ms|s),");
    private static final Pattern TRAFFIC = Pattern.compile("traffic: .*?\\((\\d+)\\) total");

    /** nghttp2's h2load, one request on one connection ({@code h2load -n 1 -c 1 URL}). */
    static Downloader h2load() {
        return (tls, port, path, limitNanos) -> {
            String out = run("h2load", "-n", "1", "-c", "1", url(tls, port, path));
            Matcher m = FINISHED.matcher(out);
            check(m.find() && out.contains("1 succeeded"), "h2load: " + out);
            double t = Double.parseDouble(m.group(1));
            double seconds = switch (m.group(2)) {
                case "us" -> t / 1e6;
                case "ms" -> t / 1e3;
                default -> t;
            };
            Matcher traffic = TRAFFIC.matcher(out);
            check(traffic.find(), "h2load traffic: " + out);
            return new Result(Long.parseLong(traffic.group(1)), seconds, false);
        };
    }

    /** Runs a command to its end and returns its output; a failure or 300 s without an end is an error. */
    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private static Result drain(InputStream in, long start, long limitNanos) throws Exception {
        byte[] buf = new byte[BUFFER];
        long octets = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            octets += n;
            if (System.nanoTime() - start > limitNanos) {
                return done(octets, start, true);
            }
        }
        return done(octets, start, false);
    }

    private static Result done(long octets, long start, boolean cut) {
        return new Result(octets, (System.nanoTime() - start) / 1e9, cut);
    }

    static String url(boolean tls, int port, String path) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port + path;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
