package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.api.Http11Response;
import hyper.api.Http1ProtocolException;
import hyper.api.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One scripted peer per malformed response: each is a typed {@link Http1ProtocolException} (a
 * {@link ProtocolException}) whose message shows the offending octets, escaped.
 */
class Http1MalformedResponseTest {

    /** Sends {@code response} to a GET and returns the error that reading the whole response raised. */
    private static Http1ProtocolException failureOf(String response) throws Exception {
        return failureOf(response.getBytes(StandardCharsets.ISO_8859_1), Http1ConnectionTest.OPTIONS);
    }

    private static Http1ProtocolException failureOf(byte[] response, ConnectionOptions options) throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write(response);
            c.socket.shutdownOutput();
            c.awaitClose();
        }); Http1Connection conn = Http1Connection.open("127.0.0.1", peer.port(), options)) {
            conn.request("GET", "/");
            return assertThrows(Http1ProtocolException.class, () -> {
                Http11Response r = conn.getResponse();
                r.read();
                r.trailers();
            });
        }
    }

    private static void assertShows(Http1ProtocolException e, String description, String escapedOctets) {
        assertTrue(e.getMessage().startsWith(description), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + escapedOctets + "\""), e.getMessage());
    }

    @Test
    void aStatusCodeOfTwoDigits() throws Exception {
        assertShows(failureOf("HTTP/1.1 20 OK\r\n\r\n"), "malformed status line", "HTTP/1.1 20 OK");
    }

    @Test
    void aStatusLineThatIsNotHttp() throws Exception {
        assertShows(failureOf("SSH-2.0-OpenSSH_9.2\r\n\r\n"), "malformed status line", "SSH-2.0-OpenSSH_9.2");
    }

    @Test
    void binaryGarbageIsShownEscaped() throws Exception {
        Http1ProtocolException e = failureOf(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff, '\r', '\n'},
                Http1ConnectionTest.OPTIONS);
        assertShows(e, "malformed status line", "\\x16\\x03\\x01\\x00\\xff");
        assertArrayEquals(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff}, e.offendingBytes());
    }

    @Test
    void anHttp2StatusLine() throws Exception {
        assertShows(failureOf("HTTP/2.0 200 OK\r\n\r\n"), "unsupported HTTP version", "HTTP/2.0 200 OK");
    }

    @Test
    void aControlCharacterInTheReason() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 O\u0001K\r\n\r\n"), "invalid octet in reason phrase", "HTTP/1.1 200 O\\x01K");
    }

    @Test
    void aHeaderLineWithoutColon() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nContent-Length 5\r\n\r\nhello"), "malformed header line",
                "Content-Length 5");
    }

    @Test
    void whitespaceBetweenHeaderNameAndColon() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello"), "malformed header line",
                "Content-Length : 5");
    }

    @Test
    void aBareCrInAHeaderValue() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nX-Split: a\rb\r\nContent-Length: 0\r\n\r\n"),
                "invalid octet 0xd in a header value", "X-Split: a\\rb");
    }

    @Test
    void aNulInAHeaderValue() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nX-Nul: a\u0000b\r\nContent-Length: 0\r\n\r\n"),
                "invalid octet 0x0 in a header value", "X-Nul: a\\x00b");
    }

    @Test
    void aFoldedLineWithNothingBeforeIt() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\n  continued\r\n\r\n"), "a folded header line", "  continued");
    }

    @Test
    void anObsFoldIsJoinedWithASpace() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nX-Long: first\r\n\t second\r\nContent-Length: 0\r\n\r\n");
        }); Http1Connection conn = Http1Connection.open("127.0.0.1", peer.port(), Http1ConnectionTest.OPTIONS)) {
            conn.request("GET", "/");
            assertEquals("first second", conn.getResponse().headers().firstValue("x-long").orElseThrow());
        }
    }

    @Test
    void aContentLengthThatIsNotANumber() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n"), "invalid Content-Length", "12a");
    }

    @Test
    void conflictingContentLengths() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
                "conflicting Content-Length values", "2 different values");
    }

    @Test
    void anUnsupportedTransferCoding() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"),
                "unsupported Transfer-Encoding", "gzip, chunked");
    }

    @Test
    void transferEncodingInAnHttp10Response() throws Exception {
        assertShows(failureOf("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                "an HTTP/1.0 response with Transfer-Encoding", "chunked");
    }

    @Test
    void aChunkSizeThatIsNotHex() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                "malformed chunk size", "zz");
    }

    @Test
    void aChunkSizeFollowedByJunk() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n"),
                "malformed chunk size", "5 x");
    }

    @Test
    void aChunkSizeThatOverflows() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "f".repeat(17) + "\r\n"),
                "chunk size too large", "f".repeat(17));
    }

    @Test
    void chunkDataLongerThanItsSize() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n"),
                "chunk data is not followed by CRLF", "lo\\r\\n0\\r\\n\\r");
    }

    @Test
    void aMalformedTrailer() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nNot a trailer\r\n\r\n"),
                "malformed trailer line", "Not a trailer");
    }

    @Test
    void aStatusLineOverTheLineLimitIsTruncatedInTheMessage() throws Exception {
        Http1ProtocolException e = failureOf("HTTP/1.1 200 " + "x".repeat(ResponseHead.MAX_LINE + 10) + "\r\n\r\n");
        assertTrue(e.getMessage().startsWith("the status line is longer than " + ResponseHead.MAX_LINE + " octets"), e.getMessage());
        assertTrue(e.getMessage().contains("(first " + Http1ProtocolException.MAX_KEPT + " of "), e.getMessage());
        assertEquals(Http1ProtocolException.MAX_KEPT, e.offendingBytes().length);
    }

    @Test
    void aHeaderSectionOverTheLimit() throws Exception {
        ConnectionOptions small = Http1ConnectionTest.OPTIONS.toBuilder().maxHeaderListSize(1024).build();
        byte[] response = ("HTTP/1.1 200 OK\r\n" + "X-Filler: 0123456789012345678901234567890123456789\r\n".repeat(40)
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
        Http1ProtocolException e = failureOf(response, small);
        assertShows(e, "the header section is larger than 1024 octets", "X-Filler: 0123456789012345678901234567890123456789");
    }

    @Test
    void aSwitchNobodyAskedFor() throws Exception {
        Http1ProtocolException e = failureOf("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        assertTrue(e.getMessage().contains("101 Switching Protocols to websocket"), e.getMessage());
    }

    @Test
    void theConnectionClosingInsideTheHead() throws Exception {
        assertShows(failureOf("HTTP/1.1 200 OK\r\nContent-Le"), "the connection closed in the middle of the header line",
                "Content-Le");
    }

    @Test
    void errorsAreProtocolExceptionsAndTheConnectionRecovers() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write("HTTP/1.1 999999\r\n\r\n");
            c.awaitClose();
        }, c -> {
            c.readRequest();
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }); Http1Connection conn = Http1Connection.open("127.0.0.1", peer.port(), Http1ConnectionTest.OPTIONS
                .toBuilder().readTimeout(Duration.ofSeconds(5)).build())) {
            conn.request("GET", "/");
            ProtocolException e = assertThrows(ProtocolException.class, conn::getResponse);
            assertTrue(e instanceof Http1ProtocolException);
            conn.request("GET", "/");
            assertEquals("ok", new String(conn.getResponse().read(), StandardCharsets.US_ASCII));
        }
    }
}
