package hyper.impl.http2;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HeaderMap;
import org.junit.jupiter.api.Test;

/** Which request fields the HPACK encoder may treat as constants (found by identity on a warm connection). */
class RequestHeadersTest {
    private static final byte[] AUTHORITY = "example.com".getBytes(US_ASCII);

    @Test
    void theConnectionsOwnPseudoHeaderValuesAreConstants() throws Exception {
        RequestHeaders f = RequestHeaders.of("GET", RequestHeaders.HTTPS, AUTHORITY, "/", HeaderMap.of("accept", "*/*"), -1);
        assertEquals(":method", name(f, 0));
        assertTrue(f.constant(0), ":method GET");
        assertTrue(f.constant(1), ":scheme");
        assertSame(AUTHORITY, f.value(2));
        assertTrue(f.constant(2), ":authority: the connection's array");
        assertTrue(f.constant(3), ":path /");
        assertFalse(f.constant(4), "the caller's fields are not: the encoder must not keep their arrays");
    }

    @Test
    void valuesMadePerRequestAreNotConstants() throws Exception {
        RequestHeaders f = RequestHeaders.of("PATCH", RequestHeaders.HTTP, AUTHORITY, "/items/7", null, 12);
        assertFalse(f.constant(0), "a method other than GET and POST is a new array");
        assertTrue(f.constant(1));
        assertFalse(f.constant(3), "a path other than / is a new array");
        assertEquals("content-length", name(f, 4));
        assertFalse(f.constant(4));
    }

    @Test
    void aHostHeaderReplacesTheAuthorityAndItsConstancy() throws Exception {
        RequestHeaders f = RequestHeaders.of("GET", RequestHeaders.HTTPS, AUTHORITY, "/", HeaderMap.of("host", "other.example"), -1);
        assertEquals("other.example", new String(f.value(2), US_ASCII));
        assertFalse(f.constant(2), "the caller's host array");
    }

    @Test
    void sensitiveFieldsStaySensitiveAndAreNeverConstants() throws Exception {
        RequestHeaders f = RequestHeaders.of("GET", RequestHeaders.HTTPS, AUTHORITY, "/", HeaderMap.of("authorization", "Basic x"), -1);
        assertTrue(f.sensitive(4));
        assertFalse(f.constant(4));
        assertFalse(f.sensitive(0));
    }

    @Test
    void everyNameIsVouchedLowerCaseBecauseEveryNameWasValidated() throws Exception {
        // HeaderMap lower-cases names as they are added; a name that is still not a lower-case token is refused
        // before any encoder sees it, so the encoder need not check again (HeaderFields.lowerCase).
        RequestHeaders f = RequestHeaders.of("GET", RequestHeaders.HTTPS, AUTHORITY, "/",
                HeaderMap.of("X-Mixed-Case", "1", "accept", "*/*"), -1);
        for (int i = 0; i < f.size(); i++) {
            assertTrue(f.lowerCase(i), name(f, i));
            for (byte b : f.name(i)) {
                assertFalse(b >= 'A' && b <= 'Z', name(f, i));
            }
        }
        assertFalse(RequestHeaders.isToken("X-ok".getBytes(US_ASCII), true), "what checkField refuses");
    }

    private static String name(RequestHeaders f, int i) {
        return new String(f.name(i), US_ASCII);
    }
}
