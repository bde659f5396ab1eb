package hyper.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * The build's AppCDS training run ({@code -XX:ArchiveClassesAtExit}): makes the commands people run, so that the
 * launcher's archive holds their classes already parsed and verified. A TLS handshake alone loads some 700 JDK
 * classes, so the training talks to a real, if tiny, HTTP/2 server: a loopback one in this JVM that answers each
 * request with a JSON body, over TLS (ALPN h2, a certificate the build made with keytool) and over h2c.
 *
 * <p>Arguments: the PKCS#12 key store of the server (password {@code training}) and the PEM of its certificate.
 */
public final class CdsTraining {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final char[] PASSWORD = "training".toCharArray();

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8");
        PrintStream err = System.err;
        Main.run(new String[] {"--version"}, sink, sink, Terminal.NONE);
        Main.run(new String[] {"--help"}, sink, sink, Terminal.NONE);
        Main.run(new String[] {"--bad-option"}, sink, sink, Terminal.NONE);
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: CdsTraining KEYSTORE.p12 CERT.pem");
        }
        try (ServerSocket tls = tlsServer(Path.of(args[0])); ServerSocket clear = new ServerSocket(0, 8,
                InetAddress.getLoopbackAddress())) {
            serveInBackground(tls);
            serveInBackground(clear);
            String https = "https://localhost:" + tls.getLocalPort();
            String http = "http://localhost:" + clear.getLocalPort();
            String ca = args[1];
            String[][] commands = {
                {"--cacert", ca, "GET", https + "/get", "User-Agent:hyper/0.2.0"},
                {"-i", "--cacert", ca, "POST", https + "/post", "name=Hyper", "n:=1"},
                {"-i", "--h2", http + "/get", "search==hyper"},
            };
            for (String[] command : commands) {
                ByteArrayOutputStream why = new ByteArrayOutputStream();
                int status = Main.run(command, sink, new PrintStream(why, true, "UTF-8"), Terminal.NONE);
                if (status != Main.OK) {
                    // the archive is still good, only smaller: say so, but do not fail the build over it
                    err.print("hyper.cli AppCDS training: a request failed, the archive will hold fewer classes: "
                            + why.toString(StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static ServerSocket tlsServer(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        SSLParameters params = server.getSSLParameters();
        params.setApplicationProtocols(new String[] {"h2"});
        server.setSSLParameters(params);
        return server;
    }

    private static void serveInBackground(ServerSocket server) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    serve(s);
                } catch (IOException closedOrReset) {
                    // the server socket closed at the end of training, or the client hung up: both expected
                }
            }
        }, "cds-training-server");
        t.setDaemon(true);
        t.start();
    }

    /**
     * One HTTP/2 connection, server side, just enough for one client: reads the preface and frames
     * (RFC 9113 §4.1: length 24 bits, type, flags, stream id 31 bits), acknowledges SETTINGS, and answers each
     * request's HEADERS with {@code :status 200}, a content-type and a JSON DATA frame that ends the stream.
     */
    private static void serve(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        in.readFully(new byte[PREFACE.length]);
        frame(out, 0x4, 0, 0, new byte[0]); // our SETTINGS: all defaults
        while (true) {
            int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fff_ffff;
            in.readFully(new byte[length]);
            if (type == 0x4 && (flags & 0x1) == 0) {
                frame(out, 0x4, 0x1, 0, new byte[0]); // SETTINGS ACK
            } else if (type == 0x1) {
                respond(out, stream);
            } else if (type == 0x7) {
                return; // GOAWAY: the client is done
            }
        }
    }

    private static void respond(OutputStream out, int stream) throws IOException {
        byte[] type = "application/json".getBytes(StandardCharsets.US_ASCII);
        byte[] headers = new byte[4 + type.length];
        headers[0] = (byte) 0x88; // RFC 7541 §6.1: indexed field 8, ":status: 200"
        headers[1] = 0x0f; // §6.2.2: literal without indexing, name index 31 (content-type): 15 in the prefix...
        headers[2] = 0x10; // ...plus 16 in the next octet (§5.1)
        headers[3] = (byte) type.length; // the value's length, not Huffman-coded
        System.arraycopy(type, 0, headers, 4, type.length);
        frame(out, 0x1, 0x4, stream, headers); // HEADERS, END_HEADERS
        byte[] body = "{\"args\":{\"search\":\"hyper\"},\"n\":[1,2.5,true,null],\"url\":\"https://localhost/get\"}"
                .getBytes(StandardCharsets.UTF_8);
        frame(out, 0x0, 0x1, stream, body); // DATA, END_STREAM
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        out.write(f);
        out.flush();
    }
}
