package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ErrorCode;
import hyper.api.Response;
import hyper.api.WindowManagerException;
import hyper.api.spi.FlowControlFactory;
import hyper.impl.flow.FlowControlManager;
import hyper.impl.http2.RecordingManager.Call;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window managers through the SPI (seed §3.1.7, §6.1.7) against a scripted peer: what they are told and when, how
 * their answers are announced, backpressure, and what happens when a manager misbehaves.
 */
class WindowManagerTest extends PeerTestBase {

    private void handshake() throws Exception {
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
    }

    /** A response on a new stream: request, then the peer's response HEADERS. */
    private int respondingStream(String... extraHeaders) throws Exception {
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        String[] fields = new String[2 + extraHeaders.length];
        fields[0] = ":status";
        fields[1] = "200";
        System.arraycopy(extraHeaders, 0, fields, 2, extraHeaders.length);
        peer.writeHeaders(id, fields);
        return id;
    }

    /** WINDOW_UPDATE increments the client sent on {@code streamId} among the frames skipped since {@code from}. */
    private List<Integer> updatesSkipped(int from, int streamId) {
        List<ScriptedPeer.Frame> skipped = peer.skipped();
        return skipped.subList(from, skipped.size()).stream()
                .filter(f -> f.type() == TYPE_WINDOW_UPDATE && f.streamId() == streamId)
                .map(f -> (f.payload()[0] & 0x7f) << 24 | (f.payload()[1] & 0xff) << 16 | (f.payload()[2] & 0xff) << 8 | (f.payload()[3] & 0xff))
                .toList();
    }

    @Test
    void everyDataFrameIsReportedWithItsFlowControlledSizeBeforeTheWindowShrinks() throws Exception {
        RecordingManager.Log log = new RecordingManager.Log();
        connect(options().flowControl(RecordingManager.neverIncreasing(log)));
        handshake();
        int id = respondingStream("content-length", "310");
        peer.writeData(id, false, new byte[100]);
        byte[] padded = new byte[1 + 200 + 10]; // pad length 10, 200 octets of data, 10 of padding: 211 count (§6.1)
        padded[0] = 10;
        peer.writeFrame(TYPE_DATA, FLAG_PADDED, id, padded);
        peer.writeData(id, true, new byte[10]);
        peer.pingAndWantPong();

        assertEquals(List.of(new Call(id, "increase", 100, 65_535, 310), new Call(id, "increase", 211, 65_435, 310),
                new Call(id, "increase", 10, 65_224, 310)), log.of(id, "increase"));
        assertEquals(List.of(new Call(0, "increase", 100, 65_535, -1), new Call(0, "increase", 211, 65_435, -1),
                new Call(0, "increase", 10, 65_224, -1)), log.of(0, "increase"), "the connection's manager: no document");
        assertEquals(310, client.getResponse(id).read().length);
    }

    @Test
    void theSeedsStupidManagerGivesBackEachFrameTheStreamsCreditOnceRead() throws Exception {
        connect(options().flowControl(StupidFlowControlManager::new)); // the seed: window_manager=StupidFlowControlManager
        handshake();
        int id = respondingStream();
        peer.writeData(id, false, new byte[1000]);
        assertEquals(1000, peer.wantWindowUpdate(0), "the connection's credit goes back as DATA arrives");
        int mark = peer.skipped().size();
        peer.pingAndWantPong();
        assertEquals(List.of(), updatesSkipped(mark, id), "no stream credit before the application reads");
        Response r = client.getResponse(id);
        assertEquals(1000, r.read(1000).length);
        assertEquals(1000, peer.wantWindowUpdate(id), "exactly the frame's size, as the seed's manager returns");
        peer.writeData(id, true, "end");
        assertArrayEquals("end".getBytes(), r.read());
    }

