package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionException;
import hyper.api.ErrorCode;
import hyper.api.HpackDecodingException;
import hyper.api.ProtocolException;
import hyper.api.Response;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a response may look like (RFC 9113 §8, §10.5.1): TESTING.md scenarios 22, 23, 24, 27, 28. */
class ResponseRulesTest extends PeerTestBase {

    @Test
    void scenario22_headersOverOurListLimitFailTheStreamButNotTheConnection() throws Exception {
        connect(options().maxHeaderListSize(200));
        peer.acceptPreface();
        peer.writeSettings();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200", "x-huge", "v".repeat(300));
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        HpackDecodingException e = assertThrows(HpackDecodingException.class, () -> client.getResponse(id));
        assertEquals(HpackDecodingException.Reason.HEADER_LIST_TOO_LARGE, e.reason());
        int next = client.request("GET", "/small");
        peer.wantHeaders(next);
        peer.writeHeadersEndStream(next, ":status", "200");
        assertEquals(200, client.getResponse(next).status());
    }

    static Stream<Arguments> malformedResponses() {
        return Stream.of(
                Arguments.of("missing :status", new String[] {"content-type", "text/plain"}),
                Arguments.of("duplicate :status", new String[] {":status", "200", ":status", "204"}),
                Arguments.of("uppercase name", new String[] {":status", "200", "Content-Type", "text/plain"}),
                Arguments.of("pseudo-header after a regular field", new String[] {"server", "x", ":status", "200"}),
                Arguments.of("request pseudo-header", new String[] {":status", "200", ":path", "/"}),
                Arguments.of("connection header", new String[] {":status", "200", "connection", "keep-alive"}),
                Arguments.of("transfer-encoding", new String[] {":status", "200", "transfer-encoding", "chunked"}),
                Arguments.of("keep-alive", new String[] {":status", "200", "keep-alive", "timeout=5"}),
                Arguments.of("upgrade", new String[] {":status", "200", "upgrade", "h2c"}),
                Arguments.of("bad status", new String[] {":status", "20x"}),
                Arguments.of("CR in a value", new String[] {":status", "200", "x-a", "1\r2"}),
                Arguments.of("whitespace around a value", new String[] {":status", "200", "x-a", " 1"}),
                Arguments.of("space in a name", new String[] {":status", "200", "x a", "1"}),
                Arguments.of("101", new String[] {":status", "101"}),
                Arguments.of("two content-lengths", new String[] {":status", "200", "content-length", "1", "content-length", "2"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void scenario23_malformedResponseHeadersAreStreamProtocolErrors(String what, String[] fields) throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, fields);
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        ProtocolException e = assertThrows(ProtocolException.class, () -> client.getResponse(id));
        assertTrue(e.getMessage().contains("malformed"), e.getMessage());
        peer.pingAndWantPong();
    }

    @Test
    void scenario23_pseudoHeaderInTrailersIsMalformed() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, false, "body");
        peer.writeHeadersEndStream(id, ":status", "200");
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        Response r = client.getResponse(id);
        assertThrows(ProtocolException.class, r::trailers);
    }

    @Test
    void scenario23_trailersWithoutEndStreamAreMalformed() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeHeaders(id, "x-trailer", "1");
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario24_interimResponsesAreSkipped() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "100");
        peer.writeHeaders(id, ":status", "103", "link", "</style.css>; rel=preload");
        peer.writeHeaders(id, ":status", "200", "content-type", "text/plain");
        peer.writeData(id, true, "final");
        Response r = client.getResponse(id);
        assertEquals(200, r.status());
        assertFalse(r.headers().contains("link"), "interim headers are not the response's");
        assertArrayEquals("final".getBytes(StandardCharsets.UTF_8), r.read());
    }

    @Test
    void scenario24_tooManyInterimResponsesIsAnError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        for (int i = 0; i <= Http2Stream.MAX_INFORMATIONAL; i++) {
            peer.writeHeaders(id, ":status", "100");
        }
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        assertThrows(ProtocolException.class, () -> client.getResponse(id));
    }

    @Test
    void scenario24_dataAfterAnInterimResponseIsProtocolError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "100");
        peer.writeData(id, true, "no final response yet");
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        assertThrows(ProtocolException.class, () -> client.getResponse(id));
    }

    @Test
    void scenario24_interimResponseEndingTheStreamIsMalformed() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "103");
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario27_lessDataThanContentLengthIsMalformed() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200", "content-length", "10");
        peer.writeData(id, true, "short");
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        Response r = client.getResponse(id);
        ProtocolException e = assertThrows(ProtocolException.class, r::read);
        assertTrue(e.getMessage().contains("content-length"), e.getMessage());
    }

    @Test
    void scenario27_moreDataThanContentLengthIsMalformed() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200", "content-length", "3");
        peer.writeData(id, false, "four");
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        Response r = client.getResponse(id);
        assertThrows(ProtocolException.class, r::read);
    }

    @Test
    void scenario27_headResponsesMayAnnounceALengthWithoutData() throws Exception {
        connectAndHandshake();
        int id = client.request("HEAD", "/");
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "200", "content-length", "1234");
        Response r = client.getResponse(id);
        assertEquals(0, r.read().length);
        peer.pingAndWantPong();
    }

    @Test
    void scenario28_goAwayCodeAndDebugDataReachTheCaller() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeGoAway(0, ErrorCode.ENHANCE_YOUR_CALM, "too many requests");
        ConnectionException e = assertThrows(ConnectionException.class, () -> client.getResponse(id));
        assertEquals(ErrorCode.ENHANCE_YOUR_CALM, e.errorCode());
        assertEquals("too many requests", e.debugText());
        assertTrue(e.isRemote());
        assertTrue(e.isNotProcessed());
    }

    @Test
    void scenario28_streamsCutOffAfterGoAwayCarryItsCodeAndDebugData() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeGoAway(id, ErrorCode.INTERNAL_ERROR, "shutting down");
        peer.pingAndWantPong();
        peer.closeConnection();
        Response r = client.getResponse(id);
        ConnectionException e = assertThrows(ConnectionException.class, r::read);
        assertEquals(ErrorCode.INTERNAL_ERROR, e.errorCode());
        assertEquals("shutting down", e.debugText());
        assertFalse(e.isNotProcessed(), "the stream was at or below last-stream-id: it may have been processed");
    }
}
