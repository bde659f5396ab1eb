package hyper.bench.flow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay on loopback that delays every chunk by half the simulated round-trip time in each direction, in order:
 * a stand-in for netem, which these machines lack. Each direction has a reader thread that stamps each chunk with
 * its due time and a writer thread that sends it no earlier. The queue between them is unbounded, like a long fat
 * pipe: the delay, not the relay, limits what is in flight, so HTTP/2 flow control windows decide the throughput.
 *
 * <p>The benchmark runs it in a JVM of its own ({@link #start}): in the clients' JVM its copies and garbage would
 * slow the Java clients (their GC pauses and safepoints) and not h2load.
 */
final class DelayRelay implements AutoCloseable {
    private static final int CHUNK = 256 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long oneWayNanos;
    private final List<Socket> sockets = new ArrayList<>();
    private volatile boolean closed;

    /** Relays connections on a free loopback port to {@code targetPort}, with {@code rttMillis} of round trip. */
    DelayRelay(int targetPort, int rttMillis) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.oneWayNanos = TimeUnit.MILLISECONDS.toNanos(rttMillis) / 2;
        Thread t = new Thread(this::acceptLoop, "relay-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** {@code DelayRelay targetPort rttMillis}: relays until its standard input closes; prints its port first. */
    public static void main(String[] args) throws Exception {
        try (DelayRelay relay = new DelayRelay(Integer.parseInt(args[0]), Integer.parseInt(args[1]))) {
            System.out.println(relay.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the benchmark closes our input (or exits)
            }
        }
    }

    /** A relay in a JVM of its own, with this JVM's class path. */
    static Process start(int targetPort, int rttMillis) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xms1g", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), DelayRelay.class.getName(),
                String.valueOf(targetPort), String.valueOf(rttMillis)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                for (Socket s : List.of(client, upstream)) {
                    s.setTcpNoDelay(true);
                }
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                pipe(client, upstream, "up");
                pipe(upstream, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("relay: " + e);
                }
            }
        }
    }

    private record Chunk(byte[] data, long dueNanos) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0);

    private void pipe(Socket from, Socket to, String name) {
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[CHUNK];
            try (InputStream in = from.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + oneWayNanos));
                }
            } catch (IOException ignored) {
                // the connection ended
            }
            queue.add(END);
        }, "relay-read-" + name);
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Chunk c = queue.take();
                    if (c == END) {
                        to.shutdownOutput();
                        return;
                    }
                    long wait;
                    while ((wait = c.dueNanos() - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    out.write(c.data());
                }
            } catch (IOException | InterruptedException ignored) {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "relay-write-" + name);
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                closeQuietly(s);
            }
        }
    }
}