    @Test
    void aReaderThatStopsReadingStopsThePeerAndBuffersNoMoreThanTheWindow() throws Exception {
        connect(options().flowControl(StupidFlowControlManager::new));
        handshake();
        int id = respondingStream();
        int mark = peer.skipped().size();
        for (int i = 0; i < 3; i++) {
            peer.writeData(id, false, new byte[16_384]);
        }
        peer.writeData(id, false, new byte[16_383]);
        peer.pingAndWantPong();
        assertEquals(65_535, updatesSkipped(mark, 0).stream().mapToInt(Integer::intValue).sum(), "the connection is refilled");
        assertEquals(List.of(), updatesSkipped(mark, id), "the stream is not: nobody read it");
        Http2Stream s = client.streams.get(id);
        assertEquals(65_535, s.bufferedOctets());
        assertEquals(0, s.withReceiveWindow(ReceiveWindow::announced), "the peer may send nothing more");
        assertEquals(65_535, s.withReceiveWindow(ReceiveWindow::windowSize), "the manager has granted it all back");

        peer.writeData(id, false, new byte[1]); // beyond what was announced
        peer.wantRstStream(id, ErrorCode.FLOW_CONTROL_ERROR);
    }

    @Test
    void creditHeldBackForUnreadDataGoesOutAsTheApplicationReads() throws Exception {
        connect();
        handshake();
        int id = respondingStream();
        for (int i = 0; i < 3; i++) {
            peer.writeData(id, false, new byte[16_384]);
        }
        peer.writeData(id, false, new byte[16_383]); // the seed's manager refills 65,535 here; all of it is unread
        peer.pingAndWantPong();
        Response r = client.getResponse(id);
        int read = 0;
        int credit = 0;
        while (read < 65_535) {
            read += r.read(4096).length;
        }
        while (credit < 65_535) {
            credit += peer.wantWindowUpdate(id);
        }
        assertEquals(65_535, credit);
        assertTrue(peer.skipped().stream().filter(f -> f.type() == TYPE_WINDOW_UPDATE && f.streamId() == id).count() <= 1,
                "reads of 4 KiB are batched into updates of at least a quarter of the window");
        peer.writeData(id, true, "end");
        assertArrayEquals("end".getBytes(), r.read());
    }

