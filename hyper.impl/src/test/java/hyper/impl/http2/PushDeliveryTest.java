package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.api.ErrorCode;
import hyper.api.HeaderMap;
import hyper.api.Http2Push;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.Response;
import hyper.api.StreamResetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Server push as the application sees it (seed §3.1.8, §6.1.2 {@code get_pushes} and {@code HTTP20Push}): promises
 * before, during and after the response, {@code getPushes} handing each out once, {@code captureAll} waiting for
 * the request stream to end, pushed responses read like any other, and {@code cancel()}.
 */
class PushDeliveryTest extends PeerTestBase {

    @Test
    void theClientOffersPushAndAdvertisesItsLimitAsMaxConcurrentStreams() throws Exception {
        connect(options().enablePush(true).maxPushedStreams(7));
        ScriptedPeer.Frame settings = peer.acceptPreface();
        Map<Integer, Long> values = settingsOf(settings);
        assertEquals(1L, values.get(SETTINGS_ENABLE_PUSH));
        assertEquals(7L, values.get(SETTINGS_MAX_CONCURRENT_STREAMS));
    }

    @Test
    void withPushDisabledTheClientSaysSoAndSetsNoStreamLimit() throws Exception {
        connect();
        Map<Integer, Long> values = settingsOf(peer.acceptPreface());
        assertEquals(0L, values.get(SETTINGS_ENABLE_PUSH));
        assertFalse(values.containsKey(SETTINGS_MAX_CONCURRENT_STREAMS));
    }

    @Test
    void theSeedsExamplePromisesBeforeDuringAndAfterTheResponseHeaders() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/before-headers.css"));
        peer.writeHeaders(id, ":status", "200");
        peer.writePushPromise(id, 4, promise("/after-headers.js"));
        peer.writeData(id, false, "<html>");
        peer.writePushPromise(id, 6, promise("/during-body.png"));
        peer.pingAndWantPong(); // everything above has been read

        Response response = client.getResponse();
        assertEquals(List.of("/before-headers.css", "/after-headers.js", "/during-body.png"), paths(client.getPushes()));
        assertEquals(List.of(), paths(client.getPushes()), "not idempotent: each push is handed out once");

