package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.cli.RequestItems.Item;
import hyper.cli.RequestItems.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestItemsTest {

    @Test
    void theSeedsThreeKindsOfItem() throws Exception {
        assertEquals(new Item(Kind.HEADER, "User-Agent", "hyper/0.2.0"), RequestItems.parse("User-Agent:hyper/0.2.0"));
        assertEquals(new Item(Kind.QUERY, "search", "hyper"), RequestItems.parse("search==hyper"));
        assertEquals(new Item(Kind.FIELD, "description", "CLI HTTP client"),
                RequestItems.parse("description=CLI HTTP client"));
    }

    @Test
    void rawJsonFieldsAreCheckedAndCompacted() throws Exception {
        assertEquals(new Item(Kind.JSON_FIELD, "tags", "[\"a\",1]"), RequestItems.parse("tags:=[ \"a\", 1 ]"));
        UsageException e = assertThrows(UsageException.class, () -> RequestItems.parse("n:=[1,"));
        assertEquals("bad raw JSON field 'n:=[1,': unexpected end of input, expected a value at character 4",
                e.getMessage());
    }

    @Test
    void theFirstSeparatorWinsAndAtOnePlaceTheLongerOne() throws Exception {
        assertEquals(new Item(Kind.FIELD, "url", "http://x/?a==b"), RequestItems.parse("url=http://x/?a==b"));
        assertEquals(new Item(Kind.HEADER, "X-A", "b=c"), RequestItems.parse("X-A:b=c"));
        assertEquals(new Item(Kind.HEADER, "Host", "localhost:8443"), RequestItems.parse("Host:localhost:8443"));
        assertEquals(new Item(Kind.QUERY, "a", "=b"), RequestItems.parse("a===b"));
        assertEquals(new Item(Kind.FIELD, "a", ""), RequestItems.parse("a="));
        assertEquals(new Item(Kind.HEADER, "Accept", ""), RequestItems.parse("Accept:"));
    }

    @Test
    void aBackslashMakesASeparatorPartOfTheName() throws Exception {
        assertEquals(new Item(Kind.FIELD, "a:b", "c"), RequestItems.parse("a\\:b=c"));
        assertEquals(new Item(Kind.QUERY, "x=y", "1"), RequestItems.parse("x\\=y==1"));
        assertEquals(new Item(Kind.FIELD, "back\\slash", "1"), RequestItems.parse("back\\\\slash=1"));
    }

    @Test
    void headerValuesAreTrimmedOfOptionalWhiteSpace() throws Exception {
        assertEquals(new Item(Kind.HEADER, "X-A", "b c"), RequestItems.parse("X-A:  b c \t"));
    }

    @Test
    void badItemsAreUsageErrorsThatSayWhy() {
        assertUsage("plain", "bad request item 'plain': expected Name:Value (header), name==value (query parameter), "
                + "name=value (JSON field) or name:=json (raw JSON field)");
        assertUsage("=value", "bad request item '=value': the name before '=' is empty");
        assertUsage(":value", "bad request item ':value': the name before ':' is empty");
        assertUsage("==v", "bad request item '==v': the name before '==' is empty");
        assertUsage("Bad Name:v", "bad header 'Bad Name:v': ' ' is not allowed in a header name");
        assertUsage("X-A:a\r\nInjected: yes", "bad header 'X-A': its value holds a line break or NUL");
    }

    @Test
    void fieldsMakeAJsonObjectInOrderWithTheLastValueOfARepeatedName() throws Exception {
        RequestItems items = RequestItems.parse(List.of("name=Hyper", "X-A:1", "q==1", "language=Java", "n:=3",
                "name=hyper"));
        assertTrue(items.hasData());
        assertEquals("{\"name\": \"hyper\", \"language\": \"Java\", \"n\": 3}", items.jsonBody());
        assertEquals(List.of(new Item(Kind.HEADER, "X-A", "1")), items.headers());
        assertEquals(List.of(new Item(Kind.QUERY, "q", "1")), items.query());
    }

    @Test
    void fieldsMakeAFormBodyWithFormEncoding() throws Exception {
        RequestItems items = RequestItems.parse(List.of("name=Hyper CLI", "a&b=1+1=2", "é=ü"));
        assertEquals("name=Hyper+CLI&a%26b=1%2B1%3D2&%C3%A9=%C3%BC", items.formBody());
        RequestItems raw = RequestItems.parse(List.of("n:=3"));
        UsageException e = assertThrows(UsageException.class, raw::formBody);
        assertEquals("raw JSON field 'n:=' cannot be sent with --form", e.getMessage());
    }

    @Test
    void noFieldsNoData() throws Exception {
        assertFalse(RequestItems.parse(List.of("X-A:1", "q==1")).hasData());
    }

    private static void assertUsage(String item, String message) {
        UsageException e = assertThrows(UsageException.class, () -> RequestItems.parse(item), item);
        assertEquals(message, e.getMessage());
    }
}
