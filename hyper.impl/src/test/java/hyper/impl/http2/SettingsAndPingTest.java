package hyper.impl.http2;

import static hyper.impl.http2.Frames.bytes;
import static hyper.impl.http2.Frames.setting;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionException;
import hyper.api.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The preface, SETTINGS and PING rules (RFC 9113 §3.4, §6.5, §6.7): TESTING.md scenarios 1, 15, 16, 18. */
class SettingsAndPingTest extends PeerTestBase {

    @Test
    void clientPrefaceCarriesOurSettings() throws Exception {
        connect(options().maxHeaderListSize(12_345).initialWindowSize(1 << 20));
        ScriptedPeer.Frame settings = peer.acceptPreface();
        Settings s = parse(settings.payload());
        assertEquals(0, s.get(SETTINGS_ENABLE_PUSH, -1), "push is off unless asked for");
        assertEquals(12_345, s.get(SETTINGS_MAX_HEADER_LIST_SIZE, -1));
        assertEquals(1 << 20, s.get(SETTINGS_INITIAL_WINDOW_SIZE, -1));
    }

    @Test
    void scenario01_serverPrefaceThatIsNotSettingsIsProtocolError() throws Exception {
        connect();
        peer.acceptPreface();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePing(7);
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
        ConnectionException e = assertThrows(ConnectionException.class, () -> client.getResponse(id));
        assertEquals(ErrorCode.PROTOCOL_ERROR, e.errorCode());
        assertTrue(e.getMessage().contains("SETTINGS"), e.getMessage());
    }

    @ParameterizedTest(name = "setting {0}={1} -> {2}")
    @CsvSource({
        "5, 0, PROTOCOL_ERROR",            // MAX_FRAME_SIZE=0 must not hang
        "5, 16383, PROTOCOL_ERROR",
        "5, 16777216, PROTOCOL_ERROR",
        "2, 2, PROTOCOL_ERROR",            // ENABLE_PUSH > 1
        "2, 1, PROTOCOL_ERROR",            // a server may not enable push
        "4, 2147483648, FLOW_CONTROL_ERROR" // INITIAL_WINDOW_SIZE > 2^31-1
    })
    void scenario15_settingsOutOfRangeAreConnectionErrors(int id, long value, ErrorCode expected) throws Exception {
        connect();
        peer.acceptPreface();
        peer.writeSettings(id, value);
        peer.wantGoAway(expected);
        peer.wantEof();
    }

    @Test
    void scenario15_settingsAtTheEdgesOfTheirRangesAreAccepted() throws Exception {
        connect();
        peer.acceptPreface();
        peer.writeSettings(SETTINGS_MAX_FRAME_SIZE, (1 << 24) - 1, SETTINGS_INITIAL_WINDOW_SIZE, (1L << 31) - 1,
                SETTINGS_ENABLE_PUSH, 0, SETTINGS_MAX_CONCURRENT_STREAMS, 0xffffffffL, 0x99, 1);
        peer.wantSettingsAck();
        peer.pingAndWantPong();
    }

    @Test
    void scenario16_settingsAckWithPayloadIsFrameSizeError() throws Exception {
        connectAndHandshake();
        peer.writeFrame(TYPE_SETTINGS, FLAG_ACK, 0, setting(SETTINGS_ENABLE_PUSH, 0));
        peer.wantGoAway(ErrorCode.FRAME_SIZE_ERROR);
    }