        peer.writePushPromise(id, 8, promise("/late.txt"));
        peer.writeData(id, true, "</html>");
        assertEquals("<html></html>", text(response.read()));
        assertEquals(List.of("/late.txt"), paths(client.getPushes(id)), "promises kept after the request stream ended");
        assertEquals(List.of(), paths(client.getPushes(id, true)), "ended and drained: nothing to wait for");
    }

    @Test
    void aPushCarriesThePromisedRequestAndItsResponse() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/index.html");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, ":method", "GET", ":scheme", "http", ":authority", authority(), ":path", "/style.css?v=2",
                "accept", "text/css");
        peer.writeHeaders(2, ":status", "200", "content-type", "text/css", "content-length", "8");
        peer.writeData(2, true, "body { }");
        peer.writeHeadersEndStream(id, ":status", "204");
        assertEquals(204, client.getResponse(id).status());

        Http2Push push = only(client.getPushes(id));
        assertEquals(2, push.streamId());
        assertEquals(id, push.parentStreamId());
        assertEquals("GET", push.method());
        assertEquals("http", push.scheme());
        assertEquals(authority(), push.authority());
        assertEquals("/style.css?v=2", push.path());
        HeaderMap request = push.requestHeaders();
        assertEquals("/style.css?v=2", request.firstValue(":path").orElseThrow(), "pseudo-headers included, as in the seed");
        assertEquals("text/css", request.firstValue("accept").orElseThrow());
        Response pushed = push.getResponse();
        assertSame(pushed, push.getResponse(), "one response per push");
        assertEquals(200, pushed.status());
        assertEquals(2, pushed.streamId());
        assertEquals("text/css", pushed.headers().firstValue("content-type").orElseThrow());
        assertEquals("body { }", text(pushed.read()));
        peer.pingAndWantPong();
    }

    @Test
    void aHeadPromiseHasAResponseWithoutContent() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, ":method", "HEAD", ":scheme", "http", ":authority", authority(), ":path", "/big.bin");
        peer.writeHeadersEndStream(2, ":status", "200", "content-length", "1000000");
        peer.writeHeadersEndStream(id, ":status", "200");
        client.getResponse(id);
        Response pushed = only(client.getPushes(id)).getResponse();
        assertEquals("1000000", pushed.headers().firstValue("content-length").orElseThrow());
        assertEquals(0, pushed.read().length);
    }

    @Test
    void captureAllWaitsForPromisesUntilTheRequestStreamEnds() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/buffered"));
        peer.writeHeaders(id, ":status", "200");
        peer.pingAndWantPong();
        CompletableFuture<List<String>> all = CompletableFuture.supplyAsync(() -> {
            try {
                return paths(client.getPushes(id, true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        peer.writePushPromise(id, 4, promise("/second"));
        peer.writeData(id, false, "body");
        peer.writePushPromise(id, 6, promise("/third"));
        peer.pingAndWantPong();
        assertFalse(all.isDone(), "the request stream is still open, so more promises may come");
        peer.writeData(id, true, "");
        assertEquals(List.of("/buffered", "/second", "/third"), all.get(5, TimeUnit.SECONDS));
        assertEquals("body", text(client.getResponse(id).read()));
    }

    @Test
    void captureAllEndsWhenTheServerResetsTheRequestStream() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/kept"));
        peer.writeRstStream(id, ErrorCode.INTERNAL_ERROR);
        assertEquals(List.of("/kept"), paths(client.getPushes(id, true)), "a push outlives its request stream");
        assertThrows(StreamResetException.class, () -> client.getResponse(id));
        peer.pingAndWantPong();
    }

    @Test
    void eachCaptureAllWaitIsBoundedByTheReadTimeout() throws Exception {
        connectWithPush(options().readTimeout(Duration.ofMillis(300)));
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/one"));
        peer.pingAndWantPong();
        var pushes = client.getPushes(id, true).iterator();
        assertEquals("/one", pushes.next().path());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, pushes::hasNext);
        assertInstanceOf(HyperTimeoutException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("read timeout"), e.getCause().getMessage());
    }

    @Test
    void cancelResetsThePushedStreamAndDiscardsItsData() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/cached-already.js"));
        peer.writeHeaders(2, ":status", "200");
        peer.writeData(2, false, "first half");
        peer.pingAndWantPong();
        Http2Push push = only(client.getPushes(id));
        Response pushed = push.getResponse();
        push.cancel();
        peer.wantRstStream(2, ErrorCode.CANCEL);
        peer.writeData(2, true, "in flight when the RST_STREAM crossed it: ignored");
        assertThrows(HyperException.class, pushed::read, "what arrived was discarded");
        push.cancel(); // idempotent: no second RST_STREAM
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, true, "the request goes on");
        assertEquals("the request goes on", text(client.getResponse(id).read()));
        peer.pingAndWantPong();
    }

    @Test
    void cancellingAPushThatAlreadyEndedSendsNothing() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/done"));
        peer.writeHeaders(2, ":status", "200");
        peer.writeData(2, true, "complete");
        peer.pingAndWantPong();
        only(client.getPushes(id)).cancel();
        peer.pingAndWantPong(); // fails on any RST_STREAM: stream 2 is closed (§5.1)
    }

    @Test
    void aPushIsTakenFromTheRequestStreamItWasPromisedOn() throws Exception {
        connectWithPush(options());
        int one = client.request("GET", "/one");
        int three = client.request("GET", "/three");
        peer.wantHeaders(one);
        peer.wantHeaders(three);
        peer.writePushPromise(three, 2, promise("/for-three"));
        peer.writePushPromise(one, 4, promise("/for-one"));
        peer.pingAndWantPong();
        assertEquals(List.of("/for-three"), paths(client.getPushes()), "no stream id: the most recent request");
        assertEquals(List.of("/for-one"), paths(client.getPushes(one)));
    }

    @Test
    void getPushesNamesOnlyRequestStreamsOfOurs() throws Exception {
        connectWithPush(options());
        assertThrows(HyperException.class, () -> client.getPushes(), "no request sent yet");
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/x"));
        peer.writeHeadersEndStream(id, ":status", "200");
        peer.pingAndWantPong();
        assertThrows(HyperException.class, () -> client.getPushes(2), "a pushed stream carries no promises");
        assertThrows(HyperException.class, () -> client.getPushes(id + 2), "never sent");
        assertEquals(1, paths(client.getPushes(id)).size());
        client.getResponse(id).close();
        assertEquals(List.of(), paths(client.getPushes(id)), "a finished request with nothing left");
    }

    // ================= helpers =================

    private void connectWithPush(ConnectionOptions.Builder options) throws IOException {
        connect(options.enablePush(true));
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
    }

    private String authority() {
        return "127.0.0.1:" + peer.port();
    }

    /** The fields of a valid promise of a GET of {@code path} on this connection. */
    private String[] promise(String path) {
        return new String[] {":method", "GET", ":scheme", "http", ":authority", authority(), ":path", path};
    }

    static List<String> paths(Iterable<Http2Push> pushes) {
        List<String> out = new ArrayList<>();
        for (Http2Push p : pushes) {
            out.add(p.path());
        }
        return out;
    }

    static Http2Push only(Iterable<Http2Push> pushes) {
        List<Http2Push> all = new ArrayList<>();
        pushes.forEach(all::add);
        assertEquals(1, all.size(), "pushes: " + all);
        return all.get(0);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Map<Integer, Long> settingsOf(ScriptedPeer.Frame settings) {
        Map<Integer, Long> values = new java.util.HashMap<>();
        byte[] p = settings.payload();
        for (int i = 0; i + 6 <= p.length; i += 6) {
            int id = (p[i] & 0xff) << 8 | (p[i + 1] & 0xff);
            long v = ((p[i + 2] & 0xffL) << 24) | ((p[i + 3] & 0xff) << 16) | ((p[i + 4] & 0xff) << 8) | (p[i + 5] & 0xff);
            values.put(id, v);
        }
        return values;
    }
}