    @Test
    void blockedIsCalledWhenAFrameEmptiesTheWindowAndItsAnswerIsAnnounced() throws Exception {
        RecordingManager.Log log = new RecordingManager.Log();
        connect(options().flowControl(w -> w.streamId() == 0
                ? new RecordingManager(w, log, f -> 0, w::initialWindowSize) : new FlowControlManager(w)));
        handshake();
        int id = respondingStream();
        for (int i = 0; i < 3; i++) {
            peer.writeData(id, false, new byte[16_384]);
        }
        peer.pingAndWantPong();
        assertEquals(List.of(), log.of(0, "blocked"), "not blocked while the window is open");
        peer.writeData(id, false, new byte[16_383]);
        assertEquals(65_535, peer.wantWindowUpdate(0));
        assertEquals(List.of(new Call(0, "blocked", 0, 0, -1)), log.of(0, "blocked"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"negative", "overflow", "throws"})
    void aStreamManagerGivingABadAnswerFailsThatStreamAlone(String how) throws Exception {
        IntUnaryOperator bad = switch (how) {
            case "negative" -> f -> -1;
            case "overflow" -> f -> Integer.MAX_VALUE; // 65,535 - f + 2^31-1 > 2^31-1
            default -> f -> {
                throw new IllegalStateException("a bug in the manager");
            };
        };
        RecordingManager.Log log = new RecordingManager.Log();
        FlowControlFactory factory = w -> w.streamId() == 1 ? new RecordingManager(w, log, bad, () -> 0) : new FlowControlManager(w);
        connect(options().flowControl(factory));
        handshake();
        int one = respondingStream();
        int three = respondingStream();
        peer.writeData(one, false, new byte[10]);
        peer.wantRstStream(one, ErrorCode.INTERNAL_ERROR);
        WindowManagerException e = assertThrows(WindowManagerException.class, () -> client.getResponse(one).read());
        assertEquals(one, e.streamId());
        assertTrue(e.getMessage().contains(RecordingManager.class.getName()) && e.getMessage().contains("stream 1"), e.getMessage());

        peer.writeData(three, true, "still fine");
        assertArrayEquals("still fine".getBytes(), client.getResponse(three).read(), "the connection goes on");
    }

    @ParameterizedTest
    @ValueSource(ints = {-5, Integer.MAX_VALUE})
    void aConnectionManagerGivingABadAnswerIsReplacedByTheDefaultAndTheConnectionGoesOn(int answer) throws Exception {
        RecordingManager.Log log = new RecordingManager.Log();
        connect(options().flowControl(w -> w.streamId() == 0 ? new RecordingManager(w, log, f -> answer, () -> 0) : new FlowControlManager(w)));
        handshake();
        int id = respondingStream();
        for (int i = 0; i < 3; i++) {
            peer.writeData(id, false, new byte[16_384]);
        }
        peer.writeData(id, false, new byte[16_383]);
        assertEquals(65_535, peer.wantWindowUpdate(0), "the default manager refills the connection");
        assertEquals(1, log.of(0, "increase").size(), "the bad manager was asked once, then replaced");
        assertSame(FlowControlManager.class, client.connectionManager().getClass());
        Response r = client.getResponse(id);
        int read = 0;
        while (read < 65_535) {
            read += r.read(65_535 - read).length;
        }
        peer.writeData(id, true, "end");
        assertArrayEquals("end".getBytes(), r.read());
    }

    @Test
    void aConnectionManagerThrowingWhenALargeDocumentStartsIsReplacedAndTheResponseGoesOn() throws Exception {
        connect(options().flowControl(w -> w.streamId() != 0 ? new FlowControlManager(w) : new FlowControlManager(w) {
            @Override
            public int documentStarted(int streamId, long documentSize) {
                throw new IllegalStateException("a bug in the manager");
            }
        }));
        handshake();
        int id = respondingStream("content-length", "65536"); // one octet more than the window: the manager is asked
        peer.pingAndWantPong(); // a SETTINGS raise or a GOAWAY would fail this
        assertSame(FlowControlManager.class, client.connectionManager().getClass(), "replaced by the default");
        for (int i = 0; i < 4; i++) {
            peer.writeData(id, false, new byte[i < 3 ? 16_384 : 16_383]);
        }
        Response r = client.getResponse(id);
        for (int read = 0; read < 65_535; ) {
            read += r.read(65_535 - read).length;
        }
        peer.writeData(id, true, "!"); // within the credit the reads gave back
        assertArrayEquals("!".getBytes(), r.read());
    }

    @Test
    void aConnectionManagerThrowingWhenAskedForALoneStreamsWindowIsReplacedAndStreamsOpenAsUsual() throws Exception {
        connect(options().flowControl(w -> w.streamId() != 0 ? new FlowControlManager(w) : new FlowControlManager(w) {
            @Override
            public int soleStreamWindow() {
                throw new IllegalStateException("a bug in the manager");
            }
        }));
        assertSame(FlowControlManager.class, client.connectionManager().getClass(), "replaced by the default");
        handshake();
        int id = respondingStream();
        peer.pingAndWantPong();
        assertTrue(peer.skipped().stream().noneMatch(f -> f.type() == TYPE_WINDOW_UPDATE && f.streamId() == id),
                "no raise: the stream opened with the SETTINGS window");
        for (int i = 0; i < 4; i++) { // the whole default window
            peer.writeData(id, i == 3, new byte[i < 3 ? 16_384 : 16_383]);
        }
        assertEquals(65_535, client.getResponse(id).read().length);
    }

    @Test
    void aFactoryThatFailsForAStreamFailsThatRequestBeforeAnythingIsSent() throws Exception {
        connect(options().flowControl(w -> w.streamId() == 0 ? new FlowControlManager(w) : null));
        handshake();
        WindowManagerException e = assertThrows(WindowManagerException.class, () -> client.request("GET", "/"));
        assertTrue(e.getMessage().contains("returned no manager"), e.getMessage());
        peer.pingAndWantPong(); // no HEADERS went out, and the connection is fine
    }
}
