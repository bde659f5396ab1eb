package hyper.impl.http2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A one-connection HTTP CONNECT proxy for tests: answers with {@code status}, and on 2xx relays bytes both ways. */
public final class ConnectProxy implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    private final Thread thread;
    public volatile String requestLine;

    public ConnectProxy(String status) throws IOException {
        thread = new Thread(() -> serve(status), "test-connect-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void serve(String status) {
        try (Socket client = server.accept()) {
            InputStream in = client.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.append((char) b);
            }
            requestLine = head.substring(0, head.indexOf("\r\n"));
            OutputStream out = client.getOutputStream();
            out.write((status + "\r\nX-Proxy: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (!status.contains(" 200 ")) {
                return;
            }
            String target = requestLine.split(" ")[1];
            int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread up = new Thread(() -> pipe(in, upstream), "test-proxy-up");
                up.setDaemon(true);
                up.start();
                upstream.getInputStream().transferTo(out);
            }
        } catch (IOException ignored) {
            // the test ended the conversation
        }
    }

    private void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
