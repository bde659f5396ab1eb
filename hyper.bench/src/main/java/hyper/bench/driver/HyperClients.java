package hyper.bench.driver;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** hyper's {@link Http2Connection}: through {@code fetchAsync} (no thread per request), and blocking with threads. */
final class HyperClients {
    /** The windows the peers use too (OkHttp's 16 MiB); hyper's default is the RFC's 64 KiB. */
    static final int WINDOW = 16 << 20;

    private HyperClients() {
    }

    /** The options of every hyper row; {@code openSsl}: TLS through the OpenSSL provider instead of JSSE. */
    static ConnectionOptions options(Target t, Trust trust, boolean openSsl) throws IOException {
        ConnectionOptions.Builder b = ConnectionOptions.builder()
                .secure(t.tls())
                .readTimeout(Duration.ofSeconds(60))
                .initialWindowSize(WINDOW)
                .connectionWindowSize(WINDOW);
        if (t.tls() && openSsl) {
            if (trust.openSslContext() == null) {
                throw new IOException("the OpenSSL TLS provider is unavailable (hyper.tls.openssl not built?)");
            }
            b.sslContext(trust.openSslContext()).tlsProvider("openssl");
        } else if (t.tls()) {
            b.sslContext(trust.context()).tlsProvider("jsse");
        }
        return b.build();
    }

    /** Reads a body as a stream, one DATA frame at a time, and returns its length. */
    static long drain(Response r) throws IOException {
        long n = 0;
        for (byte[] chunk : r.readChunked(false)) {
            n += chunk.length;
        }
        return n;
    }

    /** hyper, asynchronously: each completion, on the connection's reader thread, starts the next request. */
    static final class Async implements PeerClient {
        private final boolean openSsl;

        Async(boolean openSsl) {
            this.openSsl = openSsl;
        }

        @Override
        public String name() {
            return openSsl ? "hyper async, OpenSSL" : "hyper async";
        }

        @Override
        public String unsupported(Target t, Workload w) {
            return openSsl && !t.tls() ? "OpenSSL rows are TLS only" : null;
        }

        @Override
        public Session open(Target t, Workload w, Plan plan, Trust trust) throws IOException {
            Http2Connection[] conns = new Http2Connection[w.connections(plan)];
            for (int i = 0; i < conns.length; i++) {
                conns[i] = Hyper.http2(t.authority(), options(t, trust, openSsl));
            }
            String path = t.path(w);
            HeaderMap none = new HeaderMap();
            return new Session() {
                @Override
                public long run(long requests) throws Exception {
                    if (w == Workload.BULK) {
                        long n = 0;
                        for (long i = 0; i < requests; i++) {
                            try (Response r = conns[0].requestAsync("GET", path, Body.empty(), none).get(60, TimeUnit.SECONDS)) {
                                n += drain(r);
                            }
                        }
                        return n;
                    }
                    return Inflight.run(requests, conns.length * w.streams(plan), (chain, done) ->
                            conns[chain % conns.length].fetchAsync("GET", path, Body.empty(), none).whenComplete((r, e) -> {
                                if (e != null) {
                                    done.failed(e);
                                    return;
                                }
                                long n;
                                try (Response response = r) {
                                    n = response.read().length;
                                } catch (IOException | RuntimeException ex) {
                                    done.failed(ex);
                                    return;
                                }
                                done.ok(n);
                            }), 600);
                }

                @Override
                public void close() throws IOException {
                    for (Http2Connection c : conns) {
                        c.close();
                    }
                }
            };
        }
    }

    /** hyper's blocking API: {@code threads} threads per connection, each a request and its whole response at a time. */
    static final class Blocking implements PeerClient {
        private final boolean virtual;
        private final boolean openSsl;

        Blocking(boolean virtual, boolean openSsl) {
            this.virtual = virtual;
            this.openSsl = openSsl;
        }

        @Override
        public String name() {
            return (virtual ? "hyper blocking virtual" : "hyper blocking") + (openSsl ? ", OpenSSL" : "");
        }

        @Override
        public String unsupported(Target t, Workload w) {
            if (openSsl && !t.tls()) {
                return "OpenSSL rows are TLS only";
            }
            return virtual && !VirtualThreads.available() ? "no virtual threads before Java 21" : null;
        }

        @Override
        public Session open(Target t, Workload w, Plan plan, Trust trust) throws IOException {
            Http2Connection[] conns = new Http2Connection[w.connections(plan)];
            for (int i = 0; i < conns.length; i++) {
                conns[i] = Hyper.http2(t.authority(), options(t, trust, openSsl));
            }
            String path = t.path(w);
            HeaderMap none = new HeaderMap();
            int threads = w == Workload.BULK ? 1 : plan.threads() * conns.length;
            return new Session() {
                @Override
                public long run(long requests) throws Exception {
                    return Inflight.runThreads(requests, threads, virtual, thread -> {
                        Http2Connection c = conns[thread % conns.length];
                        int id = c.request("GET", path, Body.empty(), none);
                        try (Response r = c.getResponse(id)) {
                            return w == Workload.BULK ? drain(r) : r.read().length;
                        }
                    }, 600);
                }

                @Override
                public void close() throws IOException {
                    for (Http2Connection c : conns) {
                        c.close();
                    }
                }
            };
        }
    }
}
