package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http11Response;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 requests and responses against scripted peers that check and write exact octets. */
class Http1ConnectionTest {
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder().readTimeout(Duration.ofSeconds(10)).build();

    static Http1Connection connect(ScriptedPeer peer) throws IOException {
        return Http1Connection.open("127.0.0.1", peer.port(), OPTIONS);
    }

    static Http1Connection connect(ScriptedPeer peer, ConnectionOptions options) throws IOException {
        return Http1Connection.open("127.0.0.1", peer.port(), options);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void twoRequestsReuseOneSocketAndHostIsAdded() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            ScriptedPeer.Request first = c.readRequest();
            assertEquals("GET /one HTTP/1.1", first.line());
            assertEquals("127.0.0.1:" + c.socket.getLocalPort(), first.header("host"));
            assertEquals("v", first.header("x-custom"));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
            ScriptedPeer.Request second = c.readRequest();
            assertEquals("GET /two HTTP/1.1", second.line());
            c.write("HTTP/1.1 201 Created\r\nContent-Length: 3\r\nX-A: 1\r\n\r\ntwo");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/one", Body.empty(), Map.of("X-Custom", "v"));
            Http11Response r1 = conn.getResponse();
            assertEquals(200, r1.status());
            assertEquals("OK", r1.reason());
            assertEquals(0, r1.streamId());
            assertEquals("one", text(r1.read()));
            conn.request("GET", "/two");
            Http11Response r2 = conn.getResponse();
            assertEquals(201, r2.status());
            assertEquals("Created", r2.reason());
            assertEquals("1", r2.headers().firstValue("x-a").orElseThrow());
            assertEquals("two", text(r2.read()));
            assertEquals(1, conn.socketsOpened());
        }
    }

    @Test
    void knownLengthBodiesGetContentLengthAndPostWithoutBodySaysZero() throws Exception {
        byte[] streamed = "from a stream".getBytes(StandardCharsets.UTF_8);
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            ScriptedPeer.Request a = c.readRequest();
            assertEquals("5", a.header("content-length"));
            assertEquals("hello", a.bodyText());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            ScriptedPeer.Request b = c.readRequest();
            assertEquals("13", b.header("content-length")); // UTF-8: é and ö take two octets each
            assertEquals("h\u00e9llo w\u00f6rld", b.bodyText());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            ScriptedPeer.Request s = c.readRequest();
            assertEquals(String.valueOf(streamed.length), s.header("content-length"));
            assertNull(s.header("transfer-encoding"));
            assertEquals("from a stream", s.bodyText());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            ScriptedPeer.Request p = c.readRequest();
            assertEquals("POST /empty HTTP/1.1", p.line());
            assertEquals("0", p.header("content-length"));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            ScriptedPeer.Request g = c.readRequest();
            assertNull(g.header("content-length"));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }); Http1Connection conn = connect(peer)) {
            conn.request("PUT", "/bytes", Body.of("hello".getBytes(StandardCharsets.US_ASCII)), Map.of());
            assertEquals(0, conn.getResponse().read().length);
            conn.request("POST", "/text", Body.of("h\u00e9llo w\u00f6rld"), Map.of());
            conn.getResponse().read();
            conn.request("POST", "/stream", Body.of(new ByteArrayInputStream(streamed), streamed.length), Map.of());
            conn.getResponse().read();
            conn.request("POST", "/empty", Body.empty(), Map.of());
            conn.getResponse().read();
            conn.request("GET", "/nothing");
            conn.getResponse().read();
        }
    }

    @Test
    void unknownLengthBodiesAreChunkedOneChunkPerElement() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            ScriptedPeer.Request a = c.readRequest();
            assertEquals("chunked", a.header("transfer-encoding"));
            assertNull(a.header("content-length"));
            assertEquals("3\r\nabc\r\n1\r\nd\r\n0\r\n\r\n", a.bodyText()); // the empty element is skipped
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            ScriptedPeer.Request b = c.readRequest();
            assertEquals("chunked", b.header("transfer-encoding"));
            assertEquals("a\r\n0123456789\r\n0\r\n\r\n", b.bodyText());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }); Http1Connection conn = connect(peer)) {
            List<byte[]> chunks = List.of("abc".getBytes(StandardCharsets.US_ASCII), new byte[0], "d".getBytes(StandardCharsets.US_ASCII));
            conn.request("POST", "/chunks", Body.ofChunks(chunks), Map.of());
            assertEquals(200, conn.getResponse().status());
            conn.request("POST", "/stream", Body.ofStream(new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII))), Map.of());
            assertEquals(200, conn.getResponse().status());
        }
    }

    @Test
    void chunkedResponseWithExtensionsAndTrailersReadsOneElementPerChunk() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: x-checksum\r\n\r\n"
                    + "5;name=value\r\nhello\r\n1\r\n,\r\n6\r\n world\r\n0\r\nX-Checksum: abc\r\nX-Other: 2\r\n\r\n");
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nwiki\r\n5\r\npedia\r\n0\r\n\r\n");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/chunked");
            Http11Response r = conn.getResponse();
            List<String> parts = new ArrayList<>();
            for (byte[] chunk : r.readChunked()) {
                parts.add(text(chunk));
            }
            assertEquals(List.of("hello", ",", " world"), parts);
            assertEquals("abc", r.trailers().firstValue("x-checksum").orElseThrow());
            assertEquals("2", r.trailers().firstValue("x-other").orElseThrow());
            conn.request("GET", "/again");
            Http11Response again = conn.getResponse();
            assertTrue(again.trailers().isEmpty()); // reading trailers first buffers the body...
            assertEquals("wikipedia", text(again.read())); // ...which is still there to read
            assertEquals(1, conn.socketsOpened());
        }
    }

    @Test
    void readOfAnAmountReturnsAtMostThatMuchThenEmptyAtTheEnd() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/");
            Http11Response r = conn.getResponse();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] part;
            while ((part = r.read(4)).length > 0) {
                assertTrue(part.length <= 4);
                all.writeBytes(part);
            }
            assertEquals("0123456789", all.toString(StandardCharsets.US_ASCII));
            assertEquals(0, r.read(4).length);
        }
    }

    @Test
    void expectContinueSendsTheBodyOnlyAfter100() throws Exception {
        AtomicBoolean bodyTouched = new AtomicBoolean();
        InputStream body = new ByteArrayInputStream("payload".getBytes(StandardCharsets.US_ASCII)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                bodyTouched.set(true);
                return super.read(b, off, len);
            }
        };
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            ScriptedPeer.Request head = c.readHead();
            assertEquals("100-continue", head.header("expect"));
            assertFalse(bodyTouched.get(), "the client read its body before the server said 100 Continue");
            c.write("HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n");
            assertEquals("payload", new String(c.readBody(head), StandardCharsets.US_ASCII));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }); Http1Connection conn = connect(peer, OPTIONS.toBuilder().continueTimeout(Duration.ofSeconds(30)).build())) {
            conn.request("PUT", "/upload", Body.of(body, 7), Map.of("Expect", "100-continue"));
            Http11Response r = conn.getResponse();
            assertEquals(200, r.status());
            assertFalse(r.headers().contains("link"), "the 103's fields must not leak into the final response");
            assertEquals("ok", text(r.read()));
        }
    }

    @Test
    void aFinalStatusInsteadOf100WithholdsTheBodyAndRetiresTheSocket() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readHead();
            c.write("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 4\r\n\r\nnope");
            c.awaitClose(); // the client closes: the server still expected a body that never came
        }, c -> {
            assertEquals("GET /next HTTP/1.1", c.readRequest().line());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }); Http1Connection conn = connect(peer, OPTIONS.toBuilder().continueTimeout(Duration.ofSeconds(30)).build())) {
            conn.request("POST", "/upload", Body.of("never sent"), Map.of("Expect", "100-continue"));
            Http11Response r = conn.getResponse();
            assertEquals(417, r.status());
            assertEquals("nope", text(r.read()));
            conn.request("GET", "/next");
            assertEquals(200, conn.getResponse().status());
            assertEquals(2, peer.accepted());
        }
    }

    @Test
    void aServerThatIgnoresExpectGetsTheBodyAfterTheContinueTimeout() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            ScriptedPeer.Request r = c.readRequest(); // waits for the body without ever sending 100
            assertEquals("late body", r.bodyText());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }); Http1Connection conn = connect(peer, OPTIONS.toBuilder().continueTimeout(Duration.ofMillis(100)).build())) {
            conn.request("POST", "/upload", Body.of("late body"), Map.of("Expect", "100-continue"));
            assertEquals(200, conn.getResponse().status());
        }
    }

    @Test
    void interimResponsesAreSkippedButOnlyABoundedNumber() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: <a>\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone");
            c.readRequest();
            c.write("HTTP/1.1 102 Processing\r\n\r\n".repeat(Http1Connection.MAX_INTERIM + 1));
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/slow");
            Http11Response r = conn.getResponse();
            assertEquals(200, r.status());
            assertFalse(r.headers().contains("link"));
            assertEquals("done", text(r.read()));
            conn.request("GET", "/slower");
            hyper.api.Http1ProtocolException e = assertThrows(hyper.api.Http1ProtocolException.class, conn::getResponse);
            assertTrue(e.getMessage().contains("more than " + Http1Connection.MAX_INTERIM + " interim responses"), e.getMessage());
        }
    }

    @Test
    void headAnd204And304HaveNoBodyWhateverTheirHeadersSay() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            assertEquals("HEAD /file HTTP/1.1", c.readRequest().line());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            c.readRequest();
            c.write("HTTP/1.1 204 No Content\r\n\r\n");
            c.readRequest();
            c.write("HTTP/1.1 304 Not Modified\r\nContent-Length: 50\r\nETag: \"x\"\r\n\r\n");
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast");
        }); Http1Connection conn = connect(peer)) {
            conn.request("HEAD", "/file");
            Http11Response head = conn.getResponse();
            assertEquals("1000", head.headers().firstValue("content-length").orElseThrow());
            assertEquals(0, head.read().length);
            conn.request("DELETE", "/thing");
            assertEquals(0, conn.getResponse().read().length);
            conn.request("GET", "/cached", Body.empty(), Map.of("If-None-Match", "\"x\""));
            Http11Response notModified = conn.getResponse();
            assertEquals(304, notModified.status());
            assertEquals(0, notModified.read().length);
            conn.request("GET", "/last");
            assertEquals("last", text(conn.getResponse().read()));
            assertEquals(1, conn.socketsOpened());
        }
    }

    @Test
    void aBodyWithoutLengthRunsToTheCloseAndTheNextRequestReconnects() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end");
            c.socket.shutdownOutput();
            c.awaitClose();
        }, c -> {
            c.readRequest();
            c.write("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"); // HTTP/1.0 without keep-alive: closes too
        }, c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n\r\nclose");
        }, c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/stream");
            assertEquals("until the end", text(conn.getResponse().read()));
            conn.request("GET", "/old");
            assertEquals("ok", text(conn.getResponse().read()));
            conn.request("GET", "/close");
            assertEquals("close", text(conn.getResponse().read()));
            conn.request("GET", "/last");
            assertEquals("last", text(conn.getResponse().read()));
            assertEquals(4, peer.accepted());
        }
    }

    @Test
    void plainHttpThroughAProxyUsesTheAbsoluteForm() throws Exception {
        try (ScriptedPeer proxy = new ScriptedPeer(c -> {
            ScriptedPeer.Request r = c.readRequest();
            assertEquals("GET http://origin.example:8081/path?q=1 HTTP/1.1", r.line());
            assertEquals("origin.example:8081", r.header("host"));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nproxied");
            assertEquals("OPTIONS http://origin.example:8081 HTTP/1.1", c.readRequest().line());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }, c -> {
            ScriptedPeer.Request r = c.readRequest();
            assertEquals("GET http://origin.example/ HTTP/1.1", r.line()); // port 80 is the default: left out
            assertEquals("origin.example", r.header("host"));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        })) {
            ConnectionOptions viaProxy = OPTIONS.toBuilder().proxy("127.0.0.1", proxy.port()).build();
            try (Http1Connection conn = Http1Connection.open("origin.example", 8081, viaProxy)) {
                conn.request("GET", "/path?q=1");
                assertEquals("proxied", text(conn.getResponse().read()));
                conn.request("OPTIONS", "*");
                assertEquals(200, conn.getResponse().status());
            }
            try (Http1Connection conn = Http1Connection.open("origin.example", 80, viaProxy)) {
                conn.request("GET", "/");
                assertEquals(200, conn.getResponse().status());
            }
        }
    }

    @Test
    void theProxyPortDefaultsTo8080() {
        assertEquals(8080, ConnectionOptions.builder().build().proxyPort());
    }

    @Test
    void aProxyThatRefusesTheTunnelIsATypedError() throws Exception {
        try (ScriptedPeer proxy = new ScriptedPeer(c -> {
            ScriptedPeer.Request r = c.readRequest();
            assertEquals("CONNECT origin.example:443 HTTP/1.1", r.line());
            assertEquals("origin.example:443", r.header("host"));
            c.write("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
        })) {
            ConnectionOptions viaProxy = OPTIONS.toBuilder().proxy("127.0.0.1", proxy.port()).build();
            HyperException e = assertThrows(HyperException.class, () -> Http1Connection.open("origin.example", 443, viaProxy));
            assertTrue(e.getMessage().contains("refused CONNECT origin.example:443: 407"), e.getMessage());
        }
    }

    @Test
    void pipelinedResponsesComeBackInOrderAndAnUnreadBodyIsDiscarded() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            assertEquals("GET /1 HTTP/1.1", c.readRequest().line());
            assertEquals("GET /2 HTTP/1.1", c.readRequest().line());
            assertEquals("GET /3 HTTP/1.1", c.readRequest().line());
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst"
                    + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nsecond\r\n0\r\n\r\n"
                    + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nthird");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/1");
            conn.request("GET", "/2");
            conn.request("GET", "/3");
            Http11Response first = conn.getResponse();
            Http11Response second = conn.getResponse(); // drains what is left of the first
            HyperException discarded = assertThrows(HyperException.class, first::read);
            assertTrue(discarded.getMessage().contains("discarded"), discarded.getMessage());
            assertEquals("second", text(second.read()));
            assertEquals("third", text(conn.getResponse().read()));
            assertThrows(IllegalStateException.class, conn::getResponse);
        }
    }

    @Test
    void gzipBodiesAreDecodedUnlessAskedNotTo() throws Exception {
        byte[] plain = "hello hello hello hello, compressed".repeat(20).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] zipped = gz.toByteArray();
        String half = Integer.toHexString(zipped.length / 2);
        String rest = Integer.toHexString(zipped.length - zipped.length / 2);
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.length + "\r\n\r\n");
            c.write(zipped);
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.length + "\r\n\r\n");
            c.write(zipped);
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + half + "\r\n");
            c.write(java.util.Arrays.copyOfRange(zipped, 0, zipped.length / 2));
            c.write("\r\n" + rest + "\r\n");
            c.write(java.util.Arrays.copyOfRange(zipped, zipped.length / 2, zipped.length));
            c.write("\r\n0\r\n\r\n");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/gzip");
            assertArrayEquals(plain, conn.getResponse().read());
            conn.request("GET", "/gzip");
            Http11Response raw = conn.getResponse();
            assertArrayEquals(zipped, raw.read(false));
            conn.request("GET", "/gzip-chunked");
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            for (byte[] part : conn.getResponse().readChunked()) {
                decoded.writeBytes(part);
            }
            assertArrayEquals(plain, decoded.toByteArray());
        }
    }

    @Test
    void closingWithASocketCloseReconnectsAndASmallRestIsDrainedToKeepTheSocket() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789");
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd");
            c.awaitClose();
        }, c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/a");
            Http11Response a = conn.getResponse();
            assertEquals(3, a.read(3).length);
            a.close(); // 7 octets left: drained, the socket stays
            assertThrows(IllegalStateException.class, a::read);
            conn.request("GET", "/b");
            conn.getResponse().close(true);
            conn.request("GET", "/c");
            assertEquals("ok", text(conn.getResponse().read()));
            assertEquals(2, peer.accepted());
        }
    }

    @Test
    void closingTheConnectionFailsTheReadsOfOutstandingResponses() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            c.awaitClose();
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/");
            Http11Response r = conn.getResponse();
            conn.close();
            assertThrows(IOException.class, r::read);
            assertThrows(IllegalStateException.class, () -> conn.request("GET", "/"));
        }
    }

    @Test
    void aServerThatStopsSendingTimesOutTheRead() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nonly");
            c.awaitClose();
        }); Http1Connection conn = connect(peer, OPTIONS.toBuilder().readTimeout(Duration.ofMillis(300)).build())) {
            conn.request("GET", "/");
            Http11Response r = conn.getResponse();
            assertThrows(HyperTimeoutException.class, r::read);
        }
    }

    @Test
    void aServerThatStopsReadingTimesOutTheWrite() throws Exception {
        java.util.concurrent.CountDownLatch clientGaveUp = new java.util.concurrent.CountDownLatch(1);
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readHead();
            assertTrue(clientGaveUp.await(20, java.util.concurrent.TimeUnit.SECONDS)); // reads nothing meanwhile
        }); Http1Connection conn = connect(peer, OPTIONS.toBuilder().writeTimeout(Duration.ofMillis(500)).build())) {
            byte[] big = new byte[64 * 1024 * 1024]; // far more than the socket buffers hold
            HyperTimeoutException e = assertThrows(HyperTimeoutException.class, () -> conn.request("POST", "/", Body.of(big), Map.of()));
            assertTrue(e.getMessage().contains("the peer is not reading"), e.getMessage());
            clientGaveUp.countDown();
        }
    }

    @Test
    void anIdleSocketTheServerClosedIsNotReused() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"); // keep-alive, then the server's idle timeout hits
        }, c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/a");
            assertEquals("a", text(conn.getResponse().read()));
            Thread.sleep(1200); // longer than the idle time after which a socket is probed before reuse
            conn.request("GET", "/b");
            assertEquals("b", text(conn.getResponse().read()));
            assertEquals(2, conn.socketsOpened());
        }
    }

    @Test
    void requestsThatCannotBePutOnTheWireAreRefusedBeforeAnythingIsSent() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            assertEquals("GET /ok HTTP/1.1", c.readRequest().line()); // nothing of the refused ones arrived
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }); Http1Connection conn = connect(peer)) {
            assertThrows(IllegalArgumentException.class, () -> conn.request("GET", "/a b"));
            assertThrows(IllegalArgumentException.class, () -> conn.request("GE T", "/"));
            assertThrows(IllegalArgumentException.class,
                    () -> conn.request("GET", "/", Body.empty(), Map.of("X-Evil", "a\r\nInjected: yes")));
            assertThrows(IllegalArgumentException.class,
                    () -> conn.request("GET", "/", Body.empty(), HeaderMap.of("bad name", "v")));
            assertThrows(IllegalArgumentException.class,
                    () -> conn.request("POST", "/", Body.of("abc"), Map.of("Content-Length", "5")));
            conn.request("GET", "/ok");
            assertEquals(200, conn.getResponse().status());
        }
    }

    @Test
    void noResponseAtAllIsAClearError() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> c.readRequest()); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/void");
            HyperException e = assertThrows(HyperException.class, conn::getResponse);
            assertTrue(e.getMessage().contains("no response to GET /void"), e.getMessage());
        }
    }

    @Test
    void aBodyCutShortIsAnError() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
        }); Http1Connection conn = connect(peer)) {
            conn.request("GET", "/");
            HyperException e = assertThrows(HyperException.class, () -> conn.getResponse().read());
            assertTrue(e.getMessage().contains("5 octets"), e.getMessage());
        }
    }
}
