package hyper.impl.http2;

import static hyper.impl.http2.Frames.concat;
import static hyper.impl.http2.Frames.frame;
import static hyper.impl.http2.Http2.TYPE_DATA;
import static hyper.impl.http2.Http2.TYPE_SETTINGS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.impl.http1.Dialer;
import hyper.impl.http1.TestTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under TLS, a read batch spans records: the frame reader ends a batch (wakes waiting threads, flushes) when a read
 * of the socket is about to wait for the peer, not each time JSSE has handed out a record's plaintext; and it does
 * end it then, so no thread waits for a response the reader has while the reader waits for the peer.
 */
@Timeout(30)
class TlsBatchTest {
    static final int FRAMES = 20;
    static final int PAYLOAD = 1_000;

    /** Counts the batches: each {@code beforeRead} ends one. */
    static final class CountingHandler extends RecordingHandler {
        final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void beforeRead() {
            batches.incrementAndGet();
        }
    }

    @Test
    void framesInManyRecordsThatHaveArrivedAreOneBatchWhichEndsBeforeTheReaderWaits(@TempDir Path dir) throws Exception {
        TestTls tls = TestTls.create(dir);
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch more = new CountDownLatch(1);
        try (SSLServerSocket server = (SSLServerSocket) tls.serverContext.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // threads of their own: the common pool may have a single worker, which the server would keep
            ExecutorService threads = Executors.newCachedThreadPool();
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    out.write(frame(TYPE_SETTINGS, 0, 0)); // a record of its own
                    for (int i = 0; i < FRAMES; i++) {
                        out.write(frame(TYPE_DATA, 0, 1, new byte[PAYLOAD])); // JSSE: one record per write
                    }
                    out.flush();
                    written.countDown();
                    assertTrue(more.await(10, TimeUnit.SECONDS));
                    out.write(frame(TYPE_DATA, 0, 1, new byte[PAYLOAD]));
                    out.flush();
                    s.getInputStream().read(); // until the client closes
                } catch (IOException | InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }, threads);
            ConnectionOptions options = ConnectionOptions.builder().secure(true).sslContext(tls.clientContext)
                    .readTimeout(Duration.ofSeconds(10)).build();
            Dialer.Dialed d = Dialer.dial("localhost", server.getLocalPort(), options, List.of("h2"), false);
            try (Socket s = d.socket()) {
                InputStream transport = d.transport().getInputStream();
                assertTrue(written.await(10, TimeUnit.SECONDS));
                // every record on this side before the first read: 21 records of 22 octets' overhead each (TLS 1.3)
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                int expected = (9 + 22) + FRAMES * (9 + PAYLOAD + 22);
                while (transport.available() < expected && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertTrue(transport.available() >= expected, "all records arrived: " + transport.available());

                FrameReader reader = new FrameReader(s.getInputStream(), transport, new LiteralHpack.Decoder(1 << 16), 0);
                CountingHandler handler = new CountingHandler();
                for (int i = 0; i < 1 + FRAMES; i++) {
                    assertTrue(reader.nextFrame(handler));
                }
                assertEquals(1 + FRAMES, handler.events.size());
                assertEquals(0, handler.batches.get(), "no read could have waited: the batch goes on");

                CompletableFuture<Boolean> next = CompletableFuture.supplyAsync(() -> {
                    try {
                        return reader.nextFrame(handler); // nothing left: the socket read waits for the peer
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, threads);
                while (handler.batches.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(1, handler.batches.get(), "the batch ended before the reader waited");
                assertTrue(!next.isDone(), "the reader waits for the peer");
                more.countDown();
                assertTrue(next.get(10, TimeUnit.SECONDS));
                assertEquals(2 + FRAMES, handler.events.size());
            }
            serving.get(10, TimeUnit.SECONDS);
            threads.shutdown();
        }
    }
}
