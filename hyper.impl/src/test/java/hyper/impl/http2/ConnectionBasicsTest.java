package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ErrorCode;
import hyper.api.HeaderMap;
import hyper.api.HyperException;
import hyper.api.Response;
import hyper.api.spi.HuffmanPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ordinary life of a connection against the scripted peer: requests, responses, bodies, close. */
class ConnectionBasicsTest extends PeerTestBase {

    @Test
    void getWithResponseBody() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/index.html?q=1", Body.empty(), Map.of("accept", "text/plain", "Connection", "close"));
        assertEquals(1, id);

        ScriptedPeer.Headers h = peer.wantHeaders(1);
        assertTrue(h.endStream());
        assertEquals("GET", h.get(":method"));
        assertEquals("http", h.get(":scheme"));
        assertEquals("127.0.0.1:" + peer.port(), h.get(":authority"));
        assertEquals("/index.html?q=1", h.get(":path"));
        assertEquals("text/plain", h.get("accept"));
        assertEquals(null, h.get("connection"), "Connection is stripped (seed §6.1.2)");
        assertEquals(":method", h.fields().get(0)[0], "pseudo-headers come first (§8.3)");

        peer.writeHeaders(1, ":status", "200", "content-type", "text/plain");
        peer.writeData(1, false, "hello, ");
        peer.writeData(1, true, "world");
        Response r = client.getResponse(1);
        assertEquals(200, r.status());
        assertEquals("", r.reason());
        assertEquals("text/plain", r.headers().firstValue("content-type").orElseThrow());
        assertFalse(r.headers().contains(":status"), "pseudo-headers are not response headers");
        assertEquals("hello, world", new String(r.read(), StandardCharsets.UTF_8));
        peer.pingAndWantPong();
    }

    @Test
    void theHuffmanOptionReachesTheConnectionsEncoder() throws Exception {
        String value = "a".repeat(40); // 40 raw octets; 25 Huffman-coded
        connect(options().hpackHuffman(HuffmanPolicy.NEVER));
        peer.acceptPreface();
        peer.writeSettings();
        peer.wantSettingsAck();
        client.request("GET", "/", Body.empty(), Map.of("x-policy", value));
        ScriptedPeer.Headers h = peer.wantHeaders(1);
        assertEquals(value, h.get("x-policy"));
        assertTrue(contains(h.block(), ("x-policy").getBytes(StandardCharsets.US_ASCII)), "name sent raw");
        assertTrue(contains(h.block(), value.getBytes(StandardCharsets.US_ASCII)), "value sent raw");
    }

    @Test
    void byDefaultTheConnectionHuffmanCodesWhatGetsShorter() throws Exception {
        String value = "a".repeat(40);
        connectAndHandshake();
        client.request("GET", "/", Body.empty(), Map.of("x-policy", value));
        ScriptedPeer.Headers h = peer.wantHeaders(1);
        assertEquals(value, h.get("x-policy"));
        assertFalse(contains(h.block(), value.getBytes(StandardCharsets.US_ASCII)), "value Huffman-coded");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void postSendsContentLengthAndBodyInOneGo() throws Exception {
        connectAndHandshake();
        int id = client.request("POST", "/post", Body.of("hello"), new HeaderMap());
        ScriptedPeer.Headers h = peer.wantHeaders(id);
        assertFalse(h.endStream());
        assertEquals("5", h.get("content-length"));
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), peer.wantBody(id));
        peer.writeHeadersEndStream(id, ":status", "204");
        assertEquals(204, client.getResponse(id).status());
    }

    @Test
    void streamIdsAreOddAndIncreasingAndResponsesMatchTheirRequests() throws Exception {
        connectAndHandshake();
        int first = client.request("GET", "/get", Body.empty(), Map.of("key", "value"));
        int second = client.request("POST", "/post", Body.of("hello"), Map.of());
        int third = client.request("GET", "/ip");
        assertEquals(List.of(1, 3, 5), List.of(first, second, third));
        peer.wantHeaders(1);
        peer.wantHeaders(3);
        peer.wantBody(3);
        peer.wantHeaders(5);
        peer.writeHeaders(5, ":status", "200");
        peer.writeHeaders(1, ":status", "201");
        peer.writeHeaders(3, ":status", "202");
        peer.writeData(3, true, "second");
        peer.writeData(5, true, "third");
        peer.writeData(1, true, "first");
        Response r2 = client.getResponse(second);
        Response r1 = client.getResponse(first);
        Response r3 = client.getResponse(third);
        assertEquals("second", new String(r2.read(), StandardCharsets.UTF_8));
        assertEquals("first", new String(r1.read(), StandardCharsets.UTF_8));
        assertEquals("third", new String(r3.read(), StandardCharsets.UTF_8));
        assertEquals(List.of(201, 202, 200), List.of(r1.status(), r2.status(), r3.status()));
    }

    @Test
    void getResponseWithoutIdTakesTheOldestOutstanding() throws Exception {
        connectAndHandshake();
        client.request("GET", "/a");
        client.request("GET", "/b");
        peer.wantHeaders(1);
        peer.wantHeaders(3);
        peer.writeHeadersEndStream(3, ":status", "200");
        peer.writeHeadersEndStream(1, ":status", "200");
        assertEquals(1, client.getResponse().streamId());
        assertEquals(3, client.getResponse().streamId());
    }

    @Test
    void readChunkedGivesOneElementPerDataFrameIncludingEmptyOnes() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/stream");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, false, "one");
        peer.writeData(id, false, "");
        peer.writeData(id, false, "two");
        peer.writeData(id, true, "");
        List<String> chunks = new ArrayList<>();
        for (byte[] c : client.getResponse(id).readChunked()) {
            chunks.add(new String(c, StandardCharsets.UTF_8));
        }
        assertEquals(List.of("one", "", "two", ""), chunks);
    }

    @Test
    void readWithAnAmountReturnsAtMostThatMuch() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, true, "abcdefgh");
        Response r = client.getResponse(id);
        assertEquals("abc", new String(r.read(3), StandardCharsets.UTF_8));
        assertEquals("defgh", new String(r.read(100), StandardCharsets.UTF_8));
        assertEquals(0, r.read(10).length);
    }

    @Test
    void trailersArriveAfterTheBody() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/trailers");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, false, "body");
        peer.writeHeadersEndStream(id, "grpc-status", "0");
        Response r = client.getResponse(id);
        assertEquals("0", r.trailers().firstValue("grpc-status").orElseThrow());
        assertEquals("body", new String(r.read(), StandardCharsets.UTF_8), "trailers() buffers the body, it does not drop it");
    }

    @Test
    void putRequestPutHeaderEndHeadersSend() throws Exception {
        connectAndHandshake();
        int id = client.putRequest("PUT", "/upload");
        client.putHeader(id, "x-one", "1", false);
        client.putHeader(id, "x-one", "2", true);
        client.endHeaders(id, Body.empty(), false);
        client.send(id, "part1".getBytes(StandardCharsets.UTF_8), false);
        client.send(id, "part2".getBytes(StandardCharsets.UTF_8), true);
        ScriptedPeer.Headers h = peer.wantHeaders(id);
        assertFalse(h.endStream());
        assertEquals("2", h.get("x-one"));
        assertEquals("part1part2", new String(peer.wantBody(id), StandardCharsets.UTF_8));
        peer.writeHeadersEndStream(id, ":status", "200");
        assertEquals(200, client.getResponse(id).status());
    }

    @Test
    void closingAResponseEarlyCancelsTheStream() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "/big");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, false, "partial");
        Response r = client.getResponse(id);
        r.close();
        peer.wantRstStream(id, ErrorCode.CANCEL);
        peer.writeData(id, false, "in flight"); // frames already sent after our RST_STREAM are ignored (§5.1)
        peer.pingAndWantPong();
    }

    @Test
    void aStreamBodyNeedsAContentLength() throws Exception {
        connectAndHandshake();
        HyperException e = assertThrows(HyperException.class, () -> client.request("POST", "/",
                Body.ofStream(new ByteArrayInputStream(new byte[3])), new HeaderMap()));
        assertTrue(e.getMessage().contains("Content-Length"), e.getMessage());
        peer.pingAndWantPong(); // nothing was sent
    }

    @Test
    void aStreamBodyOfKnownLengthIsSentWithItsContentLength() throws Exception {
        connectAndHandshake();
        int id = client.request("PUT", "/", Body.of(new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)), 8),
                new HeaderMap());
        assertEquals("8", peer.wantHeaders(id).get("content-length"));
        assertEquals("streamed", new String(peer.wantBody(id), StandardCharsets.UTF_8));
    }

    @Test
    void aStreamBodyShorterThanItsContentLengthIsCancelled() throws Exception {
        connectAndHandshake();
        HyperException e = assertThrows(HyperException.class, () -> client.request("POST", "/",
                Body.ofStream(new ByteArrayInputStream(new byte[3])), HeaderMap.of("content-length", "10")));
        assertTrue(e.getMessage().contains("ended after 3 of 10"), e.getMessage());
        peer.wantHeaders(1);
        peer.wantData(1);
        peer.wantRstStream(1, ErrorCode.CANCEL);
    }

    @Test
    void chunkBodiesAndAStringBody() throws Exception {
        connectAndHandshake();
        int chunks = client.request("POST", "/", Body.ofChunks(List.of("a".getBytes(), new byte[0], "bc".getBytes())), new HeaderMap());
        peer.wantHeaders(chunks);
        assertEquals("abc", new String(peer.wantBody(chunks), StandardCharsets.UTF_8));
        int text = client.request("POST", "/", Body.of("héllo"), new HeaderMap());
        assertEquals("6", peer.wantHeaders(text).get("content-length"), "UTF-8 octets");
        assertEquals("héllo", new String(peer.wantBody(text), StandardCharsets.UTF_8));
    }

    @Test
    void aHostHeaderBecomesTheAuthority() throws Exception {
        connectAndHandshake();
        int id = client.request("GET", "https://ignored.example/path?x=1#fragment", Body.empty(), Map.of("Host", "example.com"));
        ScriptedPeer.Headers h = peer.wantHeaders(id);
        assertEquals("example.com", h.get(":authority"));
        assertEquals(null, h.get("host"));
        assertEquals("/path?x=1", h.get(":path"), "an absolute URL sends its path and query; never the fragment");
    }

    @Test
    void headersThatCannotBeSentAreRefusedBeforeAnythingIsSent() throws Exception {
        connectAndHandshake();
        assertThrows(HyperException.class, () -> client.request("GET", "/", Body.empty(), Map.of("x-bad", "a\r\nb")));
        assertThrows(HyperException.class, () -> client.request("GET", "/", Body.empty(), Map.of("bad name", "1")));
        assertThrows(HyperException.class, () -> client.request("GET", "/", Body.empty(), Map.of(":path", "/x")));
        assertThrows(HyperException.class, () -> client.request("GET", "/has space"));
        peer.pingAndWantPong();
    }

    @Test
    void closeSendsGoAway() throws Exception {
        connectAndHandshake();
        client.close();
        peer.wantGoAway(ErrorCode.NO_ERROR);
        client = null;
    }
}
