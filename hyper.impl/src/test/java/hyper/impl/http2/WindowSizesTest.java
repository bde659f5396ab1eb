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

    /** The preface and SETTINGS both ways, then a GET whose response headers have come: its stream id. */
    private int handshakeAndRespond() throws Exception {
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
        return respondingStream();
    }

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
        connect(options().flowControlProvider("auto").initialWindowSize(65_535).connectionWindowSize(65_535)); // set: not auto's own
        int id = handshakeAndRespond();
        peer.writeData(id, false, new byte[16_384]);
        long ping = peer.wantPing(); // DATA started: a round-trip PING goes out
        for (int i = 0; i < 3; i++) {
            peer.writeData(id, false, new byte[i < 2 ? 16_384 : 16_383]); // 49,151 in the round trip: the window limited it
        }
        Response r = client.getResponse(id);
        for (int read = 0; read < 65_535; ) { // the application keeps up: only then is a sample taken
            read += r.read(65_535 - read).length;
        }
        peer.writeFrame(TYPE_PING, FLAG_ACK, 0, concat(int32(ping >>> 32), int32(ping)));

        ScriptedPeer.Frame raise = peer.wantAny(TYPE_SETTINGS);
        int window = settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE);
        assertEquals(4 * 65_535, window, "four times what one round trip carried (the DATA that started it included)");
        assertEquals(window, client.ourInitialWindowSize());
        assertInstanceOf(AutoTuningFlowControlManager.class, client.connectionManager());
        // The open stream's window grew by the difference (§6.9.2), and what was read is credited back: the peer
        // may send the whole new window at once, "end" included, without waiting for a WINDOW_UPDATE.
        int more = window - 3;
        for (int sent = 0; sent < more; sent += 16_384) {
            peer.writeData(id, false, new byte[Math.min(16_384, more - sent)]);
        }
        peer.writeData(id, true, "end");
        assertEquals(window, r.read().length);
    }

    @Test
    void theAutoPolicyOpensWith16MiBStreamWindowsAndA1GiBConnectionWindow() throws Exception {
        connect(options().flowControlProvider("auto"));
        ScriptedPeer.Frame settings = peer.acceptPreface();
        assertEquals(16 << 20, settingValue(settings, SETTINGS_INITIAL_WINDOW_SIZE), "fast from the first round trip");
        assertEquals((1 << 30) - 65_535, peer.wantWindowUpdate(0), "the connection window, raised with the preface");
        assertEquals(16 << 20, client.ourInitialWindowSize());
    }

    @Test
    void windowSizesSetInTheOptionsWinOverThePolicysDefaults() throws Exception {
        connect(options().flowControlProvider("auto").initialWindowSize(1 << 20));
        ScriptedPeer.Frame settings = peer.acceptPreface();
        assertEquals(1 << 20, settingValue(settings, SETTINGS_INITIAL_WINDOW_SIZE));
        assertEquals((1 << 30) - 65_535, peer.wantWindowUpdate(0), "the connection window was not set: auto's");
    }

    /** Writes {@code total} octets of DATA on {@code id} in frames of at most 1 MiB. */
    private void writeData(int id, int total) throws Exception {
        for (int sent = 0; sent < total; sent += 1 << 20) {
            peer.writeData(id, false, new byte[Math.min(1 << 20, total - sent)]);
        }
    }

    @Test
    void autoGrowsA16MiBWindowThatLimitedARoundTripFourfoldAndStopsMeasuringAtTheCap() throws Exception {
        System.setProperty(AutoTuningFlowControlManager.MAX_WINDOW_PROPERTY, String.valueOf(48 << 20));
        try {
            connect(options().flowControlProvider("auto").maxFrameSize(1 << 20));
        } finally {
            System.clearProperty(AutoTuningFlowControlManager.MAX_WINDOW_PROPERTY);
        }
        int id = handshakeAndRespond();
        peer.writeData(id, false, new byte[16_384]);
        long ping = peer.wantPing();
        int sample = (16 << 20) - 16_384; // the rest of the window, within the round trip: the window was the limit
        writeData(id, sample);
        Response r = client.getResponse(id);
        byte[] buf = new byte[100_000];
        for (int read = 0; read < 16 << 20; ) { // the application keeps up: everything is read before the ACK
            read += r.read(buf, 0, buf.length);
        }
        peer.writeFrame(TYPE_PING, FLAG_ACK, 0, concat(int32(ping >>> 32), int32(ping)));

        ScriptedPeer.Frame raise = peer.wantAny(TYPE_SETTINGS);
        assertEquals(48 << 20, settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE), "four times the sample is past the cap: the cap");
        assertEquals(48 << 20, client.ourInitialWindowSize());
        peer.writeData(id, false, new byte[16_384]);
        peer.pingAndWantPong(); // a round-trip PING from the client would fail this: at the cap, no more are sent
        peer.writeData(id, true, "end");
        assertEquals(16_384 + 3, r.read().length);
    }

    @Test
    void aWholeWindowArrivingBeforeThePingsAckGrowsTheWindowsAtOnce() throws Exception {
        connect(options().flowControlProvider("auto").initialWindowSize(1 << 20).maxFrameSize(1 << 20));
        int id = handshakeAndRespond();
        peer.writeData(id, false, new byte[16_384]);
        long ping = peer.wantPing();
        peer.writeData(id, false, new byte[(1 << 20) - 16_384]); // the whole 1 MiB window, and the ACK is still to come

        ScriptedPeer.Frame raise = peer.wantAny(TYPE_SETTINGS);
        assertEquals(4 << 20, settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE), "grown without waiting for the ACK");
        Response r = client.getResponse(id);
        peer.writeData(id, false, new byte[16_384]); // within the raised window
        peer.pingAndWantPong(); // a second round-trip PING would fail this: the first one's ACK is still awaited
        peer.writeFrame(TYPE_PING, FLAG_ACK, 0, concat(int32(ping >>> 32), int32(ping)));
        peer.writeData(id, false, new byte[16_384]);
        peer.pingAndWantPong(); // nor after the ACK at once: the next round trip waits for a quarter window (1 MiB)
        peer.writeData(id, false, new byte[(1 << 20) - 16_384]);
        assertEquals(ping, peer.wantPing(), "a quarter of the 4 MiB window since the ACK: the next round trip");
        peer.writeData(id, true, "end");
        assertEquals((2 << 20) + 16_384 + 3, r.read().length);
    }

    @Test
    void autoDoesNotGrowTheWindowOfAStreamNobodyReadsWhichBuffersNoMoreThan16MiB() throws Exception {
        connect(options().flowControlProvider("auto").maxFrameSize(1 << 20));
        handshakeAndRespond(); // stays open: the next stream is not alone, so it starts at 16 MiB, not the cap
        int id = respondingStream();
        peer.writeData(id, false, new byte[16_384]);
        long ping = peer.wantPing();
        int mark = peer.skipped().size();
        writeData(id, (16 << 20) - 16_384); // the whole window in one round trip, and nobody reads it
        peer.writeFrame(TYPE_PING, FLAG_ACK, 0, concat(int32(ping >>> 32), int32(ping)));
        peer.pingAndWantPong(); // a SETTINGS raise would fail this: the window filled because nobody reads, not the network
        assertEquals(16 << 20, client.ourInitialWindowSize());
        assertTrue(peer.skipped().subList(mark, peer.skipped().size()).stream()
                .noneMatch(f -> f.type() == TYPE_WINDOW_UPDATE && f.streamId() == id), "no stream credit: nothing was read");
        assertEquals(16 << 20, client.streams.get(id).bufferedOctets(), "the memory held is the window, no more");
        peer.writeData(id, false, new byte[1]);
        peer.wantRstStream(id, ErrorCode.FLOW_CONTROL_ERROR); // one octet past the window (§6.9.1)
    }

    /** Connects with {@code auto} at a 1 MiB start and a cap of {@code cap}, and exchanges SETTINGS. */
    private void connectAutoWithCap(int cap) throws Exception {
        System.setProperty(AutoTuningFlowControlManager.MAX_WINDOW_PROPERTY, String.valueOf(cap));
        try {
            connect(options().flowControlProvider("auto").initialWindowSize(1 << 20).maxFrameSize(1 << 20));
        } finally {
            System.clearProperty(AutoTuningFlowControlManager.MAX_WINDOW_PROPERTY);
        }
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
    }

    @Test
    void aStreamOpenedAloneStartsAtTheCapAndOneBesideItAtTheStartWindow() throws Exception {
        connectAutoWithCap(4 << 20);
        int alone = client.request("GET", "/alone");
        peer.wantHeaders(alone);
        assertEquals(3 << 20, peer.wantWindowUpdate(alone), "right after its HEADERS: from 1 MiB to the 4 MiB cap");
        int beside = client.request("GET", "/beside");
        peer.wantHeaders(beside);
        int mark = peer.skipped().size();
        peer.pingAndWantPong();
        assertTrue(peer.skipped().subList(mark, peer.skipped().size()).stream()
                .noneMatch(f -> f.type() == TYPE_WINDOW_UPDATE), "another stream is open: no raise");
        assertEquals(1 << 20, client.ourInitialWindowSize(), "the SETTINGS stay: only the lone stream started larger");

        peer.writeHeaders(alone, ":status", "200");
        writeData(alone, 4 << 20); // nobody reads: the cap is what it may hold
        peer.wantPing(); // the round trip DATA started; its ACK never comes, so no window grows
        peer.writeHeaders(beside, ":status", "200");
        writeData(beside, 1 << 20);
        peer.pingAndWantPong();
        assertEquals(4 << 20, client.streams.get(alone).bufferedOctets());
        assertEquals(1 << 20, client.streams.get(beside).bufferedOctets());
        peer.writeData(beside, false, new byte[1]);
        peer.wantRstStream(beside, ErrorCode.FLOW_CONTROL_ERROR); // one octet past its 1 MiB (§6.9.1)
        peer.writeData(alone, false, new byte[1]);
        peer.wantRstStream(alone, ErrorCode.FLOW_CONTROL_ERROR); // one octet past the cap

        int next = client.request("GET", "/next"); // both are closed: alone again
        peer.wantHeaders(next);
        assertEquals(3 << 20, peer.wantWindowUpdate(next));
    }

    @Test
    void aLoneStreamsWindowGrowsByTheSettingsDifferenceAsThePeerCountsIt() throws Exception {
        connectAutoWithCap(8 << 20);
        int alone = client.request("GET", "/alone");
        peer.wantHeaders(alone);
        assertEquals(7 << 20, peer.wantWindowUpdate(alone));
        peer.writeHeaders(alone, ":status", "200");
        int large = client.request("GET", "/100MiB");
        peer.wantHeaders(large);
        peer.writeHeaders(large, ":status", "200", "content-length", String.valueOf(100 << 20));
        ScriptedPeer.Frame raise = peer.wantAny(TYPE_SETTINGS);
        assertEquals(8 << 20, settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE));
        // §6.9.2: the peer adds the SETTINGS difference (7 MiB) to every stream's window: 8 + 7 MiB for the lone one
        writeData(alone, 15 << 20);
        peer.pingAndWantPong();
        assertEquals(15 << 20, client.streams.get(alone).bufferedOctets(), "all of it accepted: no FLOW_CONTROL_ERROR");
        peer.writeData(alone, false, new byte[1]);
        peer.wantRstStream(alone, ErrorCode.FLOW_CONTROL_ERROR);
    }

    @Test
    void theSeedPolicyOpensAStreamAloneWithoutARaise() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.pingAndWantPong();
        assertTrue(peer.skipped().stream().noneMatch(f -> f.type() == TYPE_WINDOW_UPDATE && f.streamId() == id));
    }

    @Test
    void aResponseAnnouncingALargeDocumentRaisesTheWindowsTowardItsSizeAtOnceUpToTheCap() throws Exception {
        connectAutoWithCap(8 << 20);
        int small = client.request("GET", "/3MiB");
        peer.wantHeaders(small);
        peer.writeHeaders(small, ":status", "200", "content-length", String.valueOf(3 << 20));
        ScriptedPeer.Frame raise = peer.wantAny(TYPE_SETTINGS);
        assertEquals(3 << 20, settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE), "the document's size, before any DATA");

        int large = client.request("GET", "/100MiB");
        peer.wantHeaders(large);
        peer.writeHeaders(large, ":status", "200", "content-length", String.valueOf(100 << 20));
        raise = peer.wantAny(TYPE_SETTINGS);
        assertEquals(8 << 20, settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE), "larger than the cap: the cap");
        assertEquals(8 << 20, client.ourInitialWindowSize());
        writeData(large, 8 << 20); // nobody reads: at the cap no round-trip PING goes out, no credit comes back
        peer.pingAndWantPong();
        assertEquals(8 << 20, client.streams.get(large).bufferedOctets(), "a stream nobody reads holds the cap, no more");
        peer.writeData(large, false, new byte[1]);
        peer.wantRstStream(large, ErrorCode.FLOW_CONTROL_ERROR); // one octet past the window (§6.9.1)
        writeData(small, 3 << 20); // the first document, whole, without a WINDOW_UPDATE: its stream grew with the rest
        peer.writeData(small, true, new byte[0]);
        assertEquals(3 << 20, client.getResponse(small).read().length);
    }

    @Test
    void aLargeDocumentRaisesNoWindowWhileAnotherStreamsReaderLags() throws Exception {
        connect(options().flowControlProvider("auto").initialWindowSize(1 << 20).maxFrameSize(1 << 20));
        int lagging = handshakeAndRespond();
        peer.writeData(lagging, false, new byte[600 << 10]); // more than half of the 1 MiB window, unread
        peer.wantPing(); // the round trip this DATA started; its ACK never comes

        int large = client.request("GET", "/100MiB");
        peer.wantHeaders(large);
        peer.writeHeaders(large, ":status", "200", "content-length", String.valueOf(100 << 20));
        peer.pingAndWantPong(); // a SETTINGS raise would fail this: it would let the lagging stream buffer more
        assertEquals(1 << 20, client.ourInitialWindowSize());

        Response r = client.getResponse(lagging);
        byte[] buf = new byte[64 << 10];
        for (int read = 0; read < 600 << 10; ) { // the reader catches up
            read += r.read(buf, 0, buf.length);
        }
        int next = client.request("GET", "/100MiB");
        peer.wantHeaders(next);
        peer.writeHeaders(next, ":status", "200", "content-length", String.valueOf(100 << 20));
        ScriptedPeer.Frame raise = peer.wantAny(TYPE_SETTINGS);
        assertEquals(AutoTuningFlowControlManager.DEFAULT_MAX_WINDOW, settingValue(raise, SETTINGS_INITIAL_WINDOW_SIZE),
                "every reader keeps up now: the cap, 64 MiB");
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
        int id = handshakeAndRespond();
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
