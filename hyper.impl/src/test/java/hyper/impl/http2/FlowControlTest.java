package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ErrorCode;
import hyper.api.HyperTimeoutException;
import hyper.api.ProtocolException;
import hyper.api.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Flow control in both directions (RFC 9113 §5.2, §6.9): TESTING.md scenarios 12, 13, 14, and receive credit. */
class FlowControlTest extends PeerTestBase {

    @Test
    void scenario12_initialWindowSizeOfZeroStopsDataUntilWindowUpdate() throws Exception {
        connectAndHandshake();
        peer.writeSettingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 0);
        peer.wantSettingsAck();
        int id = client.putRequest("POST", "/");
        client.endHeaders(id, Body.empty(), false);
        peer.wantHeaders(id);
        CompletableFuture<Void> send = sendAsync(id, new byte[10]);
        peer.pingAndWantPong(); // no DATA: the stream window is 0
        assertFalse(send.isDone());
        peer.writeWindowUpdate(id, 4);
        assertEquals(4, peer.wantData(id).payload().length);
        peer.writeWindowUpdate(id, 100);
        ScriptedPeer.Frame rest = peer.wantData(id);
        assertEquals(6, rest.payload().length);
        assertTrue(rest.has(FLAG_END_STREAM));
        send.get(5, TimeUnit.SECONDS);
    }

    @Test
    void scenario12_loweredInitialWindowSizeCanMakeAWindowNegative() throws Exception {
        connectAndHandshake();
        int id = client.putRequest("POST", "/");
        client.endHeaders(id, Body.empty(), false);
        peer.wantHeaders(id);
        client.send(id, new byte[100], false);
        assertEquals(100, peer.wantData(id).payload().length);
        // window 65,535 - 100; INITIAL_WINDOW_SIZE 50 moves it by 50 - 65,535 to -50 (§6.9.2)
        peer.writeSettingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 50);
        peer.wantSettingsAck();
        CompletableFuture<Void> send = sendAsync(id, new byte[30]);
        peer.writeWindowUpdate(id, 60); // -50 + 60 = 10
        assertEquals(10, peer.wantData(id).payload().length);
        peer.pingAndWantPong();
        assertFalse(send.isDone());
        peer.writeWindowUpdate(id, 20);
        assertEquals(20, peer.wantData(id).payload().length);
        send.get(5, TimeUnit.SECONDS);
    }

    @Test
    void scenario12_raisedInitialWindowSizeWakesABlockedSender() throws Exception {
        connectAndHandshake();
        peer.writeSettingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 0);
        peer.wantSettingsAck();
        int id = client.putRequest("POST", "/");
        client.endHeaders(id, Body.empty(), false);
        peer.wantHeaders(id);
        CompletableFuture<Void> send = sendAsync(id, new byte[5]);
        peer.writeSettingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 5);
        assertEquals(5, peer.wantData(id).payload().length);
        send.get(5, TimeUnit.SECONDS);
    }

    @Test
    void scenario13_aWindowStuckAtZeroTimesOutWithAClearError() throws Exception {
        connect(options().writeTimeout(Duration.ofMillis(200)));
        peer.acceptPreface();
        peer.writeSettings(SETTINGS_INITIAL_WINDOW_SIZE, 0);
        peer.wantSettingsAck();
        HyperTimeoutException e = assertThrows(HyperTimeoutException.class,
                () -> client.request("POST", "/", Body.of("stuck"), Map.of()));
        assertTrue(e.getMessage().contains("flow control"), e.getMessage());
        peer.wantHeaders(1);
    }

    @Test
    void scenario14_connectionWindowOverflowIsFlowControlError() throws Exception {
        connectAndHandshake();
        peer.writeWindowUpdate(0, Integer.MAX_VALUE); // 65,535 + 2^31-1 > 2^31-1
        peer.wantGoAway(ErrorCode.FLOW_CONTROL_ERROR);
    }

    @Test
    void scenario14_streamWindowOverflowResetsTheStream() throws Exception {
        connectAndHandshake();
        int id = client.putRequest("POST", "/");
        client.endHeaders(id, Body.empty(), false);
        peer.wantHeaders(id);
        peer.writeWindowUpdate(id, Integer.MAX_VALUE);
        peer.wantRstStream(id, ErrorCode.FLOW_CONTROL_ERROR);
        assertThrows(ProtocolException.class, () -> client.send(id, new byte[1], true));
        peer.pingAndWantPong();
    }

    @Test
    void scenario14_zeroIncrementOnTheConnectionIsProtocolError() throws Exception {
        connectAndHandshake();
        peer.writeWindowUpdate(0, 0);
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario14_zeroIncrementOnAStreamResetsIt() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeWindowUpdate(id, 0);
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        peer.pingAndWantPong();
    }

    @Test
    void aCompleteResponseThenRstStreamNoErrorEndsTheUploadQuietly() throws Exception {
        connectAndHandshake();
        CompletableFuture<Integer> post = CompletableFuture.supplyAsync(() -> {
            try {
                return client.request("POST", "/", Body.of(new byte[200_000]), Map.of());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        peer.wantHeaders(1);
        peer.wantData(1);
        peer.writeHeaders(1, ":status", "413");
        peer.writeData(1, true, "too large");
        peer.writeRstStream(1, ErrorCode.NO_ERROR); // §8.1: stop sending, the response stands
        assertEquals(1, post.get(5, TimeUnit.SECONDS));
        Response r = client.getResponse(1);
        assertEquals(413, r.status());
        assertArrayEquals("too large".getBytes(), r.read());
    }

    @Test
    void requestBodiesAreSplitByTheWindowsAndMaxFrameSize() throws Exception {
        connectAndHandshake();
        byte[] body = new byte[100_000];
        Arrays.fill(body, (byte) 'b');
        CompletableFuture<Integer> post = CompletableFuture.supplyAsync(() -> {
            try {
                return client.request("POST", "/", Body.of(body), Map.of());
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        peer.wantHeaders(1);
        int received = 0;
        while (received < 65_535) { // the initial windows, in frames of at most 16,384
            ScriptedPeer.Frame f = peer.wantData(1);
            assertTrue(f.payload().length <= 16_384);
            received += f.payload().length;
        }
        assertEquals(65_535, received);
        peer.pingAndWantPong();
        peer.writeWindowUpdate(0, 40_000);
        peer.writeWindowUpdate(1, 40_000);
        byte[] rest = peer.wantBody(1);
        assertEquals(100_000 - 65_535, rest.length);
        assertEquals(1, post.get(5, TimeUnit.SECONDS));
    }

    @Test
    void streamCreditIsReturnedOnlyAsTheApplicationReads() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/big");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        byte[] frame = new byte[16_384];
        for (int i = 0; i < 3; i++) {
            peer.writeData(id, false, frame);
        }
        peer.writeData(id, false, new byte[16_383]); // both windows are now exactly 0
        assertEquals(65_535, peer.wantWindowUpdate(0), "the connection window is refilled on arrival, in one update");
        peer.pingAndWantPong();
        assertTrue(peer.skipped().stream().noneMatch(f -> f.type() == TYPE_WINDOW_UPDATE), "no stream credit before reading");
        Response r = client.getResponse(id);
        int read = 0;
        while (read < 65_535) {
            read += r.read(65_535 - read).length;
        }
        int streamCredit = 0;
        int updates = 0;
        while (streamCredit < 65_535) {
            streamCredit += peer.wantWindowUpdate(id);
            updates++;
        }
        assertEquals(65_535, streamCredit);
        assertTrue(updates <= 4, "credit is batched, not one WINDOW_UPDATE per read: " + updates);
        peer.writeData(id, true, "the end");
        assertArrayEquals("the end".getBytes(), r.read());
    }

    @Test
    void aServerOverrunningTheConnectionWindowIsFlowControlError() throws Exception {
        connect(options().initialWindowSize(1 << 20).maxFrameSize(100_000));
        peer.acceptPreface();
        peer.writeSettings();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, false, new byte[65_536]); // one octet more than the connection window
        peer.wantGoAway(ErrorCode.FLOW_CONTROL_ERROR);
    }

    @Test
    void responsesReadOutOfOrderDoNotStarveEachOther() throws Exception {
        connectAndHandshake();
        int one = client.request("GET", "/1");
        int three = client.request("GET", "/3");
        peer.wantHeaders(one);
        peer.wantHeaders(three);
        peer.writeHeaders(one, ":status", "200");
        peer.writeHeaders(three, ":status", "200");
        byte[] full = new byte[16_384];
        for (int i = 0; i < 3; i++) {
            peer.writeData(one, false, full); // stream 1 fills most of the connection window, and nobody reads it
        }
        peer.writeData(three, false, new byte[16_383]); // the connection window is now 0
        assertEquals(65_535, peer.wantWindowUpdate(0), "refilled although nobody has read a single octet");
        for (int i = 0; i < 3; i++) {
            peer.writeData(three, i == 2, full); // stream 3's own window allows exactly 65,535
        }
        byte[] body = client.getResponse(three).read();
        assertEquals(65_535, body.length);
    }

    @Test
    void aServerOverrunningAStreamWindowResetsTheStream() throws Exception {
        connect(options().connectionWindowSize(1 << 20));
        peer.acceptPreface();
        peer.writeSettings();
        assertEquals((1 << 20) - 65_535, peer.wantWindowUpdate(0), "the connection window is raised at the start");
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        for (int i = 0; i < 4; i++) {
            peer.writeData(id, false, new byte[16_384]);
        }
        peer.wantRstStream(id, ErrorCode.FLOW_CONTROL_ERROR);
        peer.pingAndWantPong();
    }

    private CompletableFuture<Void> sendAsync(int id, byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try {
                client.send(id, data, true);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }
}
