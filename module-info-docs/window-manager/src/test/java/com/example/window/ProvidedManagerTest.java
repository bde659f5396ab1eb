package com.example.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link Download} as a real JPMS application in a separate JVM — hyper.api, hyper.impl and this module on the
 * module path, nothing on the class path — against a tiny HTTP/2 server in this test that sends DATA frames of
 * known sizes. Shows that the module's {@code provides hyper.api.spi.FlowControlProvider} is discovered, chosen by
 * the system property, and that its managers are told each frame's flow-controlled size before the window shrinks.
 */
class ProvidedManagerTest {
    private static final int[] DATA = {1000, 2000, 16_384, 5};
    private static final int PADDING = 10; // the second frame is padded: 1 + 2000 + 10 octets count (RFC 9113 §6.1)
    private static final int BODY = 1000 + 2000 + 16_384 + 5;

    /** hyper.api, hyper.impl and this module, as on the test class path. */
    private static String modulePath() {
        List<String> parts = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = entry.replace('\\', '/');
            if (n.contains("tests.jar") || n.contains("test-classes")) {
                continue;
            }
            if (n.contains("hyper-api") || n.contains("hyper.api/") || n.contains("hyper-impl") || n.contains("hyper.impl/")
                    || n.endsWith("window-manager/target/classes")) {
                parts.add(entry);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    @Test
    void theModulesManagerIsDiscoveredChosenByNameAndToldEveryFrameSize() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(30_000);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveOnce(server));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "--module-path", modulePath(), "-Dhyper.flowcontrol=tracing",
                    "--module", "com.example.window/com.example.window.Download",
                    "127.0.0.1:" + server.getLocalPort(), "/file").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the example did not finish");
            assertEquals(0, p.exitValue(), out);
            served.get(30, TimeUnit.SECONDS);

            assertTrue(out.contains("flow-control provider: tracing priority=-100 from module com.example.window"), out);
            assertTrue(out.contains("flow-control provider: seed priority=0 from module hyper.impl"), out);
            assertTrue(out.contains("chosen: tracing"), out);
            assertTrue(out.contains("status 200, body " + BODY + " octets"), out);
            // each frame, before the window shrinks by it; padding counts; the stream knows the Content-Length
            int[] sizes = {1000, 1 + 2000 + PADDING, 16_384, 5};
            for (int stream : new int[] {1, 0}) {
                List<String> expected = new ArrayList<>();
                for (int size : sizes) {
                    // the manager gives each frame back, so the window it sees before each frame is the full one
                    expected.add("manager of stream " + stream + ": increaseWindowSize(" + size + ") window=65535"
                            + " initial=65535 document=" + (stream == 0 ? -1 : BODY));
                }
                List<String> actual = out.lines().filter(l -> l.startsWith("manager of stream " + stream + ":")).toList();
                assertEquals(expected, actual, out);
            }
        }
    }

    /** One HTTP/2 exchange, scripted: SETTINGS, then a response of known DATA frames to the first request. */
    private static void serveOnce(ServerSocket server) {
        try (Socket s = server.accept()) {
            s.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            in.readFully(new byte[24]); // the client preface (RFC 9113 §3.4)
            out.write(frame(0x4, 0, 0, new byte[0])); // our SETTINGS: all defaults
            while (true) { // read until the request's HEADERS; acknowledge the client's SETTINGS on the way
                int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                in.readInt();
                in.readFully(new byte[length]);
                if (type == 0x4 && (flags & 0x1) == 0) {
                    out.write(frame(0x4, 0x1, 0, new byte[0]));
                }
                if (type == 0x1) {
                    break;
                }
            }
            ByteArrayOutputStream block = new ByteArrayOutputStream();
            block.write(0x88); // :status 200, static table index 8 (RFC 7541 Appendix A)
            block.write(0x0f); // content-length: literal without indexing, static name index 28 = 15 + 13
            block.write(0x0d);
            byte[] length = Integer.toString(BODY).getBytes(StandardCharsets.US_ASCII);
            block.write(length.length);
            block.write(length);
            out.write(frame(0x1, 0x4, 1, block.toByteArray())); // HEADERS, END_HEADERS
            for (int i = 0; i < DATA.length; i++) {
                boolean last = i == DATA.length - 1;
                if (i == 1) {
                    byte[] padded = new byte[1 + DATA[i] + PADDING];
                    padded[0] = PADDING;
                    out.write(frame(0x0, 0x8, 1, padded)); // DATA, PADDED
                } else {
                    out.write(frame(0x0, last ? 0x1 : 0, 1, new byte[DATA[i]]));
                }
            }
            out.flush();
            in.readAllBytes(); // until the client closes
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static byte[] frame(int type, int flags, int streamId, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (streamId >>> 24);
        f[6] = (byte) (streamId >>> 16);
        f[7] = (byte) (streamId >>> 8);
        f[8] = (byte) streamId;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }
}
