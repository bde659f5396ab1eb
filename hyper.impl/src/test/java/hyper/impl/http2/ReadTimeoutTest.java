package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HyperTimeoutException;
import hyper.api.Response;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Read timeouts on streams: a waiting thread parks without a timeout and the connection's watchdog tick wakes it
 * once its deadline has passed ({@link StreamWaits}), so a timeout fires no earlier than asked and at most a tick
 * (a quarter of it, here) late. The upper bounds below leave room for a loaded machine; the lower bounds are exact.
 */
class ReadTimeoutTest extends PeerTestBase {
    private static final long TIMEOUT_MS = 400;

    @Test
    void aResponseThatDoesNotComeFailsAfterTheReadTimeoutAndTheConnectionGoesOn() throws Exception {
        connectWithTimeout(Duration.ofMillis(TIMEOUT_MS));
        int id = client.request("GET", "/never");
        peer.wantHeaders(id);

        long start = System.nanoTime();
        HyperTimeoutException e = assertThrows(HyperTimeoutException.class, () -> client.getResponse(id));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(e.getMessage().contains("no response on stream " + id + " within " + TIMEOUT_MS + " ms (read timeout)"),
                e.getMessage());
        assertTrue(waited >= TIMEOUT_MS && waited < TIMEOUT_MS + 1500, waited + " ms");
        assertEquals(0, client.streamWaits.size(), "the timed-out wait left the watchdog's set");
        int next = client.request("GET", "/next"); // the connection and its other streams go on
        peer.wantHeaders(next);
        peer.writeHeadersEndStream(next, ":status", "204");
        assertEquals(204, client.getResponse(next).status());
    }

    @Test
    void aBodyThatStopsComingFailsAfterTheReadTimeout() throws Exception {
        connectWithTimeout(Duration.ofMillis(TIMEOUT_MS));
        int id = client.request("GET", "/stalls");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, false, "first");
        Response r = client.getResponse(id);
        assertEquals("first", new String(r.read(5)));

        long start = System.nanoTime();
        HyperTimeoutException e = assertThrows(HyperTimeoutException.class, () -> r.read(5));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertTrue(e.getMessage().contains("no body data on stream " + id), e.getMessage());
        assertTrue(waited >= TIMEOUT_MS && waited < TIMEOUT_MS + 1500, waited + " ms");
        assertEquals(0, client.streamWaits.size());
    }

    @Test
    void dataBeforeTheDeadlineEndsTheWaitAndLeavesNothingBehind() throws Exception {
        connectWithTimeout(Duration.ofSeconds(5));
        int id = client.request("GET", "/slowish");
        peer.wantHeaders(id);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
            try {
                return client.getResponse(id).status();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        awaitWaiters(1);
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, status.get(5, TimeUnit.SECONDS));
        assertEquals(0, client.streamWaits.size());
    }

    /**
     * Two threads wait on one stream with deadlines half a timeout apart: the watchdog wakes both at the first, the
     * later one sees time left and waits again with its own deadline, and fires only at that.
     */
    @Test
    void aLaterDeadlineOnTheSameStreamOutlivesAnEarlierOne() throws Exception {
        connect(options().enablePush(true).readTimeout(Duration.ofMillis(TIMEOUT_MS)));
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        Response r = client.getResponse(id);

        long start = System.nanoTime();
        CompletableFuture<Long> bodyTimedOut = CompletableFuture.supplyAsync(() -> {
            assertThrows(HyperTimeoutException.class, r::read);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        });
        awaitWaiters(1);
        Thread.sleep(TIMEOUT_MS / 2);
        long pushesStart = System.nanoTime();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> client.getPushes(id, true).iterator().hasNext());
        long pushesWaited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pushesStart);

        assertInstanceOf(HyperTimeoutException.class, e.getCause());
        long bodyWaited = bodyTimedOut.get(5, TimeUnit.SECONDS);
        assertTrue(bodyWaited >= TIMEOUT_MS, "body wait: " + bodyWaited + " ms");
        assertTrue(pushesWaited >= TIMEOUT_MS, "the later wait fired early, with the earlier one: " + pushesWaited + " ms");
        assertEquals(0, client.streamWaits.size());
    }

    private void connectWithTimeout(Duration readTimeout) throws java.io.IOException {
        connect(options().readTimeout(readTimeout));
        peer.acceptPreface();
        peer.writeSettings();
    }

    private void awaitWaiters(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.streamWaits.size() < n) {
            assertTrue(System.nanoTime() < deadline, "no thread started waiting");
            Thread.sleep(5);
        }
    }
}
