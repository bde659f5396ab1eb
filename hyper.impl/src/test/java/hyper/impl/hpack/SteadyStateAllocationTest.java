package hyper.impl.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderListener;
import hyper.api.spi.HpackLimits;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * After warm-up, encoding allocates nothing, even while entries are inserted and evicted, and decoding a
 * block of indexed fields allocates nothing. Measured with HotSpot's per-thread allocation counter, which
 * counts every object this thread allocates whatever the JIT does; other threads do not count.
 */
class SteadyStateAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void encodingAllocatesNothingOnceWarm() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        // Fixed fields, plus a value that cycles through 64 variants: each block inserts one entry, and the
        // table keeps evicting, so the arena wraps again and again.
        FieldList[] blocks = new FieldList[64];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = FieldList.of(":method", "GET", ":scheme", "https", ":authority", "api.example.com",
                    ":path", "/v1/items", "accept", "application/json", "user-agent", "hyper/0.1",
                    "x-request-id", "7f1c0d4e-" + "%04d".formatted(i) + "-4a5b-9c8d-" + "e".repeat(i % 30),
                    "authorization", "Bearer abcdefghijklmnopqrstuvwxyz", "content-length", "42");
        }
        BlockBuffer out = new BlockBuffer(4096);
        for (int i = 0; i < 20_000; i++) {
            out.reset();
            encoder.encode(blocks[i & 63], out);
        }
        assertTrue(encoder.tableSize() > 4096 - 200, "the table is full, so every insertion evicts");
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            out.reset();
            encoder.encode(blocks[i & 63], out);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, "10,000 blocks allocated " + allocated + " bytes");
    }

    @Test
    void decodingIndexedFieldsAllocatesNothingOnceWarm() throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096);
        JavaHpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        FieldList response = FieldList.of(":status", "200", "content-type", "application/json",
                "server", "hyper-test", "cache-control", "no-store", "vary", "accept-encoding");
        BlockBuffer out = new BlockBuffer();
        encoder.encode(response, out);
        HeaderListener sink = (name, value, never) -> { };
        byte[] first = out.toByteArray();
        decoder.decode(first, 0, first.length, true, sink);
        out.reset();
        encoder.encode(response, out);
        byte[] indexed = out.toByteArray();
        assertEquals(response.size(), indexed.length, "all indexes now");
        for (int i = 0; i < 20_000; i++) {
            decoder.decode(indexed, 0, indexed.length, true, sink);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            decoder.decode(indexed, 0, indexed.length, true, sink);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 10_000, "10,000 blocks allocated " + allocated + " bytes");
    }
}
