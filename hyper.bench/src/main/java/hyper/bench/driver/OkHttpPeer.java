package hyper.bench.driver;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** OkHttp 5 ({@code okhttp-jvm}): {@code enqueue} for small requests, one client (so one connection) per connection. */
final class OkHttpPeer implements PeerClient {
    private final boolean blocking;

    /** With {@code blocking}, {@code execute()} on as many threads as hyper's blocking client, else {@code enqueue}. */
    OkHttpPeer(boolean blocking) {
        this.blocking = blocking;
    }

    @Override
    public String name() {
        return "OkHttp " + okhttp3.OkHttp.VERSION + (blocking ? " blocking" : "");
    }

    @Override
    public Session open(Target t, Workload w, Plan plan, Trust trust) throws IOException {
        OkHttpClient[] clients = new OkHttpClient[w.connections(plan)];
        Request request = new Request.Builder().url(t.url(t.path(w))).build();
        for (int i = 0; i < clients.length; i++) {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(Math.max(64, w.streams(plan)));  // enqueue's limit; execute() has none
            dispatcher.setMaxRequestsPerHost(Math.max(5, w.streams(plan)));
            OkHttpClient.Builder b = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(5, 5, TimeUnit.MINUTES))
                    .readTimeout(60, TimeUnit.SECONDS)
                    // h2c needs prior knowledge; over TLS, ALPN picks h2
                    .protocols(t.tls() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.H2_PRIOR_KNOWLEDGE));
            if (t.tls()) {
                b.sslSocketFactory(trust.context().getSocketFactory(), trust.trustManager());
            }
            clients[i] = b.build();
            // one request first, so that the burst that follows shares its HTTP/2 connection
            try (Response r = clients[i].newCall(new Request.Builder().url(t.url(t.smallPath())).build()).execute()) {
                if (r.protocol() != Protocol.HTTP_2 && r.protocol() != Protocol.H2_PRIOR_KNOWLEDGE) {
                    throw new IOException("OkHttp negotiated " + r.protocol() + ", not HTTP/2");
                }
                r.body().bytes();
            }
        }
        return new Session() {
            @Override
            public long run(long requests) throws Exception {
                if (w == Workload.BULK) {
                    long n = 0;
                    for (long i = 0; i < requests; i++) {
                        try (Response r = clients[0].newCall(request).execute(); InputStream in = r.body().byteStream()) {
                            n += drain(in);
                        }
                    }
                    return n;
                }
                if (blocking) {
                    return Inflight.runThreads(requests, clients.length * plan.threads(), thread -> {
                        try (Response r = clients[thread % clients.length].newCall(request).execute()) {
                            return r.body().bytes().length;
                        }
                    }, 600);
                }
                return Inflight.run(requests, clients.length * w.streams(plan), (chain, done) ->
                        clients[chain % clients.length].newCall(request).enqueue(new Callback() {
                            @Override
                            public void onFailure(Call call, IOException e) {
                                done.failed(e);
                            }

                            @Override
                            public void onResponse(Call call, Response response) {
                                long n;
                                try (ResponseBody body = response.body()) {
                                    n = body.bytes().length;
                                } catch (IOException | RuntimeException e) {
                                    done.failed(e);
                                    return;
                                }
                                done.ok(n);
                            }
                        }), 600);
            }

            @Override
            public void close() {
                for (OkHttpClient c : clients) {
                    c.dispatcher().executorService().shutdown();
                    c.connectionPool().evictAll();
                }
            }
        };
    }

    static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
            n += r;
        }
        return n;
    }
}
