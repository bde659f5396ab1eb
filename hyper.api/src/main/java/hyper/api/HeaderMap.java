package hyper.api;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * HTTP headers as the seed's {@code HTTPHeaderMap} (§6.1.4): ordered, case-insensitive, duplicates kept;
 * strings in, bytes out.
 *
 * <p>Names are stored lower-case; values keep their original octets. Strings given to it are encoded as UTF-8.
 * Reads are in <em>canonical form</em>: a value holding a comma-separated list is split into its elements and
 * each is trimmed, except where splitting would break the value: {@code set-cookie} (RFC 6265 §3), the HTTP-date
 * headers, whose dates contain a comma, and commas inside a quoted string (RFC 9110 §5.6.4).
 * {@link #iterRaw()} gives the fields exactly as added.
 *
 * <p>Adding is O(1); lookups and removals are O(n), as in the seed. Not thread-safe.
 */
public final class HeaderMap implements Iterable<Map.Entry<byte[], byte[]>> {
    private byte[][] names;
    private byte[][] values;
    private int size;

    public HeaderMap() {
        this(8);
    }

    public HeaderMap(int expectedFields) {
        names = new byte[Math.max(4, expectedFields)][];
        values = new byte[names.length][];
    }

    /** A map holding the entries of {@code headers}, in their iteration order. */
    public static HeaderMap of(Map<String, String> headers) {
        HeaderMap map = new HeaderMap(headers.size());
        headers.forEach(map::add);
        return map;
    }

    /** A map of alternating names and values: {@code of("accept", "*&#47;*", "x-a", "1")}. */
    public static HeaderMap of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        HeaderMap map = new HeaderMap(namesAndValues.length / 2);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** Appends a field (the seed's {@code map[name] = value}); an existing field of that name is kept. */
    public HeaderMap add(String name, String value) {
        return add(utf8(name), utf8(value));
    }

    /**
     * Appends a field given as octets. The arrays are kept, not copied (the caller must not change them);
     * upper-case ASCII letters in the name are lower-cased in a copy.
     */
    public HeaderMap add(byte[] name, byte[] value) {
        if (name == null || value == null) {
            throw new NullPointerException("header name and value must not be null");
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = lowerCase(name);
        values[size] = value;
        size++;
        return this;
    }

    /** The values of {@code name} in canonical form, in the order added; empty when absent. */
    public List<byte[]> get(String name) {
        byte[] key = lowerCase(utf8(name));
        List<byte[]> out = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(names[i], key)) {
                split(key, values[i], out);
            }
        }
        return out;
    }

    /** {@link #get(String)}, or {@code defaultValue} when absent. */
    public List<byte[]> get(String name, List<byte[]> defaultValue) {
        return contains(name) ? get(name) : defaultValue;
    }

    /** The first canonical value of {@code name} as UTF-8 text. */
    public Optional<String> firstValue(String name) {
        List<byte[]> all = get(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(new String(all.get(0), StandardCharsets.UTF_8));
    }

    /** The canonical values of {@code name} as UTF-8 text. */
    public List<String> getStrings(String name) {
        List<String> out = new ArrayList<>();
        for (byte[] v : get(name)) {
            out.add(new String(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Whether a field named {@code name} is present. */
    public boolean contains(String name) {
        return indexOf(lowerCase(utf8(name)), 0) >= 0;
    }

    /** Every field in canonical form: one entry per list element. */
    public List<Map.Entry<byte[], byte[]>> items() {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>(size);
        List<byte[]> parts = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            parts.clear();
            split(names[i], values[i], parts);
            for (byte[] p : parts) {
                out.add(new SimpleImmutableEntry<>(names[i], p));
            }
        }
        return out;
    }

    /** The name of each canonical item, duplicates included, so {@code keys().size() == size()}. */
    public List<byte[]> keys() {
        List<byte[]> out = new ArrayList<>(size);
        for (Map.Entry<byte[], byte[]> e : items()) {
            out.add(e.getKey());
        }
        return out;
    }

    /** The value of each canonical item, in order. */
    public List<byte[]> values() {
        List<byte[]> out = new ArrayList<>(size);
        for (Map.Entry<byte[], byte[]> e : items()) {
            out.add(e.getValue());
        }
        return out;
    }

    /** The fields exactly as added (not split), in order: what the peer sent. */
    public List<Map.Entry<byte[], byte[]>> iterRaw() {
        List<Map.Entry<byte[], byte[]>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new SimpleImmutableEntry<>(names[i], values[i]));
        }
        return out;
    }

    /** How many raw fields were added (before canonical splitting): the cheap count. */
    public int rawSize() {
        return size;
    }

    /** The name of raw field {@code i} (lower-case). */
    public byte[] rawName(int i) {
        checkIndex(i);
        return names[i];
    }

    /** The value of raw field {@code i}. */
    public byte[] rawValue(int i) {
        checkIndex(i);
        return values[i];
    }

    /** Appends every field of {@code other}, raw. */
    public HeaderMap merge(HeaderMap other) {
        int n = other.size; // snapshot, so merging a map into itself terminates
        for (int i = 0; i < n; i++) {
            add(other.names[i], other.values[i]);
        }
        return this;
    }

    /** Appends every entry of {@code other}. */
    public HeaderMap merge(Map<String, String> other) {
        other.forEach(this::add);
        return this;
    }

    /** Replaces every field named {@code name} by one with {@code value}, at the first one's place; appends if absent. */
    public HeaderMap replace(String name, String value) {
        byte[] key = lowerCase(utf8(name));
        int first = indexOf(key, 0);
        if (first < 0) {
            return add(key, utf8(value));
        }
        values[first] = utf8(value);
        removeAll(key, first + 1);
        return this;
    }

    /** Removes every field named {@code name} and returns its canonical values. */
    public List<byte[]> pop(String name) {
        if (!contains(name)) {
            throw new NoSuchElementException("no header named '" + name + "'");
        }
        List<byte[]> found = get(name);
        removeAll(lowerCase(utf8(name)), 0);
        return found;
    }

    /** {@link #pop(String)}, or {@code defaultValue} when absent. */
    public List<byte[]> pop(String name, List<byte[]> defaultValue) {
        return contains(name) ? pop(name) : defaultValue;
    }

    /** Removes and returns the last raw field. */
    public Map.Entry<byte[], byte[]> popitem() {
        if (size == 0) {
            throw new NoSuchElementException("the header map is empty");
        }
        size--;
        Map.Entry<byte[], byte[]> e = new SimpleImmutableEntry<>(names[size], values[size]);
        names[size] = null;
        values[size] = null;
        return e;
    }

    /** Removes every field named {@code name}; throws if there is none (the seed's {@code del map[name]}). */
    public void remove(String name) {
        pop(name);
    }

    /** The values of {@code name}; if absent, adds {@code defaultValue} first. */
    public List<byte[]> setdefault(String name, String defaultValue) {
        if (!contains(name)) {
            add(name, defaultValue);
        }
        return get(name);
    }

    /** Adds every entry of {@code other} (the seed's {@code update}, which appends as {@code map[k] = v} does). */
    public HeaderMap update(Map<String, String> other) {
        return merge(other);
    }

    /** Removes every field. */
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
    }

    /** The number of canonical items (what {@link #items()} returns). */
    public int size() {
        int n = 0;
        List<byte[]> parts = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            parts.clear();
            split(names[i], values[i], parts);
            n += parts.size();
        }
        return n;
    }

    /** Whether there are no fields. */
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Iterator<Map.Entry<byte[], byte[]>> iterator() {
        return Collections.unmodifiableList(items()).iterator();
    }

    /**
     * Equal when both hold the same canonical values for each name, in the same order per name; the order
     * between different names does not matter (it carries no meaning in HTTP, RFC 9110 §5.3).
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HeaderMap)) {
            return false;
        }
        return grouped().equals(((HeaderMap) o).grouped());
    }

    @Override
    public int hashCode() {
        return grouped().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HeaderMap[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('(').append(new String(names[i], StandardCharsets.UTF_8)).append(", ")
                    .append(new String(values[i], StandardCharsets.UTF_8)).append(')');
        }
        return sb.append(']').toString();
    }

    private Map<String, List<String>> grouped() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Map.Entry<byte[], byte[]> e : items()) {
            m.computeIfAbsent(new String(e.getKey(), StandardCharsets.ISO_8859_1), k -> new ArrayList<>())
                    .add(new String(e.getValue(), StandardCharsets.ISO_8859_1));
        }
        return new java.util.TreeMap<>(m);
    }

    private int indexOf(byte[] key, int from) {
        for (int i = from; i < size; i++) {
            if (Arrays.equals(names[i], key)) {
                return i;
            }
        }
        return -1;
    }

    private void removeAll(byte[] key, int from) {
        int w = from;
        for (int r = from; r < size; r++) {
            if (!Arrays.equals(names[r], key)) {
                names[w] = names[r];
                values[w] = values[r];
                w++;
            }
        }
        Arrays.fill(names, w, size, null);
        Arrays.fill(values, w, size, null);
        size = w;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
    }

    /** Splits a value into canonical elements on commas outside quoted strings, unless its header forbids it. */
    static void split(byte[] name, byte[] value, List<byte[]> out) {
        if (neverSplit(name) || indexOfComma(value) < 0) {
            out.add(value);
            return;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i < value.length) {
                byte b = value[i];
                if (b == '\\' && quoted) {
                    i++; // quoted-pair: the next octet is literal
                    continue;
                }
                if (b == '"') {
                    quoted = !quoted;
                    continue;
                }
                if (b != ',' || quoted) {
                    continue;
                }
            }
            int s = start;
            int e = Math.min(i, value.length);
            while (s < e && (value[s] == ' ' || value[s] == '\t')) {
                s++;
            }
            while (e > s && (value[e - 1] == ' ' || value[e - 1] == '\t')) {
                e--;
            }
            out.add(Arrays.copyOfRange(value, s, e));
            start = i + 1;
        }
    }

    private static int indexOfComma(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == ',') {
                return i;
            }
        }
        return -1;
    }

    private static final byte[][] NEVER_SPLIT = {
        utf8("set-cookie"), utf8("set-cookie2"), utf8("date"), utf8("expires"), utf8("last-modified"),
        utf8("if-modified-since"), utf8("if-unmodified-since"), utf8("retry-after"),
    };

    private static boolean neverSplit(byte[] name) {
        for (byte[] n : NEVER_SPLIT) {
            if (Arrays.equals(n, name)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] lowerCase(byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (name[i] >= 'A' && name[i] <= 'Z') {
                byte[] copy = name.clone();
                for (int j = i; j < copy.length; j++) {
                    if (copy[j] >= 'A' && copy[j] <= 'Z') {
                        copy[j] += 'a' - 'A';
                    }
                }
                return copy;
            }
        }
        return name;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
