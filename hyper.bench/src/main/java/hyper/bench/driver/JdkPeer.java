package hyper.bench.driver;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The JDK's {@link HttpClient}: {@code sendAsync} for small requests. TLS only: it cannot start h2c with prior knowledge. */
final class JdkPeer implements PeerClient {
    private final boolean blocking;

    /** With {@code blocking}, {@code send} on as many threads as hyper's blocking client, else {@code sendAsync}. */
    JdkPeer(boolean blocking) {
        this.blocking = blocking;
    }

    @Override
    public String name() {
        return "JDK HttpClient" + (blocking ? " blocking" : "");
    }

    @Override
    public String unsupported(Target t, Workload w) {
        return t.tls() ? null : "no h2c with prior knowledge (it upgrades from HTTP/1.1)";
    }

    @Override
    public Session open(Target t, Workload w, Plan plan, Trust trust) throws Exception {
        HttpClient[] clients = new HttpClient[w.connections(plan)];
        HttpRequest request = HttpRequest.newBuilder(URI.create(t.url(t.path(w)))).timeout(Duration.ofSeconds(60)).build();
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(trust.context()).build();
            HttpResponse<byte[]> first = clients[i].send(HttpRequest.newBuilder(URI.create(t.url(t.smallPath()))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (first.version() != HttpClient.Version.HTTP_2) {
                throw new IllegalStateException("the JDK client negotiated " + first.version());
            }
        }
        return new Session() {
            @Override
            public long run(long requests) throws Exception {
                if (w == Workload.BULK) {
                    long n = 0;
                    for (long i = 0; i < requests; i++) {
                        try (InputStream in = clients[0].send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                            n += OkHttpPeer.drain(in);
                        }
                    }
                    return n;
                }
                if (blocking) {
                    return Inflight.runThreads(requests, clients.length * plan.threads(), thread ->
                            clients[thread % clients.length].send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length, 600);
                }
                return Inflight.run(requests, clients.length * w.streams(plan), (chain, done) ->
                        clients[chain % clients.length].sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                                .whenComplete((r, e) -> {
                                    if (e != null) {
                                        done.failed(e);
                                    } else {
                                        done.ok(r.body().length);
                                    }
                                }), 600);
            }

            @Override
            public void close() {
                // HttpClient.close() exists only from Java 21; its idle connection ends with the JVM
            }
        };
    }
}
