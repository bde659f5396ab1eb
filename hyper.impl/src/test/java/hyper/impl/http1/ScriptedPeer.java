package hyper.impl.http1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted HTTP/1.1 server on loopback: the i-th accepted connection runs the i-th script, which reads requests
 * and writes exact octets. A failure inside a script is rethrown by {@link #close()}, so the test sees it.
 */
final class ScriptedPeer implements AutoCloseable {
    interface Script {
        void run(Conn c) throws Exception;
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> handlers = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    ScriptedPeer(Script... scripts) throws IOException {
        this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), scripts);
    }

    /** Serves on {@code server}, e.g. a JSSE {@link javax.net.ssl.SSLServerSocket}. */
    ScriptedPeer(ServerSocket server, Script... scripts) {
        this.server = server;
        acceptor = new Thread(() -> {
            try {
                for (Script script : scripts) {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread t = new Thread(() -> {
                        try (Socket socket = s) {
                            socket.setSoTimeout(20_000);
                            script.run(new Conn(socket));
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }, "scripted-peer-conn");
                    t.setDaemon(true);
                    handlers.add(t);
                    t.start();
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    failures.add(e);
                }
            }
        }, "scripted-peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** How many connections the client opened. */
    int accepted() {
        return accepted.get();
    }

    /** Waits for the scripts to finish (bounded) and rethrows the first failure inside one. */
    @Override
    public void close() throws Exception {
        for (Thread t : handlers) {
            t.join(10_000);
        }
        server.close();
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            if (first instanceof Exception) {
                throw (Exception) first;
            }
            throw (Error) first;
        }
    }

    /** What the client sent: the request line, header fields (names lower-cased) and the body as received. */
    record Request(String line, Map<String, String> headers, byte[] body, String rawHead) {
        String header(String name) {
            return headers.get(name);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One accepted connection. */
    static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        /** Reads the request line and header fields only. */
        Request readHead() throws IOException {
            StringBuilder raw = new StringBuilder();
            String line = readLine();
            if (line == null) {
                return null;
            }
            raw.append(line).append("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            String h;
            while (!(h = readLine()).isEmpty()) {
                raw.append(h).append("\r\n");
                int colon = h.indexOf(':');
                headers.merge(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
            return new Request(line, headers, new byte[0], raw.toString());
        }

        /** Reads a whole request: the body by Content-Length, or chunked (kept exactly as received, framing included). */
        Request readRequest() throws IOException {
            Request head = readHead();
            if (head == null) {
                return null;
            }
            return new Request(head.line(), head.headers(), readBody(head), head.rawHead());
        }

        byte[] readBody(Request head) throws IOException {
            if (head.header("content-length") != null) {
                return in.readNBytes(Integer.parseInt(head.header("content-length")));
            }
            if ("chunked".equals(head.header("transfer-encoding"))) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                while (true) {
                    String size = readLine();
                    raw.writeBytes((size + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    int n = Integer.parseInt(size, 16);
                    if (n == 0) {
                        raw.writeBytes((readLine() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        return raw.toByteArray();
                    }
                    raw.writeBytes(in.readNBytes(n + 2));
                }
            }
            return new byte[0];
        }

        /** A line without its CRLF; null at end of stream before any octet. */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    if (line.size() == 0) {
                        return null;
                    }
                    throw new IOException("end of stream inside a line: " + line);
                }
                line.write(c);
            }
            byte[] b = line.toByteArray();
            int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
            return new String(b, 0, len, StandardCharsets.ISO_8859_1);
        }

        void write(String ascii) throws IOException {
            out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void write(byte[] octets) throws IOException {
            out.write(octets);
            out.flush();
        }

        /** Waits until the client closes its side (bounded by the socket timeout). */
        void awaitClose() throws IOException {
            byte[] discard = new byte[64 * 1024];
            while (in.read(discard) >= 0) {
                // what the client still sends is dropped
            }
        }
    }

    static List<String> lines(String s) {
        return new ArrayList<>(List.of(s.split("\r\n")));
    }
}
