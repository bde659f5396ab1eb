package hyper.tls.openssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An established session against a JDK server: both directions at once, key updates, and both ways of closing. */
@Timeout(60)
class SessionTest extends JdkPeerTests {

    @Test
    void megabytesFlowBothWaysAtOnce() throws Exception {
        byte[] data = new byte[8 << 20];
        new Random(1).nextBytes(data);
        // an echo server: our writer and our reader run together, or both sides' buffers fill and everything stops
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[50_000];
            long echoed = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                echoed += n;
            }
            return echoed;
        }); SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = s.getOutputStream();
                    for (int off = 0; off < data.length; off += 100_003) { // record boundaries fall anywhere
                        out.write(data, off, Math.min(100_003, data.length - off));
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }, runnable -> new Thread(runnable, "writer").start());
            byte[] back = new byte[data.length];
            new DataInputStream(s.getInputStream()).readFully(back);
            writer.get(30, TimeUnit.SECONDS);
            assertArrayEquals(digest(data), digest(back));
            s.close(); // close_notify: the server's read ends
            assertEquals((long) data.length, server.outcome());
        }
    }

    @Test
    void aKeyUpdateFromTheServerIsAnsweredAndBothDirectionsGoOn() throws Exception {
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> {
            SSLSocket t = (SSLSocket) s;
            t.getOutputStream().write("before;".getBytes());
            t.startHandshake(); // on TLS 1.3 the JDK sends KeyUpdate(update_requested), RFC 8446 §4.6.3
            t.getOutputStream().write("after;".getBytes());
            byte[] got = new DataInputStream(t.getInputStream()).readNBytes(200_000);
            return got.length;
        }); SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            byte[] first = new DataInputStream(s.getInputStream()).readNBytes("before;after;".length());
            assertEquals("before;after;", new String(first));
            s.getOutputStream().write(new byte[200_000]); // under our updated keys
            assertEquals(200_000, server.outcome());
        }
    }

    @Test
    void aTls12RenegotiationIsRefusedWhileReading() throws Exception {
        // RFC 9113 §9.2.1: no renegotiation on HTTP/2. OpenSSL answers the server's HelloRequest from inside our
        // read with a no_renegotiation alert, which the reader sends itself (no write is coming to carry it).
        try (JsseServer server = JsseServer.tls(tls.serverContext, new String[] {"TLSv1.2"}, false, s -> {
            SSLSocket t = (SSLSocket) s;
            t.getOutputStream().write("x".getBytes());
            try {
                t.startHandshake();
                t.getOutputStream().write("y".getBytes());
                return "renegotiated: " + t.getInputStream().read();
            } catch (java.io.IOException e) {
                return "refused: " + e;
            }
        }); SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            InputStream in = s.getInputStream();
            assertEquals('x', in.read());
            CompletableFuture<Object> nextRead = CompletableFuture.supplyAsync(() -> { // meets the HelloRequest
                try {
                    return in.read();
                } catch (Exception e) {
                    return e;
                }
            }, runnable -> new Thread(runnable, "reader").start());
            String outcome = String.valueOf(server.outcome());
            assertTrue(outcome.startsWith("refused") && outcome.contains("renegotiation"), outcome);
            nextRead.get(10, TimeUnit.SECONDS); // and then the server's close ends our read, one way or another
        }
    }

    @Test
    void aRecordDamagedInTransitFailsTheReadAndTellsTheServer() throws Exception {
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> {
            s.getOutputStream().write("first".getBytes());
            written.await(10, TimeUnit.SECONDS);
            s.getOutputStream().write("second".getBytes());
            return nextRead(s);
        }); CorruptingRelay relay = new CorruptingRelay(server.port());
                SSLSocket s = connect(relay.port(), "localhost", trust, Duration.ofSeconds(10))) {
            InputStream in = s.getInputStream();
            assertEquals("first", new String(new DataInputStream(in).readNBytes(5)));
            relay.arm();
            written.countDown();
            javax.net.ssl.SSLException e = assertThrows(javax.net.ssl.SSLException.class, in::read);
            assertTrue(e.getMessage().startsWith("TLS read failed"), e.getMessage());
            assertTrue(String.valueOf(server.outcome()).contains("bad_record_mac"),
                    "the reader sent OpenSSL's alert: " + server.outcome());
        }
    }

    /**
     * A good record and a damaged one in the same socket read: the read returns the good one's plaintext, and the
     * next read fails with the damaged record's own reason. (OpenSSL does not repeat a fatal error's reason; before
     * the native side kept it, the next read reported only "TLS input ended unexpectedly", once the server closed
     * after our alert.)
     */
    @Test
    void aDamagedRecordReadTogetherWithAGoodOneFailsTheNextReadWithItsOwnReason() throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> {
            ((javax.net.ssl.SSLSocket) s).startHandshake();
            go.await(10, TimeUnit.SECONDS);
            s.getOutputStream().write("good".getBytes()); // one record each
            s.getOutputStream().write("damaged".getBytes());
            written.countDown();
            return nextRead(s); // open until our alert: a close_notify would be held, and damaged, instead
        }); CorruptingRelay relay = new CorruptingRelay(server.port());
                SSLSocket s = connect(relay.port(), "localhost", trust, Duration.ofSeconds(10))) {
            relay.hold();
            go.countDown();
            assertTrue(written.await(10, TimeUnit.SECONDS));
            // the server may send a NewSessionTicket first: wait until the relay has had nothing new for 300 ms
            for (long before = -1; relay.heldOctets() != before; ) {
                before = relay.heldOctets();
                Thread.sleep(300);
            }
            relay.releaseDamagingLast();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[100]; // room for both: OpenSSL decrypts the good one, then fails on the damaged one
            int n = in.read(buf);
            assertEquals("good", new String(buf, 0, n));
            javax.net.ssl.SSLException e = assertThrows(javax.net.ssl.SSLException.class, in::read);
            assertTrue(e.getMessage().startsWith("TLS read failed") && e.getMessage().contains("bad record mac"), e.getMessage());
        }
    }

    /** The server's next read: "read" and the octet, or the exception's message (the alert we sent, say). */
    private static String nextRead(java.net.Socket s) {
        try {
            return "read " + s.getInputStream().read();
        } catch (java.io.IOException e) {
            return e.getMessage();
        }
    }

    @Test
    void shuttingOurOutputSendsCloseNotifyAndTheServerCanStillAnswer() throws Exception {
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> {
            byte[] got = s.getInputStream().readAllBytes(); // to our close_notify
            s.getOutputStream().write(("got " + new String(got)).getBytes());
            s.getOutputStream().flush();
            return null;
        }); SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            s.getOutputStream().write("question".getBytes());
            s.shutdownOutput();
            assertTrue(s.isOutputShutdown());
            assertThrows(SocketException.class, () -> s.getOutputStream().write(1), "nothing goes after close_notify");
            assertEquals("got question", new String(s.getInputStream().readAllBytes()));
            server.outcome();
        }
    }

    @Test
    void shuttingOurInputEndsReadsButNotWrites() throws Exception {
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> new String(s.getInputStream().readNBytes(5)));
                SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            s.shutdownInput();
            assertEquals(-1, s.getInputStream().read());
            s.getOutputStream().write("still".getBytes());
            assertEquals("still", server.outcome());
        }
    }

    @Test
    void settingsForALaterHandshakeAreCheckedAndKeptAsOnAJsseSocket() throws Exception {
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> s.getInputStream().read());
                SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            assertTrue(java.util.Arrays.asList(s.getSupportedCipherSuites()).contains(s.getSession().getCipherSuite()));
            s.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
            assertEquals(java.util.List.of("TLS_AES_128_GCM_SHA256"), java.util.List.of(s.getEnabledCipherSuites()));
            assertThrows(IllegalArgumentException.class, () -> s.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_RC4_128_MD5"}));
            s.setEnabledProtocols(new String[] {"TLSv1.3"});
            assertEquals(java.util.List.of("TLSv1.3"), java.util.List.of(s.getEnabledProtocols()));
            assertThrows(IllegalArgumentException.class, () -> s.setEnabledProtocols(new String[] {"SSLv3"}));
            javax.net.ssl.HandshakeCompletedListener listener = event -> { };
            s.addHandshakeCompletedListener(listener);
            s.removeHandshakeCompletedListener(listener);
            assertThrows(IllegalArgumentException.class, () -> s.removeHandshakeCompletedListener(listener));
        }
    }

    @Test
    void theServersCloseNotifyEndsOurInputAndThenTheSocketCloses() throws Exception {
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> {
            s.getOutputStream().write("bye".getBytes());
            s.close();
            return null;
        }); SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            InputStream in = s.getInputStream();
            assertEquals("bye", new String(new DataInputStream(in).readNBytes(3)));
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(), "the end stays the end");
            s.close();
            assertThrows(SocketException.class, () -> s.getInputStream().read(), "a closed socket refuses reads");
            assertThrows(SocketException.class, () -> s.getOutputStream(), "and writes");
        }
    }

    @Test
    void closingWakesAReaderBlockedOnThePeer() throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> {
            int r = s.getInputStream().read();
            done.await(10, TimeUnit.SECONDS); // no close_notify of its own until we are done: only our close may wake the reader
            return r;
        }); SSLSocket s = connect(server.port(), "localhost", trust, Duration.ofSeconds(10))) {
            CompletableFuture<Exception> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    s.getInputStream().read();
                    return null;
                } catch (Exception e) {
                    return e;
                }
            }, runnable -> new Thread(runnable, "reader").start());
            Thread.sleep(200); // let it block in the socket read
            s.close();
            Exception e = reader.get(10, TimeUnit.SECONDS);
            done.countDown();
            assertEquals(SocketException.class, e == null ? null : e.getClass(), String.valueOf(e));
            assertEquals(-1, server.outcome(), "the server read our close_notify as the end");
        }
    }

    @Test
    void aSocketDroppedWithoutCloseHasItsSessionFreedByTheCleaner() throws Exception {
        int before = OpenSslTransport.liveSessions();
        try (JsseServer server = JsseServer.tls13(tls.serverContext, s -> s.getInputStream().read())) {
            SSLSocket dropped = connect(server.port(), "localhost", trust, Duration.ofSeconds(10));
            assertEquals(before + 1, OpenSslTransport.liveSessions());
            dropped = null; // never closed
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (OpenSslTransport.liveSessions() > before && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertEquals(before, OpenSslTransport.liveSessions(), "an unreachable session is freed, not leaked");
        }
    }

    static byte[] digest(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }
}
