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
    void aWakeWaitsNoLongerThanInputIsPendingEvenWhenItsDataNeverComes() throws Exception {
        connectAndHandshake();
        int first = client.request("GET", "/first");
        peer.wantHeaders(first);
        int second = client.request("GET", "/second");
        peer.wantHeaders(second);

        byte[] headers = frame(TYPE_HEADERS, FLAG_END_HEADERS, first, LiteralHpack.encode(":status", "200", "content-length", "5"));
        byte[] otherData = frame(TYPE_HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, second, LiteralHpack.encode(":status", "204"));
        // the first stream's HEADERS, then part of a frame for the other stream: input is pending, but not its DATA
        peer.writeRaw(concat(headers, Arrays.copyOf(otherData, 6)));
        awaitWaitedWakes(1);
        peer.writeRaw(Arrays.copyOfRange(otherData, 6, otherData.length));

        // the first stream's body has not been sent: its thread still gets the response once nothing more is pending
        Response r = waiter.submit(() -> client.getResponse(first)).get(5, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        assertEquals(204, client.getResponse(second).status());

        peer.writeData(first, true, "hello");
        assertEquals("hello", new String(r.read(), StandardCharsets.US_ASCII));
        assertEquals(1, client.waitedWakes());
        peer.pingAndWantPong();
    }

    @Test
    void aWakeWaitsAtMostMaxWakeWaitsReadsWhileOtherFramesKeepComing() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        byte[] headers = frame(TYPE_HEADERS, FLAG_END_HEADERS, id, LiteralHpack.encode(":status", "200", "content-length", "5"));
        int pings = ConnectionReader.MAX_WAKE_WAITS + 1;
        byte[][] ping = new byte[pings][];
        for (int i = 0; i < pings; i++) {
            ping[i] = frame(TYPE_PING, 0, 0, Frames.concat(Frames.int32(0), Frames.int32(i + 1)));
        }
        // every write ends inside a PING frame, so input is always pending; the body never comes
        peer.writeRaw(concat(headers, Arrays.copyOf(ping[0], 5)));
        for (int i = 1; i < pings; i++) {
            awaitWaitedWakes(i);
            peer.writeRaw(concat(Arrays.copyOfRange(ping[i - 1], 5, ping[i - 1].length), Arrays.copyOf(ping[i], 5)));
        }

        // the last PING is still half-sent: the thread got its response all the same
        Response r = waiter.submit(() -> client.getResponse(id)).get(5, TimeUnit.SECONDS);
        assertEquals(200, r.status());
        assertEquals(ConnectionReader.MAX_WAKE_WAITS, client.waitedWakes());

        peer.writeRaw(Arrays.copyOfRange(ping[pings - 1], 5, ping[pings - 1].length));
        for (int i = 0; i < pings; i++) {
            peer.wantPingAck(i + 1);
        }
        peer.writeData(id, true, "hello");
        assertEquals("hello", new String(r.read(), StandardCharsets.US_ASCII));
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
