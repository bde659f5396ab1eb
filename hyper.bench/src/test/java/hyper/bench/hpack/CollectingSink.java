package hyper.bench.hpack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects decoded fields as "name: value" lines, whichever way the decoder delivers them. */
final class CollectingSink implements FieldSink {
    private final List<String> fields = new ArrayList<>();
    private boolean discarding;

    /** Whether to drop what arrives (while a benchmark primes its decoders), or collect it. */
    void discard(boolean discard) {
        discarding = discard;
    }

    @Override
    public void field(byte[] name, byte[] value) {
        if (!discarding) {
            fields.add(line(name, value));
        }
    }

    @Override
    public void block(Iterable<Map.Entry<CharSequence, CharSequence>> headers) {
        if (discarding) {
            return;
        }
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            // Netty's AsciiString holds one octet per char
            fields.add(line(e.getKey().toString().getBytes(StandardCharsets.ISO_8859_1),
                    e.getValue().toString().getBytes(StandardCharsets.ISO_8859_1)));
        }
    }

    /** Everything collected since the last call, and forgets it. */
    List<String> take() {
        List<String> taken = List.copyOf(fields);
        fields.clear();
        return taken;
    }

    /** The lines a correct decoder produces for {@code blocks}, in order. */
    static List<String> expected(List<HeaderBlock> blocks) {
        List<String> lines = new ArrayList<>();
        for (HeaderBlock b : blocks) {
            for (int i = 0; i < b.size(); i++) {
                lines.add(line(b.name(i), b.value(i)));
            }
        }
        return lines;
    }

    /** Fails with the first differing field, not a dump of thousands of fields. */
    static void assertSameFields(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                throw new AssertionError(what + ": field " + i + " is <" + actual.get(i) + ">, expected <"
                        + expected.get(i) + ">");
            }
        }
        if (expected.size() != actual.size()) {
            throw new AssertionError(what + ": " + actual.size() + " fields decoded, expected " + expected.size());
        }
    }

    // ISO-8859-1 maps each octet to one char, so distinct octet strings stay distinct
    private static String line(byte[] name, byte[] value) {
        return new String(name, StandardCharsets.ISO_8859_1) + ": " + new String(value, StandardCharsets.ISO_8859_1);
    }
}
