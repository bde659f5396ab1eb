package hyper.impl.http2;

import static hyper.impl.http2.Http2.SETTINGS_MAX_CONCURRENT_STREAMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ErrorCode;
import hyper.api.HeaderMap;
import hyper.api.HyperException;
import hyper.api.Response;
import hyper.api.StreamResetException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The async forms against a scripted peer: what the reader thread does with futures, slots and writes. */
class AsyncPeerTest extends PeerTestBase {

    @Test
    void aRequestFromAStageGoesOutWithTheReadersNextWrite() throws Exception {
        connectAndHandshake();
        CompletableFuture<Integer> second = client.fetchAsync("GET", "/1", Body.empty(), new HeaderMap())
                .thenCompose(r -> client.fetchAsync("GET", "/2", Body.empty(), new HeaderMap()))
                .thenApply(Response::status);
        peer.wantHeaders(1);
        peer.writeHeaders(1, ":status", "200");
        peer.writeData(1, true, "one");
        assertEquals("/2", peer.wantHeaders(3).get(":path"), "sent from the stage on the reader thread");
        peer.writeHeadersEndStream(3, ":status", "204");
        assertEquals(204, second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void fetchAsyncCompletesOnlyWhenTheBodyHasEnded() throws Exception {
        connectAndHandshake();
        CompletableFuture<Response> f = client.fetchAsync("GET", "/", Body.empty(), new HeaderMap());
        peer.wantHeaders(1);
        peer.writeHeaders(1, ":status", "200");
        peer.writeData(1, false, "part ");
        peer.pingAndWantPong(); // everything so far was handled
        assertTrue(!f.isDone(), "headers and part of the body are not the whole response");
        peer.writeData(1, true, "two");
        assertEquals("part two", new String(f.get(5, TimeUnit.SECONDS).read(), StandardCharsets.UTF_8));
    }

    @Test
    void aStageOnTheReaderCannotWaitForAStreamSlot() throws Exception {
        connect();
        peer.acceptPreface();
        peer.writeSettings(SETTINGS_MAX_CONCURRENT_STREAMS, 1);
        peer.wantSettingsAck();
        // stream 1 holds the only slot until its body ends; its headers complete requestAsync on the reader
        CompletableFuture<Response> nested = client.requestAsync("GET", "/1", Body.empty(), new HeaderMap())
                .thenCompose(r -> client.fetchAsync("GET", "/2", Body.empty(), new HeaderMap()));
        peer.wantHeaders(1);
        peer.writeHeaders(1, ":status", "200");
        ExecutionException e = assertThrows(ExecutionException.class, () -> nested.get(5, TimeUnit.SECONDS));
        HyperException cause = assertInstanceOf(HyperException.class, e.getCause());
        assertTrue(cause.getMessage().contains("reader thread"), cause.getMessage());
        peer.writeData(1, true, "done");
        CompletableFuture<Response> third = client.fetchAsync("GET", "/3", Body.empty(), new HeaderMap());
        assertEquals("/3", peer.wantHeaders(3).get(":path"), "the slot came back; /2 never took a stream id");
        peer.writeHeadersEndStream(3, ":status", "200");
        assertEquals(200, third.get(5, TimeUnit.SECONDS).status());
    }

    @Test
    void aResetStreamFailsItsFuture() throws Exception {
        connectAndHandshake();
        CompletableFuture<Response> f = client.fetchAsync("GET", "/", Body.empty(), new HeaderMap());
        peer.wantHeaders(1);
        peer.writeRstStream(1, ErrorCode.REFUSED_STREAM);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals(ErrorCode.REFUSED_STREAM, assertInstanceOf(StreamResetException.class, e.getCause()).errorCode());
    }

    @Test
    void aLostConnectionFailsEveryFuture() throws Exception {
        connectAndHandshake();
        CompletableFuture<Response> headersOnly = client.requestAsync("GET", "/a", Body.empty(), new HeaderMap());
        CompletableFuture<Response> whole = client.fetchAsync("GET", "/b", Body.empty(), new HeaderMap());
        peer.wantHeaders(1);
        peer.wantHeaders(3);
        peer.close();
        assertInstanceOf(HyperException.class, assertThrows(ExecutionException.class, () -> headersOnly.get(5, TimeUnit.SECONDS)).getCause());
        assertInstanceOf(HyperException.class, assertThrows(ExecutionException.class, () -> whole.get(5, TimeUnit.SECONDS)).getCause());
    }
}
