package hyper.bench.driver;

import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** Jetty 12's {@link HttpClient} over its HTTP/2 transport (h2c with prior knowledge for http URLs). */
final class JettyPeer implements PeerClient {
    private final boolean blocking;

    /** With {@code blocking}, {@code send()} on as many threads as hyper's blocking client, else a listener. */
    JettyPeer(boolean blocking) {
        this.blocking = blocking;
    }

    @Override
    public String name() {
        return "Jetty " + HttpClient.class.getPackage().getImplementationVersion() + (blocking ? " blocking" : "");
    }

    @Override
    public Session open(Target t, Workload w, Plan plan, Trust trust) throws Exception {
        HttpClient[] clients = new HttpClient[w.connections(plan)];
        String url = t.url(t.path(w));
        for (int i = 0; i < clients.length; i++) {
            SslContextFactory.Client ssl = new SslContextFactory.Client();
            ssl.setSslContext(trust.context());
            ClientConnector connector = new ClientConnector();
            connector.setSslContextFactory(ssl);
            HttpClient c = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
            c.setMaxConnectionsPerDestination(1);
            c.setMaxRequestsQueuedPerDestination(Math.max(1024, 2 * w.streams(plan)));
            c.start();
            c.newRequest(t.url(t.smallPath())).timeout(60, TimeUnit.SECONDS).send(); // the connection, before the burst
            clients[i] = c;
        }
        return new Session() {
            @Override
            public long run(long requests) throws Exception {
                if (w == Workload.BULK) {
                    long n = 0;
                    for (long i = 0; i < requests; i++) {
                        InputStreamResponseListener listener = new InputStreamResponseListener();
                        clients[0].newRequest(url).send(listener);
                        listener.get(60, TimeUnit.SECONDS);
                        try (InputStream in = listener.getInputStream()) {
                            n += OkHttpPeer.drain(in);
                        }
                    }
                    return n;
                }
                if (blocking) {
                    return Inflight.runThreads(requests, clients.length * plan.threads(), thread ->
                            clients[thread % clients.length].newRequest(url).timeout(60, TimeUnit.SECONDS).send().getContent().length, 600);
                }
                return Inflight.run(requests, clients.length * w.streams(plan), (chain, done) ->
                        clients[chain % clients.length].newRequest(url).timeout(60, TimeUnit.SECONDS)
                                .send(new BufferingResponseListener(64 * 1024) {
                                    @Override
                                    public void onComplete(Result result) {
                                        if (result.isFailed()) {
                                            done.failed(result.getFailure());
                                        } else {
                                            done.ok(getContent().length);
                                        }
                                    }
                                }), 600);
            }

            @Override
            public void close() throws Exception {
                for (HttpClient c : clients) {
                    c.stop();
                }
            }
        };
    }
}
