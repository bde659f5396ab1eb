package hyper.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class HeaderMapTest {

    private static List<String> text(List<byte[]> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(new String(v, UTF_8)));
        return out;
    }

    @Test
    void namesAreCaseInsensitiveAndStoredLowerCase() {
        HeaderMap m = new HeaderMap().add("Content-Type", "text/HTML");
        assertEquals(List.of("text/HTML"), text(m.get("content-type")));
        assertEquals(List.of("text/HTML"), text(m.get("CONTENT-TYPE")));
        assertArrayEquals("content-type".getBytes(UTF_8), m.iterRaw().get(0).getKey());
    }

    @Test
    void duplicatesAreKeptInOrderAndCommaListsSplit() {
        HeaderMap m = new HeaderMap().add("accept", "a, b").add("x", "1").add("Accept", "c");
        assertEquals(List.of("a", "b", "c"), text(m.get("accept")));
        assertEquals(4, m.size());
        assertEquals(3, m.rawSize());
        assertEquals(List.of("accept", "accept", "x", "accept"), text(m.keys()));
        assertEquals(List.of("a", "b", "1", "c"), text(m.values()));
        assertEquals("a, b", new String(m.iterRaw().get(0).getValue(), UTF_8));
    }

    @Test
    void setCookieDatesAndQuotedCommasAreNeverSplit() {
        HeaderMap m = new HeaderMap()
                .add("set-cookie", "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT")
                .add("date", "Wed, 21 Oct 2026 07:28:00 GMT")
                .add("x-list", "\"a,b\", c, \"d\\\",e\"");
        assertEquals(List.of("a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT"), text(m.get("set-cookie")));
        assertEquals(List.of("Wed, 21 Oct 2026 07:28:00 GMT"), text(m.get("date")));
        assertEquals(List.of("\"a,b\"", "c", "\"d\\\",e\""), text(m.get("x-list")));
    }

    @Test
    void replaceKeepsThePositionOfTheFirstAndDropsTheRest() {
        HeaderMap m = new HeaderMap().add("a", "1").add("b", "2").add("a", "3");
        m.replace("A", "9");
        assertEquals(List.of("a", "b"), text(m.keys()));
        assertEquals(List.of("9"), text(m.get("a")));
        m.replace("c", "new");
        assertEquals(List.of("new"), text(m.get("c")));
    }

    @Test
    void popPopitemRemoveAndSetdefault() {
        HeaderMap m = new HeaderMap().add("a", "1, 2").add("b", "3");
        assertEquals(List.of("1", "2"), text(m.pop("a")));
        assertFalse(m.contains("a"));
        assertThrows(NoSuchElementException.class, () -> m.pop("a"));
        List<byte[]> fallback = List.of();
        assertSame(fallback, m.pop("a", fallback));
        Map.Entry<byte[], byte[]> last = m.popitem();
        assertEquals("b", new String(last.getKey(), UTF_8));
        assertThrows(NoSuchElementException.class, m::popitem);
        assertEquals(List.of("d"), text(m.setdefault("x", "d")));
        assertEquals(List.of("d"), text(m.setdefault("x", "other")));
        assertThrows(NoSuchElementException.class, () -> m.remove("nope"));
        m.remove("x");
        assertTrue(m.isEmpty());
    }

    @Test
    void mergeUpdateAndClear() {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("a", "2");
        more.put("c", "3");
        HeaderMap m = new HeaderMap().add("a", "1");
        m.update(more);
        m.merge(new HeaderMap().add("d", "4"));
        m.merge(m);
        assertEquals(List.of("1", "2", "1", "2"), text(m.get("a")));
        assertEquals(8, m.size());
        m.clear();
        assertEquals(0, m.size());
        assertTrue(m.get("a").isEmpty());
    }

    @Test
    void equalityIgnoresOrderAcrossNamesButNotWithinOne() {
        HeaderMap a = HeaderMap.of("x", "1", "y", "2", "x", "3");
        HeaderMap b = HeaderMap.of("Y", "2", "x", "1, 3");
        HeaderMap c = HeaderMap.of("x", "3", "y", "2", "x", "1");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
    }

    @Test
    void bytesInAreKeptAndStringsAreUtf8() {
        byte[] value = {(byte) 0xff, 'a'};
        HeaderMap m = new HeaderMap().add("x-bin".getBytes(UTF_8), value).add("x-text", "é");
        assertSame(value, m.get("x-bin").get(0));
        assertArrayEquals("é".getBytes(UTF_8), m.get("x-text").get(0));
        assertEquals("é", m.firstValue("x-text").orElseThrow());
        assertTrue(m.firstValue("missing").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> HeaderMap.of("odd"));
    }
}
