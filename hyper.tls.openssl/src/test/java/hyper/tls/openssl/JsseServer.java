package hyper.tls.openssl;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** A JDK server on a loopback port that runs one script on its first connection: the TLS peer the tests steer. */
final class JsseServer implements AutoCloseable {
    /** What the server does with its connection (an {@code SSLSocket} unless the server is {@link #plain}). */
    interface Script {
        Object run(Socket s) throws Exception;
    }

    private final ServerSocket listener;
    private final CompletableFuture<Object> outcome = new CompletableFuture<>();

    private JsseServer(ServerSocket listener, Script script) {
        this.listener = listener;
        Thread t = new Thread(() -> {
            try (Socket s = listener.accept()) {
                s.setSoTimeout(30_000);
                outcome.complete(script.run(s));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "jsse-server");
        t.setDaemon(true);
        t.start();
    }

    /** A TLS server with {@code context}'s certificate, speaking only {@code protocols}. */
    static JsseServer tls(SSLContext context, String[] protocols, boolean needClientAuth, Script script)
            throws IOException {
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
        listener.setEnabledProtocols(protocols);
        listener.setNeedClientAuth(needClientAuth);
        return new JsseServer(listener, script);
    }

    /** A TLS 1.3 server. */
    static JsseServer tls13(SSLContext context, Script script) throws IOException {
        return tls(context, new String[] {"TLSv1.3"}, false, script);
    }

    /** A TCP server without TLS, for peers that fail below it. */
    static JsseServer plain(Script script) throws IOException {
        return new JsseServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()), script);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** What the script returned, or how it failed; waits at most 30 s. */
    Object outcome() throws Exception {
        return outcome.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
