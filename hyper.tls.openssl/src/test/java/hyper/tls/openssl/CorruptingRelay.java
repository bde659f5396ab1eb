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
 * passes from the server: a TLS record damaged in transit. Or, held, it keeps what the server sends until released,
 * then passes all of it in one write with its last octet damaged: good records and a bad one in one client read.
 */
final class CorruptingRelay implements AutoCloseable {
    private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private volatile boolean armed;
    private final java.util.concurrent.locks.ReentrantLock toClient = new java.util.concurrent.locks.ReentrantLock();
    private java.io.ByteArrayOutputStream held; // guarded by toClient
    private final java.util.concurrent.atomic.AtomicLong heldOctets = new java.util.concurrent.atomic.AtomicLong();
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

    /** From now on, what the server sends is kept back (see {@link #releaseDamagingLast}). */
    void hold() {
        toClient.lock();
        try {
            held = new java.io.ByteArrayOutputStream();
        } finally {
            toClient.unlock();
        }
    }

    /** Octets kept back so far. */
    long heldOctets() {
        return heldOctets.get();
    }

    /** Sends everything kept back in one write, its last octet's low bit flipped, and stops holding. */
    void releaseDamagingLast() throws IOException {
        toClient.lock();
        try {
            byte[] all = held.toByteArray();
            held = null;
            all[all.length - 1] ^= 1;
            client.getOutputStream().write(all);
        } finally {
            toClient.unlock();
        }
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
                    toClient.lock(); // only the server's side is ever held; the lock is uncontended otherwise
                    try {
                        if (fromServer && held != null) {
                            held.write(buf, 0, n);
                            heldOctets.addAndGet(n);
                            continue;
                        }
                        out.write(buf, 0, n);
                    } finally {
                        toClient.unlock();
                    }
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
