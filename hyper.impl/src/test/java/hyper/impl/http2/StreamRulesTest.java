package hyper.impl.http2;

import static hyper.impl.http2.Frames.bytes;
import static hyper.impl.http2.Frames.concat;
import static hyper.impl.http2.Frames.frame;
import static hyper.impl.http2.Frames.int32;
import static hyper.impl.http2.Http2.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionException;
import hyper.api.ErrorCode;
import hyper.api.HyperTimeoutException;
import hyper.api.ProtocolException;
import hyper.api.Response;
import hyper.api.StreamResetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Frame and stream-state rules (RFC 9113 §4–§6, §8): TESTING.md scenarios 2–11, 20, 21, 26, 29, 30.
 * Each test scripts the peer top to bottom and ends, when the connection survives, with a PING barrier.
 */
class StreamRulesTest extends PeerTestBase {

    @Test
    void scenario02_unknownTypesFlagsAndTheReservedBitAreIgnored() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeFrame(0xfa, 0xff, 0, bytes(1, 2, 3));
        peer.writeFrame(0xfb, 0, id, bytes(4));
        peer.writeFrame(TYPE_HEADERS, FLAG_END_HEADERS | 0xc0, id, LiteralHpack.encode(":status", "200"));
        peer.writeRaw(frame(TYPE_DATA, FLAG_END_STREAM | 0x70, 0x80000000 | id, "ok".getBytes(StandardCharsets.UTF_8)));
        assertEquals("ok", new String(client.getResponse(id).read(), StandardCharsets.UTF_8));
        peer.pingAndWantPong();
    }

    @Test
    void scenario03_frameLargerThanOurMaxFrameSizeIsFrameSizeError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, false, new byte[16_385]);
        peer.wantGoAway(ErrorCode.FRAME_SIZE_ERROR);
        Response r = client.getResponse(id);
        ConnectionException e = assertThrows(ConnectionException.class, r::read);
        assertEquals(ErrorCode.FRAME_SIZE_ERROR, e.errorCode());
    }

    @Test
    void scenario04_corruptHeaderBlockIsCompressionError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeFrame(TYPE_HEADERS, FLAG_END_HEADERS, id, bytes(0xbf)); // indexed field 63: in no table
        peer.wantGoAway(ErrorCode.COMPRESSION_ERROR);
        ConnectionException e = assertThrows(ConnectionException.class, () -> client.getResponse(id));
        assertEquals(ErrorCode.COMPRESSION_ERROR, e.errorCode());
    }

    @Test
    void scenario05_dataBeforeHeadersIsStreamProtocolError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeData(id, false, "too early");
        peer.wantRstStream(id, ErrorCode.PROTOCOL_ERROR);
        ProtocolException e = assertThrows(ProtocolException.class, () -> client.getResponse(id));
        assertTrue(e.getMessage().contains("before the response headers"), e.getMessage());
        assertConnectionStillWorks();
    }

    @Test
    void scenario06_dataOnAnIdleStreamIsConnectionProtocolError() throws Exception {
        connectAndHandshake();
        peer.writeData(3, false, "nobody asked");
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
        assertThrows(ConnectionException.class, () -> client.request("GET", "/"));
    }

    @Test
    void scenario06_headersOnAnEvenStreamWithoutPushIsConnectionProtocolError() throws Exception {
        connectAndHandshake();
        peer.writeHeaders(2, ":status", "200");
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario07_dataAfterEndStreamIsStreamClosed() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "200");
        peer.writeData(id, false, "late");
        peer.wantGoAway(ErrorCode.STREAM_CLOSED);
        assertEquals(200, client.getResponse(id).status(), "the complete response stays readable");
    }

    @Test
    void scenario07_headersAfterEndStreamIsStreamClosed() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, true, "done");
        peer.writeHeadersEndStream(id, "x-late", "1");
        peer.wantGoAway(ErrorCode.STREAM_CLOSED);
    }

    @Test
    void scenario07_dataAfterEndStreamWhileWeStillSendIsAStreamError() throws Exception {
        connectAndHandshake();
        int id = client.putRequest("POST", "/upload");
        client.endHeaders(id, Body.empty(), false); // our side stays open: half-closed (remote) after the response
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "200");
        peer.writeData(id, false, "late");
        peer.wantRstStream(id, ErrorCode.STREAM_CLOSED);
        assertConnectionStillWorks();
    }

    @Test
    void scenario08_rstStreamMidBodyFailsThatStreamOnly() throws Exception {
        connectAndHandshake();
        int one = client.request("GET", "/one");
        int two = client.request("GET", "/two");
        peer.wantHeaders(one);
        peer.wantHeaders(two);
        peer.writeHeaders(one, ":status", "200");
        peer.writeHeaders(two, ":status", "200");
        peer.writeData(one, false, "half of");
        peer.writeData(two, false, "all ");
        peer.writeRstStream(one, ErrorCode.INTERNAL_ERROR);
        peer.writeData(two, true, "of it");
        StreamResetException e = assertThrows(StreamResetException.class, () -> client.getResponse(one).read());
        assertEquals(ErrorCode.INTERNAL_ERROR, e.errorCode());
        assertTrue(e.isRemote());
        assertFalse(e.isNotProcessed());
        assertEquals("all of it", new String(client.getResponse(two).read(), StandardCharsets.UTF_8));
        peer.pingAndWantPong();
    }

    @Test
    void scenario09_refusedStreamIsSafeToRetry() throws Exception {
        connectAndHandshake();
        int id = client.request("POST", "/", Body.of("x"), java.util.Map.of());
        peer.wantHeaders(id);
        peer.wantData(id);
        peer.writeRstStream(id, ErrorCode.REFUSED_STREAM);
        StreamResetException e = assertThrows(StreamResetException.class, () -> client.getResponse(id));
        assertTrue(e.isNotProcessed(), "REFUSED_STREAM means not processed (§8.7)");
        assertConnectionStillWorks();
    }

    @Test
    void scenario10_goAwayFailsStreamsAboveLastStreamIdAndFinishesTheRest() throws Exception {
        connectAndHandshake();
        int one = client.request("GET", "/1");
        int three = client.request("GET", "/3");
        int five = client.request("GET", "/5");
        peer.wantHeaders(one);
        peer.wantHeaders(three);
        peer.wantHeaders(five);
        peer.writeGoAway(three, ErrorCode.NO_ERROR, "");
        ConnectionException notProcessed = assertThrows(ConnectionException.class, () -> client.getResponse(five));
        assertTrue(notProcessed.isNotProcessed());
        assertTrue(notProcessed.isRemote());
        ConnectionException noNewStreams = assertThrows(ConnectionException.class, () -> client.request("GET", "/7"));
        assertTrue(noNewStreams.isNotProcessed());
        peer.writeHeadersEndStream(one, ":status", "200");
        peer.writeHeaders(three, ":status", "200");
        peer.writeData(three, true, "finished");
        assertEquals(200, client.getResponse(one).status());
        assertEquals("finished", new String(client.getResponse(three).read(), StandardCharsets.UTF_8));
    }

    @Test
    void scenario11_loweredMaxConcurrentStreamsMakesNewRequestsWait() throws Exception {
        connectAndHandshake();
        peer.writeSettingsFrame(SETTINGS_MAX_CONCURRENT_STREAMS, 1);
        peer.wantSettingsAck();
        int first = client.request("GET", "/1");
        peer.wantHeaders(first);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
            try {
                return client.request("GET", "/2");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        peer.pingAndWantPong(); // no HEADERS for a second stream while the first holds the only slot
        assertFalse(second.isDone());
        peer.writeHeadersEndStream(first, ":status", "200");
        peer.wantHeaders(3);
        assertEquals(3, second.get(5, TimeUnit.SECONDS));
    }

    @Test
    void scenario11_beforeTheServerSettingsArriveAtMost100StreamsAreOpened() throws Exception {
        connect();
        peer.acceptPreface();
        for (int i = 0; i < 100; i++) {
            client.request("GET", "/" + i);
        }
        CompletableFuture<Integer> extra = CompletableFuture.supplyAsync(() -> {
            try {
                return client.request("GET", "/one-more");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        for (int i = 0; i < 100; i++) {
            peer.wantHeaders(1 + 2 * i);
        }
        assertFalse(extra.isDone(), "the 101st stream waits for the server's SETTINGS");
        peer.writeSettings(); // no MAX_CONCURRENT_STREAMS: unlimited
        peer.wantHeaders(201);
        assertEquals(201, extra.get(5, TimeUnit.SECONDS));
    }

    @Test
    void scenario11_waitingForAStreamSlotIsBounded() throws Exception {
        connect(options().streamSlotTimeout(Duration.ofMillis(200)));
        peer.acceptPreface();
        peer.writeSettings(SETTINGS_MAX_CONCURRENT_STREAMS, 1);
        peer.wantSettingsAck(); // applied from here on
        int first = client.request("GET", "/1");
        peer.wantHeaders(first);
        HyperTimeoutException e = assertThrows(HyperTimeoutException.class, () -> client.request("GET", "/2"));
        assertTrue(e.getMessage().contains("concurrent streams"), e.getMessage());
        peer.pingAndWantPong();
    }

    @Test
    void scenario20_pushPromiseWhilePushIsDisabledIsProtocolError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeFrame(TYPE_PUSH_PROMISE, FLAG_END_HEADERS, id, concat(int32(2), LiteralHpack.encode(":method", "GET", ":path", "/x")));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario20_aPromiseOfAnOddStreamIsProtocolError() throws Exception {
        connect(options().enablePush(true));
        peer.acceptPreface();
        peer.writeSettings();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeFrame(TYPE_PUSH_PROMISE, FLAG_END_HEADERS, id, concat(int32(3), LiteralHpack.encode(":path", "/x")));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario21_continuationOnAnotherStreamIsProtocolError() throws Exception {
        connectAndHandshake();
        int one = client.request("GET", "/1");
        int three = client.request("GET", "/3");
        peer.wantHeaders(one);
        peer.wantHeaders(three);
        byte[] block = LiteralHpack.encode(":status", "200");
        peer.writeFrame(TYPE_HEADERS, 0, one, Arrays.copyOf(block, 4));
        peer.writeFrame(TYPE_CONTINUATION, FLAG_END_HEADERS, three, Arrays.copyOfRange(block, 4, block.length));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario21_continuationAfterEndHeadersIsProtocolError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeFrame(TYPE_CONTINUATION, FLAG_END_HEADERS, id, LiteralHpack.encode("x-more", "1"));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario21_framesInterleavedInAHeaderBlockAreProtocolError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        byte[] block = LiteralHpack.encode(":status", "200");
        peer.writeFrame(TYPE_HEADERS, 0, id, Arrays.copyOf(block, 4));
        peer.writePing(1);
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario21_headerBlockInContinuationsIsAssembled() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        byte[] block = LiteralHpack.encode(":status", "200", "x-a", "1");
        peer.writeFrame(TYPE_HEADERS, FLAG_END_STREAM, id, Arrays.copyOf(block, 3));
        peer.writeFrame(TYPE_CONTINUATION, 0, id, Arrays.copyOfRange(block, 3, 9));
        peer.writeFrame(TYPE_CONTINUATION, FLAG_END_HEADERS, id, Arrays.copyOfRange(block, 9, block.length));
        assertEquals("1", client.getResponse(id).headers().firstValue("x-a").orElseThrow());
        peer.pingAndWantPong();
    }

    @Test
    void scenario26_padLengthOfAtLeastThePayloadIsProtocolError() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeFrame(TYPE_DATA, FLAG_PADDED, id, bytes(3, 'a', 0));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    @Test
    void scenario26_paddingCountsTowardFlowControlAndIsCreditedOnArrival() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        byte[] padded = new byte[256];
        padded[0] = (byte) 254; // pad length: 1 octet of data, 254 of padding; 256 count against the windows
        padded[1] = 'x';
        for (int i = 0; i < 193; i++) {
            peer.writeFrame(TYPE_DATA, FLAG_PADDED, id, padded);
        }
        // 193 frames take the windows from 65,535 to 16,127, under a quarter. The connection window gets back all
        // it was charged, padding included, in one WINDOW_UPDATE; the stream window only the padding, which is
        // consumed on arrival, and not the unread data octets.
        assertEquals(193 * 256, peer.wantWindowUpdate(0));
        assertEquals(193 * 255, peer.wantWindowUpdate(id));
        assertEquals(193, client.getResponse(id).read(193).length);
    }

    @Test
    void scenario29_streamIdsNeverPass2To31Minus1() throws Exception {
        connectAndHandshake();
        client.setNextStreamIdForTest(Integer.MAX_VALUE);
        int last = client.request("GET", "/last");
        assertEquals(Integer.MAX_VALUE, last);
        peer.wantHeaders(last);
        ConnectionException e = assertThrows(ConnectionException.class, () -> client.request("GET", "/one-too-many"));
        assertTrue(e.isNotProcessed());
        assertTrue(e.getMessage().contains("new connection"), e.getMessage());
        peer.pingAndWantPong(); // and nothing was sent for it
    }

    @Test
    void scenario30_priorityIsValidatedAndIgnored() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeFrame(TYPE_PRIORITY, 0, id, concat(int32(0), bytes(15)));
        peer.writeFrame(TYPE_PRIORITY, 0, 9, concat(int32(id), bytes(15))); // idle streams may be prioritised
        peer.pingAndWantPong();
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, client.getResponse(id).status());
    }

    @Test
    void scenario30_priorityOfTheWrongLengthResetsItsStream() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeFrame(TYPE_PRIORITY, 0, id, bytes(0, 0, 0, 0));
        peer.wantRstStream(id, ErrorCode.FRAME_SIZE_ERROR);
        assertThrows(ProtocolException.class, () -> client.getResponse(id));
        assertConnectionStillWorks();
    }

    @Test
    void scenario30_priorityOnStreamZeroIsProtocolError() throws Exception {
        connectAndHandshake();
        peer.writeFrame(TYPE_PRIORITY, 0, 0, concat(int32(1), bytes(15)));
        peer.wantGoAway(ErrorCode.PROTOCOL_ERROR);
    }

    /** A new request completes: the connection survived what the test did. */
    private void assertConnectionStillWorks() throws Exception {
        int id = client.request("GET", "/still-alive");
        peer.wantHeaders(id);
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, client.getResponse(id).status());
        peer.pingAndWantPong();
    }
}