    @Test
    void scenario16_settingsOnAStreamIsProtocolError() throws Exception {
        connectAndHandshake();
        peer.writeFrame(TYPE_SETTINGS, 0, 1, setting(SETTINGS_ENABLE_PUSH, 0));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario16_settingsLengthNotAMultipleOfSixIsFrameSizeError() throws Exception {
        connectAndHandshake();
        peer.writeFrame(TYPE_SETTINGS, 0, 0, bytes(0, 4, 0, 0, 1));
        peer.wantGoAway(ErrorCode.FRAME_SIZE_ERROR);
    }

    @Test
    void scenario16_everyValidSettingsFrameIsAcknowledged() throws Exception {
        connect();
        peer.acceptPreface();
        peer.writeSettingsFrame();
        peer.wantSettingsAck();
        peer.writeSettingsFrame(SETTINGS_MAX_CONCURRENT_STREAMS, 10);
        peer.wantSettingsAck();
        peer.writeSettingsFrame(SETTINGS_INITIAL_WINDOW_SIZE, 1000, SETTINGS_MAX_FRAME_SIZE, 20_000);
        peer.wantSettingsAck();
    }

    @Test
    void scenario17_headerTableSizeZeroEmptiesTheEncoderTableAndSignalsIt() throws Exception {
        connectAndHandshake();
        int first = client.request("GET", "/", Body.empty(), Map.of("x-custom", "indexed-by-now"));
        peer.wantHeaders(first);
        assertTrue(client.encoderTableSize() > 0, "the first request filled the encoder's dynamic table");
        peer.writeSettingsFrame(SETTINGS_HEADER_TABLE_SIZE, 0);
        peer.wantSettingsAck();
        int second = client.request("GET", "/", Body.empty(), Map.of("x-custom", "indexed-by-now"));
        ScriptedPeer.Headers h = peer.wantHeaders(second);
        assertEquals(0x20, h.block()[0] & 0xff, "the block starts with a dynamic table size update to 0 (RFC 7541 §6.3)");
        assertEquals("indexed-by-now", h.get("x-custom"));
        assertEquals(0, client.encoderTableSize(), "nothing may be indexed in a table of size 0");
    }

    @Test
    void ourSmallerHeaderTableSizeAppliesOnlyOnceAcknowledged() throws Exception {
        connect(options().headerTableSize(0));
        peer.acceptPreface();
        peer.writeSettingsFrame(); // the server's SETTINGS, but no ACK of ours yet
        int first = client.request("GET", "/");
        peer.wantHeaders(first);
        // before the ACK the server may still index into the default 4,096-octet table (RFC 7541 §4.2)
        byte[] indexed = Frames.concat(LiteralHpack.encode(":status", "200"), Frames.bytes(0x40, 3, 'x', '-', 'a', 1, '1'));
        peer.writeFrame(TYPE_HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, first, indexed);
        assertEquals("1", client.getResponse(first).headers().firstValue("x-a").orElseThrow());
        peer.writeSettingsAck();
        int second = client.request("GET", "/");
        peer.wantHeaders(second);
        // now the table must shrink to 0, so a block must start with that size update: this one does not
        peer.writeHeadersEndStream(second, ":status", "200");
        peer.wantGoAway(ErrorCode.COMPRESSION_ERROR);
    }

    @Test
    void scenario18_pingIsEchoedWithTheSamePayload() throws Exception {
        connectAndHandshake();
        peer.writePing(0x0102030405060708L);
        peer.wantPingAck(0x0102030405060708L);
    }

    @Test
    void scenario18_pingAckIsNeverAnswered() throws Exception {
        connectAndHandshake();
        peer.writeFrame(TYPE_PING, FLAG_ACK, 0, new byte[8]);
        peer.pingAndWantPong(); // an answer to the ACK would arrive first and carry the wrong payload
    }

    @Test
    void scenario18_pingOnAStreamIsProtocolError() throws Exception {
        connectAndHandshake();
        peer.writeFrame(TYPE_PING, 0, 1, new byte[8]);
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario18_pingOfTheWrongLengthIsFrameSizeError() throws Exception {
        connectAndHandshake();
        peer.writeFrame(TYPE_PING, 0, 0, new byte[7]);
        peer.wantGoAway(ErrorCode.FRAME_SIZE_ERROR);
    }

    private static Settings parse(byte[] payload) {
        Settings s = new Settings();
        for (int i = 0; i < payload.length; i += 6) {
            int id = (payload[i] & 0xff) << 8 | (payload[i + 1] & 0xff);
            int value = (payload[i + 2] & 0xff) << 24 | (payload[i + 3] & 0xff) << 16 | (payload[i + 4] & 0xff) << 8 | (payload[i + 5] & 0xff);
            s.set(id, value);
        }
        return s;
    }
}
