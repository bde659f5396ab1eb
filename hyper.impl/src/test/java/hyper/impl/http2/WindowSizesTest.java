package hyper.impl.http2;

import static hyper.impl.http2.Frames.concat;
import static hyper.impl.http2.Frames.int32;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.api.ErrorCode;
import hyper.api.Response;
import hyper.api.spi.FlowControlProvider;
import hyper.impl.flow.AutoTuningFlowControlManager;
import hyper.impl.flow.FlowControlManager;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Receive window sizes: configured initial windows, windows raised by the {@code "auto"} manager's round trips,
 * the peer's SETTINGS_INITIAL_WINDOW_SIZE overflowing a window (§6.9.2), and how a connection's policy is chosen.
 */
class WindowSizesTest extends PeerTestBase {

    private int respondingStream() throws Exception {
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        return id;
    }

    private static int settingValue(ScriptedPeer.Frame settings, int id) {
        ByteBuffer b = ByteBuffer.wrap(settings.payload());
        while (b.remaining() >= 6) {
            int key = b.getShort() & 0xffff;
            int value = b.getInt();
            if (key == id) {
                return value;
            }
        }
        return -1;
    }

    @Test
    void windowsAboveTheDefaultAreAnnouncedAtTheStartAndHonoured() throws Exception {
        connect(options().initialWindowSize(1 << 20).connectionWindowSize(4 << 20).maxFrameSize(1 << 20));
        ScriptedPeer.Frame settings = peer.acceptPreface();
        assertEquals(1 << 20, settingValue(settings, SETTINGS_INITIAL_WINDOW_SIZE));
        assertEquals((4 << 20) - 65_535, peer.wantWindowUpdate(0), "the connection window is raised with the preface (§6.9.2)");
        peer.writeSettings(SETTINGS_MAX_FRAME_SIZE, 1 << 20);
        peer.wantSettingsAck();
        int id = respondingStream();
        peer.writeData(id, true, new byte[1 << 20]); // the whole stream window in one frame, no WINDOW_UPDATE needed
        assertEquals(1 << 20, client.getResponse(id).read().length);
    }

    @Test
    void theDefaultWindowsNeedNoWindowUpdateAtTheStart() throws Exception {
        connect();
        ScriptedPeer.Frame settings = peer.acceptPreface();
        assertEquals(65_535, settingValue(settings, SETTINGS_INITIAL_WINDOW_SIZE));
        peer.writeSettings();
        peer.wantSettingsAck();
        peer.pingAndWantPong();
        assertTrue(peer.skipped().stream().noneMatch(f -> f.type() == TYPE_WINDOW_UPDATE));
    }

