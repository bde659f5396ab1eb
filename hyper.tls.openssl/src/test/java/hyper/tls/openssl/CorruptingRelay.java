package hyper.tls.openssl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay between the client under test and a server that, once armed, flips one bit of the next chunk it
 * passes from the server: a TLS record damaged in transit.
 */
final class CorruptingRelay implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private volatile boolean armed;
    private volatile Socket client;
    private volatile Socket server;

    CorruptingRelay(int serverPort) throws IOException {
        Thread t = new Thread(() -> {
            try {
                client = listener.accept();
                server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 5000);
                pump(client.getInputStream(), server.getOutputStream(), false);
                pump(server.getInputStream(), client.getOutputStream(), true);
            } catch (IOException e) {
                // the test sees the failure at the client
            }
        }, "relay-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The next chunk from the server has its last octet's low bit flipped (the record's tag, most likely). */
    void arm() {
        armed = true;
    }

    private void pump(InputStream in, OutputStream out, boolean fromServer) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    if (fromServer && armed) {
                        armed = false;
                        buf[n - 1] ^= 1;
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : new Socket[] {client, server}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
