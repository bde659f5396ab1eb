package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void prettyPrintsNestedDocumentsWithFourSpacesAndKeepsTokensAsWritten() throws Exception {
        String in = "{\"args\":{\"search\":\"hyper\"},\"n\":[1,-2.50E+3,true,false,null],\"empty\":{},\"none\":[],"
                + "\"s\":\"a\\\"b\\u00e9\\n\"}";
        String expected = """
                {
                    "args": {
                        "search": "hyper"
                    },
                    "n": [
                        1,
                        -2.50E+3,
                        true,
                        false,
                        null
                    ],
                    "empty": {},
                    "none": [],
                    "s": "a\\"b\\u00e9\\n"
                }""";
        assertEquals(expected, Json.pretty(in));
    }

    @Test
    void prettyPrintingAnAlreadyPrettyDocumentChangesNothing() throws Exception {
        String once = Json.pretty(" [ {\"a\" : 1 , \"b\":[ ]} , \"x\" ]\n");
        assertEquals("[\n    {\n        \"a\": 1,\n        \"b\": []\n    },\n    \"x\"\n]", once);
        assertEquals(once, Json.pretty(once));
    }

    @Test
    void keepsDuplicateKeysAndTheirOrder() throws Exception {
        assertEquals("{\"b\":1,\"a\":2,\"b\":3}", Json.compact("{ \"b\": 1, \"a\": 2, \"b\": 3 }"));
    }

    @Test
    void scalarsAreDocumentsToo() throws Exception {
        assertEquals("\"text\"", Json.pretty("  \"text\" "));
        assertEquals("0", Json.compact("0"));
        assertEquals("-0.5e-7", Json.compact("-0.5e-7"));
    }

    @Test
    void reportsWhatIsWrongAndWhere() {
        assertSyntaxError("{\"a\" 1}", "expected ':' at character 6");
        assertSyntaxError("{\"a\": 1,}", "expected a member name in quotes at character 9");
        assertSyntaxError("[1 2]", "expected ',' or ']' at character 4");
        assertSyntaxError("[1,", "unexpected end of input, expected a value at character 4");
        assertSyntaxError("{\"a\": 1", "unexpected end of input, expected '}' at character 8");
        assertSyntaxError("\"abc", "unterminated string at character 1");
        assertSyntaxError("\"a\tb\"", "control character in a string at character 3");
        assertSyntaxError("\"\\x\"", "bad escape at character 2");
        assertSyntaxError("\"\\u12g4\"", "bad \\u escape at character 2");
        assertSyntaxError("01", "unexpected '1' after the JSON value at character 2");
        assertSyntaxError("1.", "bad number: digits expected after '.' at character 1");
        assertSyntaxError("1e+", "bad number: digits expected in the exponent at character 1");
        assertSyntaxError("-", "bad number at character 1");
        assertSyntaxError("tru", "unexpected 't', expected a value at character 1");
        assertSyntaxError("<html>", "unexpected '<', expected a value at character 1");
        assertSyntaxError("", "unexpected end of input, expected a value at character 1");
    }

    @Test
    void refusesNestingDeeperThanTheLimitInsteadOfOverflowingTheStack() throws Exception {
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertEquals(ok, Json.compact(ok));
        String deep = "[".repeat(100_000);
        Json.SyntaxException e = assertThrows(Json.SyntaxException.class, () -> Json.pretty(deep));
        assertTrue(e.getMessage().startsWith("nested deeper than 512 levels"), e.getMessage());
    }

    @Test
    void quotesStringsWithTheEscapesJsonRequires() {
        assertEquals("\"plain é ✓\"", Json.quote("plain é ✓"));
        assertEquals("\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f c\\u0001\"", Json.quote("q\" b\\ n\n r\r t\t b\b f\f c\u0001"));
    }

    @Test
    void writesObjectsWithTheSeedsSeparators() {
        String body = Json.object(List.of(new SimpleImmutableEntry<>("name", "\"Hyper\""),
                new SimpleImmutableEntry<>("n", "3")));
        assertEquals("{\"name\": \"Hyper\", \"n\": 3}", body);
        assertEquals("{}", Json.object(List.of()));
    }

    private static void assertSyntaxError(String input, String message) {
        Json.SyntaxException e = assertThrows(Json.SyntaxException.class, () -> Json.pretty(input), input);
        assertEquals(message, e.getMessage(), input);
    }
}
