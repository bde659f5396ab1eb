package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;
import static hyper.impl.http2.PushDeliveryTest.only;
import static hyper.impl.http2.PushDeliveryTest.paths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.ErrorCode;
import hyper.api.Http2Push;
import hyper.api.Response;
import hyper.api.StreamResetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protocol rules of server push (RFC 9113 §5.1, §5.1.1, §6.5.2, §6.6, §8.4): where a PUSH_PROMISE may arrive
 * and what it may promise (connection errors), which promised requests are refused (RST_STREAM on the promised
 * stream), the limit on outstanding pushes, and flow control of pushed data.
 */
class PushRulesTest extends PeerTestBase {

    // ================= where a promise may come: connection errors =================

    @Test
    void aPromiseAfterTheServerAcknowledgedEnablePushZeroIsProtocolError() throws Exception {
        connectAndHandshake(); // push disabled by default, and the peer's SETTINGS ACK came first
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/x"));
        assertTrue(peer.wantGoAway(ErrorCode.PROTOCOL_ERROR).contains("SETTINGS_ENABLE_PUSH=0"));
    }

    @Test
    void aPromiseBeforeTheServerAcknowledgedEnablePushZeroIsDeclinedWithCancel() throws Exception {
        connect();
        peer.acceptPreface();
        peer.writeSettingsFrame(); // no ACK of ours yet: the server may not have seen ENABLE_PUSH=0 (§6.5.2)
        peer.wantSettingsAck();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/early"));
        peer.wantRstStream(2, ErrorCode.CANCEL);
        peer.writeSettingsAck();
        peer.writePushPromise(id, 4, promise("/late"));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void aPromiseOnARequestStreamThatEndedIsProtocolError() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "200");
        peer.writePushPromise(id, 2, promise("/too-late"));
        assertTrue(peer.wantGoAway(ErrorCode.PROTOCOL_ERROR).contains("closed stream"));
    }

    @Test
    void aPromiseAfterEndStreamWhileWeStillSendIsProtocolError() throws Exception {
        connectWithPush(options());
        int id = client.putRequest("POST", "/upload");
        client.endHeaders(id, Body.empty(), false); // our side stays open
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "200");
        peer.writePushPromise(id, 2, promise("/too-late"));
        assertTrue(peer.wantGoAway(ErrorCode.PROTOCOL_ERROR).contains("after its END_STREAM"));
    }

    @Test
    void aPromiseOnARequestStreamTheServerResetIsProtocolError() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeRstStream(id, ErrorCode.INTERNAL_ERROR);
        peer.writePushPromise(id, 2, promise("/x"));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void aPromiseOnAnIdleStreamIsProtocolError() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id + 2, 2, promise("/x")); // a stream we never opened
        assertTrue(peer.wantGoAway(ErrorCode.PROTOCOL_ERROR).contains("idle stream"));
    }

    @Test
    void aPromiseOnAPushedStreamIsProtocolError() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/a"));
        peer.writeHeaders(2, ":status", "200");
        peer.writePushPromise(2, 4, promise("/b")); // only requests carry promises (§8.4)
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void aPromiseOnARequestWeResetIsDeclinedWithCancel() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.pingAndWantPong();
        client.getResponse(id).close();
        peer.wantRstStream(id, ErrorCode.CANCEL);
        peer.writePushPromise(id, 2, promise("/sent-before-our-reset")); // §6.6: still reserves stream 2
        peer.wantRstStream(2, ErrorCode.CANCEL);
        peer.writeHeaders(2, ":status", "200"); // in flight: ignored
        assertConnectionStillWorks();
    }

    @ParameterizedTest(name = "promised stream {0}")
    @ValueSource(ints = {0, 3})
    void aPromisedStreamIdThatIsZeroOrOddIsProtocolError(int promised) throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, promised, promise("/x"));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void promisedStreamIdsMustIncrease() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 4, promise("/four"));
        peer.writePushPromise(id, 2, promise("/two")); // no longer idle once 4 was used (§5.1.1)
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void dataOnAPromisedStreamBeforeItsHeadersIsProtocolError() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/x"));
        peer.writeData(2, true, "no headers yet");
        assertTrue(peer.wantGoAway(ErrorCode.PROTOCOL_ERROR).contains("reserved"));
    }

    @Test
    void ourGoAwayNamesTheLastStreamTheServerPromised() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/accepted"));
        peer.writePushPromise(id, 4, ":method", "POST", ":scheme", "http", ":authority", authority(), ":path", "/refused");
        peer.wantRstStream(4, ErrorCode.PROTOCOL_ERROR);
        client.close();
        ScriptedPeer.Frame goAway = peer.want(TYPE_GOAWAY, 0);
        assertEquals(4, readInt(goAway.payload(), 0), "last-stream-id covers every promise we acted on (§6.8)");
    }

    @Test
    void theServersGoAwayLeavesPushedStreamsAlone() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/pushed"));
        peer.writeGoAway(id, ErrorCode.NO_ERROR, "");
        peer.writeHeadersEndStream(id, ":status", "200");
        peer.writeHeaders(2, ":status", "200");
        peer.writeData(2, true, "still delivered");
        assertEquals(200, client.getResponse(id).status());
        Response pushed = only(client.getPushes(id)).getResponse();
        assertEquals("still delivered", new String(pushed.read(), StandardCharsets.UTF_8));
    }

    // ================= what may be promised: RST_STREAM on the promised stream =================

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "POST, not safe",
        "PUT, not safe",
        "DELETE, not safe",
        "OPTIONS, safe but not cacheable",
        "TRACE, safe but not cacheable",
    })
    void aPromiseOfARequestThatIsNotSafeAndCacheableIsRefused(String method, String why) throws Exception {
        assertRefused(ErrorCode.PROTOCOL_ERROR, ":method", method, ":scheme", "http", ":authority", authority(), ":path", "/x");
    }

    @Test
    void aPromisedRequestWithContentIsRefused() throws Exception {
        assertRefused(ErrorCode.PROTOCOL_ERROR, ":method", "GET", ":scheme", "http", ":authority", authority(), ":path", "/x",
                "content-length", "5");
    }

    @Test
    void aPromisedRequestWithoutPathOrAuthorityOrWithAStatusIsRefused() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, ":method", "GET", ":scheme", "http", ":authority", authority());
        peer.wantRstStream(2, ErrorCode.PROTOCOL_ERROR);
        peer.writePushPromise(id, 4, ":method", "GET", ":scheme", "http", ":path", "/no-authority");
        peer.wantRstStream(4, ErrorCode.PROTOCOL_ERROR);
        peer.writePushPromise(id, 6, ":status", "200", ":method", "GET", ":scheme", "http", ":authority", authority(), ":path", "/");
        peer.wantRstStream(6, ErrorCode.PROTOCOL_ERROR);
        peer.writePushPromise(id, 8, ":method", "GET", "accept", "*/*", ":scheme", "http", ":authority", authority(), ":path", "/");
        peer.wantRstStream(8, ErrorCode.PROTOCOL_ERROR);
        peer.writePushPromise(id, 10, promise("/fine"));
        peer.writeHeadersEndStream(id, ":status", "200");
        client.getResponse(id);
        assertEquals(List.of("/fine"), paths(client.getPushes(id)), "refused promises never reach the application");
    }

    /** Over h2c only the host and port we dialed are authoritative (RFC 9110 §4.3.2); the scheme must be http. */
    @ParameterizedTest(name = "{0}://{1}")
    @CsvSource({
        "http, example.com",
        "http, localhost:PORT",
        "http, 127.0.0.1:1",
        "http, 127.0.0.1",
        "https, 127.0.0.1:PORT",
        "http, user@127.0.0.1:PORT",
        "http, 127.0.0.1:99999",
    })
    void aPromiseForAnAuthorityThisConnectionDoesNotServeIsRefused(String scheme, String authority) throws Exception {
        String a = authority.replace("PORT", Integer.toString(peer.port()));
        assertRefused(ErrorCode.PROTOCOL_ERROR, ":method", "GET", ":scheme", scheme, ":authority", a, ":path", "/x");
    }

    @Test
    void aPromiseTooLargeForOurHeaderListLimitResetsOnlyThePromisedStream() throws Exception {
        connectWithPush(options().maxHeaderListSize(300));
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, ":method", "GET", ":scheme", "http", ":authority", authority(), ":path", "/x",
                "x-huge", "v".repeat(400));
        peer.wantRstStream(2, ErrorCode.PROTOCOL_ERROR);
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, client.getResponse(id).status(), "the request the promise came on is unharmed");
        assertEquals(List.of(), paths(client.getPushes(id)));
        peer.pingAndWantPong();
    }

    // ================= the limit =================

    @Test
    void pushesBeyondTheLimitAreRefusedUntilOneIsTakenAndFinished() throws Exception {
        connectWithPush(options().maxPushedStreams(2));
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/a"));
        peer.writePushPromise(id, 4, promise("/b"));
        peer.writeHeadersEndStream(2, ":status", "204"); // finished, but not taken yet: still outstanding
        peer.writePushPromise(id, 6, promise("/c"));
        peer.wantRstStream(6, ErrorCode.REFUSED_STREAM);

        List<Http2Push> taken = new ArrayList<>();
        client.getPushes(id).forEach(taken::add); // /a is taken and finished: no longer outstanding; /b is open
        assertEquals(List.of("/a", "/b"), taken.stream().map(Http2Push::path).toList());
        peer.writePushPromise(id, 8, promise("/d"));
        peer.writePushPromise(id, 10, promise("/e"));
        peer.wantRstStream(10, ErrorCode.REFUSED_STREAM);

        taken.get(1).cancel(); // ends /b from our side
        peer.wantRstStream(4, ErrorCode.CANCEL);
        peer.writePushPromise(id, 12, promise("/f"));
        peer.writeHeadersEndStream(id, ":status", "200");
        client.getResponse(id);
        assertEquals(List.of("/d", "/f"), paths(client.getPushes(id)));
        peer.pingAndWantPong(); // nothing else was refused
        peer.writeHeadersEndStream(8, ":status", "204");
        peer.writeRstStream(12, ErrorCode.CANCEL);
        peer.pingAndWantPong();
        assertEquals(0, client.pushes.outstanding(), "every push taken and closed: nothing counts any more");
    }

    @Test
    void aPushTheServerResetsStopsCountingOnceTaken() throws Exception {
        connectWithPush(options().maxPushedStreams(1));
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/a"));
        peer.writeRstStream(2, ErrorCode.CANCEL); // the server changed its mind
        peer.pingAndWantPong();
        assertEquals(1, client.pushes.outstanding(), "reset, but not taken yet");
        Http2Push a = only(client.getPushes(id));
        assertEquals(0, client.pushes.outstanding(), "taken and closed");
        assertEquals(ErrorCode.CANCEL, assertThrows(StreamResetException.class, a::getResponse).errorCode());
        peer.writePushPromise(id, 4, promise("/b"));
        peer.writeHeadersEndStream(id, ":status", "200");
        client.getResponse(id);
        assertEquals(List.of("/b"), paths(client.getPushes(id)));
        peer.pingAndWantPong();
    }

    // ================= flow control =================

    @Test
    void pushedDataIsCreditedToTheConnectionOnArrivalAndToItsStreamAsTheApplicationReads() throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/big"));
        peer.writeHeaders(2, ":status", "200");
        byte[] chunk = new byte[12_000];
        for (int i = 0; i < 5; i++) {
            peer.writeData(2, false, chunk); // 60,000 of the 65,535 octets of both windows
        }
        assertEquals(60_000, peer.wantWindowUpdate(0), "the connection window is refilled as data arrives");
        peer.pingAndWantPong();
        assertTrue(peer.skipped().stream().noneMatch(f -> f.type() == TYPE_WINDOW_UPDATE && f.streamId() == 2),
                "no stream credit before the application reads");
        peer.writeHeadersEndStream(id, ":status", "200");
        Response pushed = only(client.getPushes(id)).getResponse();
        int read = 0;
        while (read < 60_000) {
            read += pushed.read(60_000 - read).length;
        }
        assertEquals(60_000, peer.wantWindowUpdate(2), "stream credit once read");
    }

    @Test
    void pushedDataBeyondThePromisedStreamsWindowIsFlowControlError() throws Exception {
        connectWithPush(options().connectionWindowSize(1 << 20));
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, promise("/too-much"));
        peer.writeHeaders(2, ":status", "200");
        for (int i = 0; i < 4; i++) {
            peer.writeData(2, false, new byte[16_384]); // 65,536: one octet over the stream's window
        }
        peer.wantRstStream(2, ErrorCode.FLOW_CONTROL_ERROR);
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, client.getResponse(id).status());
        peer.pingAndWantPong();
    }

    // ================= helpers =================

    private void assertRefused(ErrorCode code, String... fields) throws Exception {
        connectWithPush(options());
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writePushPromise(id, 2, fields);
        peer.wantRstStream(2, code);
        peer.writeHeaders(2, ":status", "200"); // already in flight when our RST_STREAM went out: ignored
        peer.writeData(2, true, "ignored");
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, client.getResponse(id).status());
        assertEquals(List.of(), paths(client.getPushes(id)), "the application never sees a refused promise");
        peer.pingAndWantPong();
    }

    private void connectWithPush(ConnectionOptions.Builder options) throws IOException {
        connect(options.enablePush(true));
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
    }

    private void assertConnectionStillWorks() throws Exception {
        int id = client.request("GET", "/still-alive");
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, client.getResponse(id).status());
        peer.pingAndWantPong();
    }

    private String authority() {
        return "127.0.0.1:" + peer.port();
    }

    private String[] promise(String path) {
        return new String[] {":method", "GET", ":scheme", "http", ":authority", authority(), ":path", path};
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0x7f) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }
}
