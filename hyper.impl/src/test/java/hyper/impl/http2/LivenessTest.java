package hyper.impl.http2;

import static hyper.impl.http2.Frames.frame;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionException;
import hyper.api.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A connection that dies must fail its streams promptly and clearly: TESTING.md scenarios 19 and 25. */
class LivenessTest extends PeerTestBase {

    @Test
    void scenario19_noPingReplyWithinTheLivenessTimeoutLosesTheConnection() throws Exception {
        connect(options().pingTimeout(Duration.ofMillis(300)).readTimeout(Duration.ofSeconds(30)));
        peer.acceptPreface();
        peer.writeSettings();
        int id = client.request("GET", "/slow");
        peer.wantHeaders(id);
        peer.wantPing(); // the client probes the silent connection, and we never answer
        ConnectionException e = assertThrows(ConnectionException.class, () -> client.getResponse(id));
        assertTrue(e.getMessage().contains("PING"), e.getMessage());
    }

    @Test
    void scenario19_anAnsweredPingKeepsTheConnection() throws Exception {
        // 1 s: the answer must arrive within the timeout, and a loaded machine can delay the peer's by a few 100 ms
        connect(options().pingTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(30)));
        peer.acceptPreface();
        peer.writeSettings();
        int id = client.request("GET", "/slow");
        peer.wantHeaders(id);
        long payload = peer.wantPing();
        peer.writeFrame(TYPE_PING, FLAG_ACK, 0, java.nio.ByteBuffer.allocate(8).putLong(payload).array());
        peer.writeHeadersEndStream(id, ":status", "200");
        client.getResponse(id);
    }

    @Test
    void aSocketWriteBlockedPastTheWriteTimeoutLosesTheConnection() throws Exception {
        connect(options().writeTimeout(Duration.ofMillis(300)));
        peer.acceptPreface();
        peer.writeSettings(SETTINGS_INITIAL_WINDOW_SIZE, Integer.MAX_VALUE);
        peer.wantSettingsAck();
        peer.writeWindowUpdate(0, Integer.MAX_VALUE - 65_535);
        peer.pingAndWantPong();
        // the peer reads nothing more: once the socket buffers are full, the client's write blocks
        byte[] body = new byte[64 << 20];
        ConnectionException e = assertThrows(ConnectionException.class,
                () -> client.request("POST", "/upload", Body.of(body), Map.of()));
        assertTrue(e.getMessage().contains("write timeout"), e.getMessage());
    }

    @Test
    void scenario25_socketClosedInTheMiddleOfAFrameFailsEveryOpenStream() throws Exception {
        connectAndHandshake();
        int one = client.request("GET", "/1");
        int three = client.request("GET", "/3");
        peer.wantHeaders(one);
        peer.wantHeaders(three);
        peer.writeHeaders(one, ":status", "200");
        peer.writeRaw(Arrays.copyOf(frame(TYPE_DATA, 0, one, new byte[100]), 50));
        peer.closeConnection();
        Response r = client.getResponse(one);
        ConnectionException e1 = assertThrows(ConnectionException.class, r::read);
        assertTrue(e1.getMessage().contains("middle of a frame"), e1.getMessage());
        assertThrows(ConnectionException.class, () -> client.getResponse(three));
        assertThrows(ConnectionException.class, () -> client.request("GET", "/5"));
    }
}
