package hyper.impl.http2;

import static hyper.impl.http2.Frames.concat;
import static hyper.impl.http2.Frames.frame;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the reader wakes a thread waiting for a response (ConnectionReader.wakeAll): a stream that got only its
 * headers, with more input already on the way, is woken a read later, with its body; never once no input is pending,
 * and never after more than MAX_WAKE_WAITS reads.
 */
class WakeUpTest extends PeerTestBase {
    private final ExecutorService waiter = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopWaiter() {
        waiter.shutdownNow();
    }

    @Test
    void headersFollowedByPartOfTheirDataWakeTheThreadOnceTheDataIsThere() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        CompletableFuture<String> body = readAsync(id); // waits in getResponse, then read()

        byte[] data = frame(TYPE_DATA, FLAG_END_STREAM, id, "hello".getBytes(StandardCharsets.US_ASCII));
        byte[] headers = frame(TYPE_HEADERS, FLAG_END_HEADERS, id, LiteralHpack.encode(":status", "200", "content-length", "5"));
        // HEADERS and the first half of the DATA frame in one write: the reader sees part of a frame buffered
        peer.writeRaw(concat(headers, Arrays.copyOf(data, 11)));
        awaitWaitedWakes(1);
        peer.writeRaw(Arrays.copyOfRange(data, 11, data.length));

        assertEquals("hello", body.get(5, TimeUnit.SECONDS));
        assertEquals(1, client.waitedWakes());
        peer.pingAndWantPong();
    }

    @Test
    void headersWithNothingMoreToReadWakeTheThreadAtOnce() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200", "content-length", "5");

        // no DATA is sent until the response has been taken: a wake that waited for it would never come
        Response r = waiter.submit(() -> client.getResponse(id)).get(5, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        assertEquals(0, client.waitedWakes());

        peer.writeData(id, true, "hello");
        assertEquals("hello", new String(r.read(), StandardCharsets.US_ASCII));
        peer.pingAndWantPong();
    }

    @Test
    void partOfAnotherStreamsFrameDoesNotHoldBackACompleteResponse() throws Exception {
        connectAndHandshake();
        int first = client.request("GET", "/first");
        peer.wantHeaders(first);
        int second = client.request("GET", "/second");
        peer.wantHeaders(second);

        byte[] otherHeaders = frame(TYPE_HEADERS, FLAG_END_HEADERS, second, LiteralHpack.encode(":status", "200", "content-length", "64"));
        byte[] headers = frame(TYPE_HEADERS, FLAG_END_HEADERS, first, LiteralHpack.encode(":status", "200", "content-length", "5"));
        byte[] otherData = frame(TYPE_DATA, FLAG_END_STREAM, second, new byte[64]);
        // both streams' HEADERS, then part of the other stream's DATA frame, and the peer stalls there
        peer.writeRaw(concat(otherHeaders, headers, Arrays.copyOf(otherData, 20)));
        awaitWaitedWakes(1); // the other stream's wake waits for its DATA, which is on its way

        // the first stream's thread gets its response although the other stream's frame is still half-sent
        Response r = waiter.submit(() -> client.getResponse(first)).get(5, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        assertEquals(1, client.waitedWakes());

        peer.writeRaw(Arrays.copyOfRange(otherData, 20, otherData.length));
        assertEquals(64, client.getResponse(second).read().length);
        peer.writeData(first, true, "hello");
        assertEquals("hello", new String(r.read(), StandardCharsets.US_ASCII));
        peer.pingAndWantPong();
    }

    @Test
    void aWakeWaitsAtMostMaxWakeWaitsReadsWhileItsDataFrameTrickles() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        int waits = ConnectionReader.MAX_WAKE_WAITS;
        byte[] payload = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] headers = frame(TYPE_HEADERS, FLAG_END_HEADERS, id, LiteralHpack.encode(":status", "200", "content-length", "10"));
        byte[] data = frame(TYPE_DATA, FLAG_END_STREAM, id, payload);
        int sent = 9 + 1; // the DATA frame's header and one octet of its payload
        peer.writeRaw(concat(headers, Arrays.copyOf(data, sent)));
        for (int i = 1; i <= waits; i++) {
            awaitWaitedWakes(i);
            peer.writeRaw(Arrays.copyOfRange(data, sent, sent + 1)); // one more octet: the frame is still incomplete
            sent++;
        }

        // part of its DATA frame still missing, but it has waited MAX_WAKE_WAITS reads: the thread has its response
        Response r = waiter.submit(() -> client.getResponse(id)).get(5, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        assertEquals(waits, client.waitedWakes());

        peer.writeRaw(Arrays.copyOfRange(data, sent, data.length));
        assertEquals("0123456789", new String(r.read(), StandardCharsets.US_ASCII));
        peer.pingAndWantPong();
    }

    private CompletableFuture<String> readAsync(int id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readBody(id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, waiter);
    }

    private String readBody(int id) throws Exception {
        try (Response r = client.getResponse(id)) {
            return new String(r.read(), StandardCharsets.US_ASCII);
        }
    }

    /** Waits (bounded) until the reader has let {@code n} wakes wait a read: it has handled what was written. */
    private void awaitWaitedWakes(long n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.waitedWakes() < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(client.waitedWakes() >= n, "the reader let no wake wait for its body");
    }
}
