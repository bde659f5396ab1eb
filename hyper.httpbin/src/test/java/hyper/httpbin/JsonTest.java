package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesPrettyPrintedLikeHttpbin() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("args", Map.of());
    value.put("list", List.of(1, "two", true));
    value.put("none", null);

    assertEquals("{\n  \"args\": {},\n  \"list\": [\n    1,\n    \"two\",\n    true\n  ],\n  \"none\": null\n}\n",
        Json.write(value));
  }

  @Test
  void escapesControlAndNonAsciiCharacters() {
    assertEquals("\"a\\\"b\\\\c\\n\\t\\u0001\\u00e9\\ud83d\\ude00\"\n", Json.write("a\"b\\c\n\t\u0001é😀"));
  }

  @Test
  void parsesEveryKindOfValue() {
    Object parsed = Json.parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\u0041\\n\"], \"b\": {}} ");

    Map<?, ?> map = (Map<?, ?>) parsed;
    List<?> list = (List<?>) map.get("a");
    assertEquals(new BigDecimal("1"), list.get(0));
    assertEquals(new BigDecimal("-2.5e3"), list.get(1));
    assertEquals(Arrays.asList(true, false, null, "xA\n"), list.subList(2, 6));
    assertEquals(Map.of(), map.get("b"));
  }

  @Test
  void roundTripsKeepNumbersExact() {
    String text = "[12345678901234567890123, 0.1000, 1E+5]";

    assertEquals("[\n  12345678901234567890123,\n  0.1000,\n  1E+5\n]\n", Json.write(Json.parse(text)));
  }

  @Test
  void refusesWhatIsNotJson() {
    for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"\\x\"", "\"a\u0001\"",
        "[1] 2", "{\"a\":1,}", "NaN", "1e99999999999")) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
  }

  @Test
  void refusesDeepNestingInsteadOfOverflowingTheStack() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
    assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
  }
}
