package hyper.bench.hpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The benchmark inputs, by the name the JMH {@code input} parameter uses. An input is a list of sequences;
 * each sequence is the blocks of one connection, so it shares one compression context.
 *
 * <ul>
 *   <li>{@code stories}: the 32 hpack-test-case {@code raw-data} stories (real request and response header
 *       sequences captured from web sites), one sequence per story;</li>
 *   <li>{@code small}, {@code medium}, {@code large}: one block of 5 fields with 20-octet names and 40-octet
 *       values, 20 of 40/80, and 100 of 100/300; random lower-case ASCII from a fixed seed.</li>
 * </ul>
 */
final class Inputs {
    static final String STORIES = "stories";
    static final List<String> NAMES = List.of(STORIES, "small", "medium", "large");

    private static final String STORY_RESOURCE = "/hpack-test-case/raw-data/story_%02d.json";
    private static final long SEED = 0x5EED_4B1DL;

    private Inputs() {
    }

    /** The sequences of input {@code name}. */
    static List<List<HeaderBlock>> named(String name) {
        return switch (name) {
            case STORIES -> stories();
            case "small" -> List.of(List.of(randomBlock(5, 20, 40, SEED)));
            case "medium" -> List.of(List.of(randomBlock(20, 40, 80, SEED + 1)));
            case "large" -> List.of(List.of(randomBlock(100, 100, 300, SEED + 2)));
            default -> throw new IllegalArgumentException("unknown input '" + name + "'; known: " + NAMES);
        };
    }

    /** How many blocks input {@code name} has, over all its sequences. */
    static int blockCount(List<List<HeaderBlock>> sequences) {
        int n = 0;
        for (List<HeaderBlock> s : sequences) {
            n += s.size();
        }
        return n;
    }

    /** Every raw-data story, in file order; names and values as their UTF-8 octets. */
    static List<List<HeaderBlock>> stories() {
        ObjectMapper json = new ObjectMapper();
        List<List<HeaderBlock>> stories = new ArrayList<>();
        for (int i = 0; ; i++) {
            String path = String.format(STORY_RESOURCE, i);
            try (InputStream in = Inputs.class.getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                stories.add(story(json.readTree(in), path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
        if (stories.isEmpty()) {
            throw new IllegalStateException("no hpack-test-case story on the class path at " + STORY_RESOURCE);
        }
        return List.copyOf(stories);
    }

    // { "context": "request", "cases": [ { "seqno": 0, "headers": [ { ":method": "GET" }, ... ] }, ... ] }
    private static List<HeaderBlock> story(JsonNode root, String path) {
        JsonNode cases = root.path("cases");
        if (!cases.isArray() || cases.isEmpty()) {
            throw new IllegalStateException(path + ": no cases");
        }
        List<HeaderBlock> blocks = new ArrayList<>();
        for (JsonNode c : cases) {
            List<byte[]> octets = new ArrayList<>();
            for (JsonNode field : c.path("headers")) {
                for (Map.Entry<String, JsonNode> e : field.properties()) {
                    octets.add(e.getKey().getBytes(StandardCharsets.UTF_8));
                    octets.add(e.getValue().asText().getBytes(StandardCharsets.UTF_8));
                }
            }
            blocks.add(HeaderBlock.of(octets));
        }
        return List.copyOf(blocks);
    }

    /** {@code fields} fields of random lower-case ASCII; the same for a seed on every JDK (java.util.Random is specified). */
    static HeaderBlock randomBlock(int fields, int nameLength, int valueLength, long seed) {
        Random random = new Random(seed);
        List<byte[]> octets = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
            octets.add(randomLowercase(random, nameLength));
            octets.add(randomLowercase(random, valueLength));
        }
        return HeaderBlock.of(octets);
    }

    private static byte[] randomLowercase(Random random, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + random.nextInt(26));
        }
        return b;
    }
}
