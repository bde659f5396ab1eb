package hyper.bench.hpack;

import hyper.api.spi.HeaderFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields of one header block, as octets, in wire order. Immutable once built; every contender encodes
 * from (a view of) the same arrays, and decoded blocks are compared against it.
 */
final class HeaderBlock implements HeaderFields {
    private final byte[][] names;
    private final byte[][] values;
    /** Per field, whether its name has no upper-case ASCII letter: checked once, when the block is built. */
    private final boolean[] lowerCase;

    private HeaderBlock(byte[][] names, byte[][] values) {
        this.names = names;
        this.values = values;
        this.lowerCase = new boolean[names.length];
        for (int i = 0; i < names.length; i++) {
            lowerCase[i] = true;
            for (byte b : names[i]) {
                lowerCase[i] &= b < 'A' || b > 'Z';
            }
        }
    }

    /**
     * A block of {@code nameValuePairs} (name, value, name, value...), reordered so pseudo-headers come
     * first as RFC 9113 §8.3 requires (stable otherwise): Netty's header map would reorder them anyway,
     * and the round-trip check needs every contender to see one order.
     */
    static HeaderBlock of(List<byte[]> nameValuePairs) {
        if (nameValuePairs.size() % 2 != 0) {
            throw new IllegalArgumentException("odd number of name/value octet strings");
        }
        List<byte[]> pseudo = new ArrayList<>();
        List<byte[]> regular = new ArrayList<>();
        for (int i = 0; i < nameValuePairs.size(); i += 2) {
            byte[] name = nameValuePairs.get(i);
            List<byte[]> target = name.length > 0 && name[0] == ':' ? pseudo : regular;
            target.add(name);
            target.add(nameValuePairs.get(i + 1));
        }
        pseudo.addAll(regular);
        int n = pseudo.size() / 2;
        byte[][] names = new byte[n][];
        byte[][] values = new byte[n][];
        for (int i = 0; i < n; i++) {
            names[i] = pseudo.get(2 * i);
            values[i] = pseudo.get(2 * i + 1);
        }
        return new HeaderBlock(names, values);
    }

    /** A block from strings (name, value, name, value...), encoded as UTF-8; for tests. */
    static HeaderBlock ofStrings(String... nameValuePairs) {
        List<byte[]> octets = new ArrayList<>();
        for (String s : nameValuePairs) {
            octets.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return of(octets);
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public byte[] name(int i) {
        return names[i];
    }

    @Override
    public byte[] value(int i) {
        return values[i];
    }

    /**
     * Always: the arrays never change once built, and every operation hands the same ones again, as Netty's
     * contender is handed the same {@code AsciiString}s (whose identity and cached hashes its table uses).
     */
    @Override
    public boolean constant(int i) {
        return true;
    }

    /**
     * Whether the name was found lower case when the block was built: a header set validated once, as hyper's
     * request fields are, and as a Netty {@code Http2Headers} is when filled with validation on (the Netty
     * contender runs with it off and checks nothing).
     */
    @Override
    public boolean lowerCase(int i) {
        return lowerCase[i];
    }

    /** Octets as RFC 9113 §6.5.2 counts them: name + value + 32 per field. */
    int listSize() {
        int total = 0;
        for (int i = 0; i < names.length; i++) {
            total += names[i].length + values[i].length + 32;
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderBlock other
                && Arrays.deepEquals(names, other.names)
                && Arrays.deepEquals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(names) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(new String(names[i], StandardCharsets.ISO_8859_1)).append(": ")
                    .append(new String(values[i], StandardCharsets.ISO_8859_1));
        }
        return sb.append(']').toString();
    }
}
