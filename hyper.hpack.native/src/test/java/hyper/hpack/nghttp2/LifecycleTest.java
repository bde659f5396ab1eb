package hyper.hpack.nghttp2;

import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.CollectingListener;
import hyper.impl.hpack.FieldList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Native handles are freed exactly once, by close() or by the Cleaner, and misuse is an exception, never
 * a crash. Leaks are counted by the C side (every deflater and inflater alive) and in resident memory.
 */
class LifecycleTest {
    private HpackCodecProvider nghttp2;

    @BeforeEach
    void nativeCodec() {
        nghttp2 = Codecs.nghttp2();
    }

    @Test
    void closeIsIdempotentAndFreesTheHandle() {
        long before = Nghttp2Jni.liveHandles();
        Nghttp2Encoder encoder = (Nghttp2Encoder) nghttp2.newEncoder(4096);
        Nghttp2Decoder decoder = (Nghttp2Decoder) nghttp2.newDecoder(HpackLimits.DEFAULT);
        assertTrue(Nghttp2Jni.liveHandles() >= before + 1, "counted by the C side");
        encoder.close();
        decoder.close();
        encoder.close();
        decoder.close();
        assertTrue(encoder.isFreed() && decoder.isFreed());
        assertTrue(Nghttp2Jni.liveHandles() <= before, "both freed, once");
    }

    @Test
    void everyCallAfterCloseIsAnIllegalState() {
        HpackEncoder encoder = nghttp2.newEncoder(4096);
        HpackDecoder decoder = nghttp2.newDecoder(HpackLimits.DEFAULT);
        encoder.close();
        decoder.close();
        byte[] block = hex("82");
        assertThrows(IllegalStateException.class, () -> encoder.encode(FieldList.of("a", "b"), new BlockBuffer()));
        assertThrows(IllegalStateException.class, () -> encoder.setPeerMaxTableSize(100));
        assertThrows(IllegalStateException.class, encoder::tableSize);
        assertThrows(IllegalStateException.class, encoder::tableEntries);
        assertThrows(IllegalStateException.class, () -> decoder.decode(block, 0, 1, true, new CollectingListener()));
        assertThrows(IllegalStateException.class, () -> decoder.setMaxTableSize(100));
        assertThrows(IllegalStateException.class, () -> decoder.setMaxHeaderListSize(100));
        assertThrows(IllegalStateException.class, decoder::tableSize);
        assertThrows(IllegalStateException.class, decoder::tableEntries);
    }

    @Test
    void aSecondThreadIsRefusedAndACloseDuringACallWaitsForIt() throws Exception {
        Nghttp2Decoder decoder = (Nghttp2Decoder) nghttp2.newDecoder(HpackLimits.DEFAULT);
        CountDownLatch inListener = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CollectingListener collected = new CollectingListener();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            byte[] block = hex("8284");
            Future<?> decoding = reader.submit(() -> {
                decoder.decode(block, 0, block.length, true, (name, value, neverIndexed) -> {
                    inListener.countDown();
                    await(release);
                    collected.onHeader(name, value, neverIndexed);
                });
                return null;
            });
            assertTrue(inListener.await(10, TimeUnit.SECONDS));

            IllegalStateException busy = assertThrows(IllegalStateException.class,
                    () -> decoder.decode(block, 0, block.length, true, new CollectingListener()));
            assertTrue(busy.getMessage().contains("another thread"), busy.getMessage());
            decoder.close(); // returns at once; the handle goes when the running call leaves
            assertFalse(decoder.isFreed(), "not freed under the running call");

            release.countDown();
            decoding.get(10, TimeUnit.SECONDS);
            assertEquals(2, collected.fields.size(), "the running call finished normally");
            assertTrue(decoder.isFreed(), "freed when the call left");
            assertThrows(IllegalStateException.class, decoder::tableSize);
        } finally {
            release.countDown();
            reader.shutdownNow();
        }
    }

    @Test
    void theCleanerFreesCodecsThatWereNeverClosed() throws Exception {
        long before = Nghttp2Jni.liveHandles();
        List<AutoCloseable> dropped = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            dropped.add(nghttp2.newEncoder(4096));
            dropped.add(nghttp2.newDecoder(HpackLimits.DEFAULT));
        }
        assertTrue(Nghttp2Jni.liveHandles() >= before + 1000, "allocated: " + Nghttp2Jni.liveHandles());
        dropped.clear(); // unreachable now, and never closed
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Nghttp2Jni.liveHandles() > before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertTrue(Nghttp2Jni.liveHandles() <= before, "still alive: " + (Nghttp2Jni.liveHandles() - before));
    }

    @Test
    void a100kCodecsCreatedAndClosedLeakNothing() throws Exception {
        churn(10_000); // warm up: allocator arenas, JIT, the Cleaner's queue
        long handles = Nghttp2Jni.liveHandles();
        long rss = residentKiB();

        churn(100_000);

        assertTrue(Nghttp2Jni.liveHandles() <= handles, "handles leaked: " + (Nghttp2Jni.liveHandles() - handles));
        // An inflater alone holds over 20 KiB (nghttp2 state and our buffers): a leak of 100k would be GiBs.
        long grown = residentKiB() - rss;
        assertTrue(grown < 64 * 1024, "resident memory grew by " + grown + " KiB");
    }

    /** Creates, uses a little, and closes {@code n} encoder and decoder pairs. */
    private void churn(int n) throws Exception {
        byte[] block = hex("8284 4003 6b65 7903 7661 6c");
        for (int i = 0; i < n; i++) {
            try (HpackEncoder encoder = nghttp2.newEncoder(4096);
                 HpackDecoder decoder = nghttp2.newDecoder(HpackLimits.DEFAULT)) {
                if (i % 10 == 0) { // give nghttp2 some table to free as well
                    encoder.encode(FieldList.of("x-key", "value-" + i), new BlockBuffer());
                    decoder.decode(block, 0, block.length, true, new CollectingListener());
                }
            }
        }
    }

    /** VmRSS of this process (Linux). */
    private static long residentKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