    @Test
    void theAutoManagerMeasuresARoundTripAndRaisesEveryWindow() throws Exception {
        connect(options().flowControlProvider("auto"));
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
        int id = respondingStream();
        peer.writeData(id, false, new byte[16_384]);
        long ping = peer.wantPing(); // DATA started: a round-trip PING goes out
        for (int i = 0; i < 3; i++) {
            peer.writeData(id, false, new byte[i < 2 ? 16_384 : 16_383]); // 49,151 in the round trip: the window limited it
        }
        peer.writeFrame(TYPE_PING, FLAG_ACK, 0, concat(int32(ping >>> 32), int32(ping)));

        ScriptedPeer.Frame raise = peer.wantAny(TYPE_SETTINGS);
        int window = settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE);
        assertEquals(4 * 49_151, window, "four times what one round trip carried");
        assertEquals(window, client.ourInitialWindowSize());
        assertInstanceOf(AutoTuningFlowControlManager.class, client.connectionManager());
        // The open stream's window grew by the difference (§6.9.2): the peer may send that much more at once.
        // Nothing is read yet, so no credit goes back: the stream's window is exactly `window`, "end" included.
        int more = window - 65_535 - 3;
        for (int sent = 0; sent < more; sent += 16_384) {
            peer.writeData(id, false, new byte[Math.min(16_384, more - sent)]);
        }
        peer.writeData(id, true, "end");
        byte[] body = client.getResponse(id).read();
        assertEquals(window, body.length);
    }

    @Test
    void theSeedManagerSendsNoRoundTripPings() throws Exception {
        connectAndHandshake();
        int id = respondingStream();
        peer.writeData(id, true, new byte[16_384]);
        peer.pingAndWantPong(); // a PING from the client would fail this: only housekeeping may come first
        assertEquals(16_384, client.getResponse(id).read().length);
        assertSame(FlowControlManager.class, client.connectionManager().getClass());
    }

    @Test
    void aPeerInitialWindowSizeThatOverflowsAnOpenStreamsWindowIsAConnectionError() throws Exception {
        connectAndHandshake();
        int id = client.putRequest("POST", "/");
        client.endHeaders(id, hyper.api.Body.empty(), false);
        peer.wantHeaders(id);
        peer.writeWindowUpdate(id, Integer.MAX_VALUE - 65_535); // the stream's send window is now 2^31-1
        peer.pingAndWantPong();
        peer.writeSettingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 65_536); // +1 on every open stream (§6.9.2)
        peer.wantGoAway(ErrorCode.FLOW_CONTROL_ERROR);
    }

    @Test
    void aFactoryInTheOptionsWinsOverAProviderName() throws Exception {
        connect(options().flowControlProvider("auto").flowControl(StupidFlowControlManager::new));
        peer.acceptPreface();
        assertInstanceOf(StupidFlowControlManager.class, client.connectionManager());
    }

    @Test
    void aProviderIsChosenByNameInTheOptions() throws Exception {
        connect(ConnectionOptions.builder().secure(false).flowControlProvider("seed")); // instead of the default, auto
        peer.acceptPreface();
        assertSame(FlowControlManager.class, client.connectionManager().getClass());
    }

    @Test
    void theSystemPropertyNamesTheProviderWhenTheOptionsDoNot() throws Exception {
        System.setProperty(FlowControlProvider.PROPERTY, "seed");
        try {
            connect(ConnectionOptions.builder().secure(false));
        } finally {
            System.clearProperty(FlowControlProvider.PROPERTY);
        }
        peer.acceptPreface();
        assertSame(FlowControlManager.class, client.connectionManager().getClass());
    }

    @Test
    void withoutAChoiceTheAutoPolicyIsUsed() throws Exception {
        connect(ConnectionOptions.builder().secure(false));
        peer.acceptPreface();
        assertInstanceOf(AutoTuningFlowControlManager.class, client.connectionManager());
        assertEquals(List.of("auto", "seed"), hyper.api.spi.Providers.all(FlowControlProvider.class).stream()
                .map(FlowControlProvider::name).toList(), "both shipped providers are found, auto (the default) first");
    }

    @Test
    void anUnknownProviderNameIsAClearError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> connect(options().flowControlProvider("nope")));
        assertTrue(e.getMessage().contains("no FlowControlProvider named 'nope'") && e.getMessage().contains("auto"), e.getMessage());
    }

    @Test
    void theSeedsStupidManagerDownloadsWhatItIsSent() throws Exception {
        connect(options().flowControl(StupidFlowControlManager::new));
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
        int id = respondingStream();
        java.util.concurrent.CompletableFuture<byte[]> body = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return client.getResponse(id).read();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        byte[] sent = new byte[0];
        long streamWindow = 65_535;
        long connectionWindow = 65_535;
        for (int i = 0; i < 12; i++) { // 12 x 16 KiB: far more than the 64 KiB windows, so credit must flow back
            while (streamWindow < 16_384 || connectionWindow < 16_384) { // a polite peer waits for credit
                ScriptedPeer.Frame f = peer.wantAny(TYPE_WINDOW_UPDATE);
                int increment = ByteBuffer.wrap(f.payload()).getInt();
                if (f.streamId() == id) {
                    streamWindow += increment;
                } else {
                    connectionWindow += increment;
                }
            }
            byte[] frame = new byte[16_384];
            java.util.Arrays.fill(frame, (byte) i);
            sent = concat(sent, frame);
            peer.writeData(id, i == 11, frame);
            streamWindow -= frame.length;
            connectionWindow -= frame.length;
        }
        assertArrayEquals(sent, body.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }
}
