package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ErrorCode;
import hyper.api.Response;
import hyper.api.spi.BlockBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DEBUG logging of every frame received and sent, under "hyper.http2.frames" (issue 9, --debug). */
class FrameLogTest extends PeerTestBase {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private final Logger logger = Logger.getLogger("hyper.http2.frames");
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            lines.add(r.getLevel() == Level.FINE ? r.getMessage() : "not at DEBUG: " + r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void listen() {
        previousLevel = logger.getLevel();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }

    @Test
    void everyFrameOfAnExchangeIsLoggedWithWhatItCarries() throws Exception {
        logger.setLevel(Level.ALL);
        connect();
        peer.acceptPreface();
        peer.writeSettings(SETTINGS_MAX_CONCURRENT_STREAMS, 100, SETTINGS_INITIAL_WINDOW_SIZE, 70_000);
        peer.wantSettingsAck();
        int id = client.request("GET", "/private", Body.empty(), Map.of("Authorization", "Basic secret"));
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200", "set-cookie", "a=b");
        peer.writeData(id, true, "hello");
        Response r = client.getResponse(id);
        assertEquals("hello", new String(r.read(), StandardCharsets.UTF_8));
        peer.pingAndWantPong(); // the reader has handled (and logged) everything written before the PING

        assertLogged(">> SETTINGS stream=0 flags=- length=", "ENABLE_PUSH=0");
        assertLogged("<< SETTINGS stream=0 flags=- length=12 MAX_CONCURRENT_STREAMS=100 INITIAL_WINDOW_SIZE=70000");
        assertLogged(">> SETTINGS stream=0 flags=ACK length=0");
        assertLogged(">> HEADERS stream=1 flags=END_STREAM|END_HEADERS length=", "\n    :method: GET\n",
                "\n    :path: /private\n", "\n    authorization: <redacted 12 octets>");
        assertLogged("<< HEADERS stream=1 flags=END_HEADERS length=", "\n    :status: 200\n",
                "\n    set-cookie: <redacted 3 octets>");
        assertLogged("<< DATA stream=1 flags=END_STREAM length=5");
        assertLogged("<< PING stream=0 flags=- length=8 payload=");
        assertLogged(">> PING stream=0 flags=ACK length=8 payload=");
        assertFalse(lines.stream().anyMatch(l -> l.contains("Basic") || l.contains("secret") || l.contains("a=b")),
                "credentials never reach the log: " + lines);
    }

    @Test
    void theLevelIsAskedPerFrameSoTurningDebugOnMidConnectionTakesEffect() throws Exception {
        logger.setLevel(Level.INFO);
        connectAndHandshake();
        int first = client.request("GET", "/one");
        peer.wantHeaders(first);
        assertEquals(List.of(), lines, "nothing is logged while DEBUG is off");

        logger.setLevel(Level.FINE);
        int second = client.request("GET", "/two");
        peer.wantHeaders(second);
        assertLogged(">> HEADERS stream=3 flags=END_STREAM|END_HEADERS length=", "\n    :path: /two");
        assertFalse(lines.stream().anyMatch(l -> l.contains("/one")), "the first request went unlogged: " + lines);
    }

    @Test
    void controlFramesShowTheirFields() {
        BlockBuffer out = new BlockBuffer();
        FrameWriter.rstStream(out, 5, ErrorCode.CANCEL);
        assertEquals(">> RST_STREAM stream=5 flags=- length=4 error=CANCEL", describeOnly(out));
        FrameWriter.windowUpdate(out, 0, 1000);
        assertEquals("<< WINDOW_UPDATE stream=0 flags=- length=4 increment=1000",
                FrameLog.describe(FrameLog.RECEIVED, out.array(), 0, null));
        out.setLength(0);
        FrameWriter.ping(out, true, 0x0102030405060708L);
        assertEquals(">> PING stream=0 flags=ACK length=8 payload=0102030405060708", describeOnly(out));
        out.setLength(0);
        FrameWriter.goAway(out, 7, ErrorCode.PROTOCOL_ERROR, "a\nb".getBytes(StandardCharsets.US_ASCII));
        assertEquals(">> GOAWAY stream=0 flags=- length=11 last-stream=7 error=PROTOCOL_ERROR debug=\"a.b\"", describeOnly(out));
        out.setLength(0);
        FrameWriter.paddedData(out, 3, true, new byte[4], 0, 4, 2);
        assertEquals(">> DATA stream=3 flags=END_STREAM|PADDED length=7 padding=2", describeOnly(out));
    }

    private static String describeOnly(BlockBuffer out) {
        String s = FrameLog.describe(FrameLog.SENT, out.array(), 0, null);
        out.setLength(0);
        return s;
    }

    /** Some logged frame starts with {@code start} and contains every one of {@code parts}. */
    private void assertLogged(String start, String... parts) {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(start) && List.of(parts).stream().allMatch(l::contains)),
                () -> "no frame logged as " + start + " ... " + List.of(parts) + " in:\n" + String.join("\n", lines));
    }
}
