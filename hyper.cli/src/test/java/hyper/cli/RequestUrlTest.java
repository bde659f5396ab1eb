package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.cli.RequestItems.Item;
import hyper.cli.RequestItems.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestUrlTest {

    @Test
    void theSchemeDefaultsToHttps() throws Exception {
        RequestUrl u = RequestUrl.parse("http2bin.org/get");
        assertEquals(new RequestUrl("https", "http2bin.org", 443, "/get"), u);
        assertTrue(u.secure());
        assertEquals("http2bin.org:443", u.authority());
    }

    @Test
    void httpIsCleartextOnPort80() throws Exception {
        RequestUrl u = RequestUrl.parse("HTTP://localhost");
        assertEquals(new RequestUrl("http", "localhost", 80, "/"), u);
        assertFalse(u.secure());
        assertEquals("http://localhost/", u.toString());
    }

    @Test
    void portPathQueryAndFragment() throws Exception {
        assertEquals(new RequestUrl("https", "localhost", 8443, "/get?a=1"),
                RequestUrl.parse("https://localhost:8443/get?a=1#frag"));
        assertEquals(new RequestUrl("https", "h", 443, "/?q"), RequestUrl.parse("h?q"));
    }

    @Test
    void aLeadingColonMeansLocalhost() throws Exception {
        assertEquals(new RequestUrl("https", "localhost", 8443, "/get"), RequestUrl.parse(":8443/get"));
        assertEquals(new RequestUrl("https", "localhost", 443, "/get"), RequestUrl.parse(":/get"));
    }

    @Test
    void ipv6LiteralsAreBracketed() throws Exception {
        RequestUrl u = RequestUrl.parse("http://[::1]:8080/x");
        assertEquals(new RequestUrl("http", "::1", 8080, "/x"), u);
        assertEquals("[::1]:8080", u.authority());
        assertEquals("http://[::1]:8080/x", u.toString());
        assertEquals(443, RequestUrl.parse("[::1]").port());
    }

    @Test
    void whatCannotBeSentAsTypedIsPercentEncodedAndEscapesAreKept() throws Exception {
        assertEquals("/a%20b/%C3%A9?x=%7Cy%25z", RequestUrl.parse("h/a b/é?x=|y%z").pathAndQuery());
        assertEquals("/already%20encoded", RequestUrl.parse("h/already%20encoded").pathAndQuery());
    }

    @Test
    void queryItemsAreAppendedAndEncoded() throws Exception {
        List<Item> q = List.of(new Item(Kind.QUERY, "search", "hyper"), new Item(Kind.QUERY, "a b", "c&d=é"));
        assertEquals("/get?search=hyper&a%20b=c%26d%3D%C3%A9", RequestUrl.parse("h/get").withQuery(q).pathAndQuery());
        assertEquals("/get?x=1&search=hyper&a%20b=c%26d%3D%C3%A9",
                RequestUrl.parse("h/get?x=1").withQuery(q).pathAndQuery());
        assertEquals("/get?search=hyper", RequestUrl.parse("h/get?").withQuery(q.subList(0, 1)).pathAndQuery());
        RequestUrl u = RequestUrl.parse("h/get");
        assertEquals(u, u.withQuery(List.of()));
    }

    @Test
    void badUrlsAreUsageErrorsThatSayWhy() {
        assertUsage("", "the URL is empty");
        assertUsage("ftp://example.org/", "unsupported URL scheme 'ftp' in 'ftp://example.org/': hyper speaks http and https");
        assertUsage("https://user:pw@example.org/", "credentials in the URL are not supported: "
                + "'https://user:pw@example.org/'; send an Authorization:... header instead");
        assertUsage("https:///path", "bad URL 'https:///path': no host");
        assertUsage("localhost:http", "bad URL 'localhost:http': the port 'http' is not a number");
        assertUsage("localhost:", "bad URL 'localhost:': the port '' is not a number");
        assertUsage("localhost:70000", "bad URL 'localhost:70000': port 70000 is out of range 1-65535");
        assertUsage("localhost:0", "bad URL 'localhost:0': port 0 is out of range 1-65535");
        assertUsage("[::1/x", "bad URL '[::1/x': unclosed '[' in the host");
        assertUsage("[::1]x/", "bad URL '[::1]x/': expected ':port' after ']'");
    }

    private static void assertUsage(String url, String message) {
        UsageException e = assertThrows(UsageException.class, () -> RequestUrl.parse(url), url);
        assertEquals(message, e.getMessage());
    }
}
