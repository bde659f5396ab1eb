package hyper.impl.http1;

import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Response;
import hyper.impl.Http2Bootstrap;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the HTTP/2 engine: records how {@link NegotiatingConnection} hands it a socket, optionally checks
 * that socket (e.g. that the server's HTTP/2 preface follows), and returns a stand-in connection whose requests
 * get stream ids 3, 5, ... and whose responses say which stream they were asked for.
 */
final class RecordingBootstrap implements Http2Bootstrap {
    /** One hand-over. */
    record Start(Socket socket, boolean secure, Upgraded upgraded) {
    }

    interface SocketCheck {
        void check(Socket socket, Upgraded upgraded) throws Exception;
    }

    final List<Start> starts = new CopyOnWriteArrayList<>();
    private final SocketCheck check;

    RecordingBootstrap(SocketCheck check) {
        this.check = check;
    }

    RecordingBootstrap() {
        this((s, u) -> { });
    }

    @Override
    public Http2Connection start(Socket socket, String host, int port, boolean secure, ConnectionOptions options,
            Upgraded upgraded) throws IOException {
        starts.add(new Start(socket, secure, upgraded));
        try {
            check.check(socket, upgraded);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
        AtomicInteger nextStream = new AtomicInteger(3);
        return (Http2Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Http2Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "request":
                            return nextStream.getAndAdd(2);
                        case "getResponse":
                            return response(args == null ? 1 : (Integer) args[0]);
                        case "close":
                            socket.close();
                            return null;
                        case "isSecure":
                            return secure;
                        default:
                            throw new AssertionError("not expected of the stand-in: " + method);
                    }
                });
    }

    private static Response response(int streamId) {
        return (Response) Proxy.newProxyInstance(RecordingBootstrap.class.getClassLoader(), new Class<?>[] {Response.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "streamId":
                            return streamId;
                        case "status":
                            return 200;
                        case "headers":
                            return new HeaderMap();
                        default:
                            throw new AssertionError("not expected of the stand-in: " + method);
                    }
                });
    }

    /** What the server sent after the handshake or the 101: the octets already read, then the socket. */
    static DataInputStream serverOctets(Socket socket, Upgraded upgraded) throws IOException {
        InputStream rest = socket.getInputStream();
        return new DataInputStream(upgraded == null ? rest : new SequenceInputStream(new ByteArrayInputStream(upgraded.buffered()), rest));
    }

    /** Sends the client connection preface with an empty SETTINGS frame (RFC 9113 §3.4). */
    static void sendClientPreface(Socket socket) throws IOException {
        socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
        socket.getOutputStream().flush();
    }

    /**
     * Reads one frame (RFC 9113 §4.1) and returns {type, flags, stream id}, skipping its payload.
     * <pre>
     *   +-----------------------------------------------+
     *   |                 Length (24)                   |
     *   +---------------+---------------+---------------+
     *   |   Type (8)    |   Flags (8)   |
     *   +-+-------------+---------------+-------------------------------+
     *   |R|                 Stream Identifier (31)                      |
     *   +=+=============================================================+
     * </pre>
     */
    static int[] readFrame(DataInputStream in) throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        in.readNBytes(length);
        return new int[] {type, flags, stream};
    }
}
