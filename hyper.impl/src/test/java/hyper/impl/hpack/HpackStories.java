package hyper.impl.hpack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hyper.api.HpackDecodingException;
import hyper.api.spi.HpackDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Loads the hpack-test-case stories (test resources under {@code /hpack-test-case/}, MIT, see its LICENSE).
 *
 * <p>Each story is a series of header blocks that share one compression context. The {@code raw-data}
 * folder holds only the header lists; every other folder holds one implementation's encoding of them
 * ({@code wire}), optionally with the SETTINGS_HEADER_TABLE_SIZE acknowledged just before a block.
 * Resources are found by name ({@code story_00.json}, {@code story_01.json}, ...), so this also works from
 * the test-jar that other modules' tests (the nghttp2 codec) use.
 */
public final class HpackStories {
    /** The folders with encoded blocks, one per encoder implementation. */
    public static final List<String> IMPLEMENTATIONS = List.of(
            "go-hpack", "nghttp2", "nghttp2-change-table-size", "python-hpack", "swift-nio-hpack-huffman");
    /** The folder with header lists only. */
    public static final String RAW_DATA = "raw-data";

    private static final String ROOT = "/hpack-test-case/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, List<Story>> CACHE = new ConcurrentHashMap<>();

    private HpackStories() {
    }

    /** One header field; octets are read and written as UTF-8 (the stories are ASCII). */
    public record Field(String name, String value) {
        public static Field of(byte[] name, byte[] value) {
            return new Field(new String(name, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    /**
     * One header block of a story.
     *
     * @param headerTableSize the SETTINGS_HEADER_TABLE_SIZE acknowledged just before this block, or -1
     * @param wire the encoded block, or null in {@code raw-data}
     */
    public record Case(int seqno, int headerTableSize, byte[] wire, List<Field> headers) {
    }

    /** A file of blocks sharing one compression context. */
    public record Story(String folder, String file, List<Case> cases) {
        @Override
        public String toString() {
            return folder + "/" + file;
        }
    }

    /** Every story of every implementation folder. */
    public static Stream<Story> implementations() {
        return IMPLEMENTATIONS.stream().flatMap(folder -> load(folder).stream());
    }

    /** The header lists of {@code raw-data}. */
    public static Stream<Story> rawData() {
        return load(RAW_DATA).stream();
    }

    /** The stories of one folder, in file order. */
    public static List<Story> load(String folder) {
        return CACHE.computeIfAbsent(folder, HpackStories::read);
    }

    private static List<Story> read(String folder) {
        List<Story> stories = new ArrayList<>();
        for (int n = 0; ; n++) {
            String file = String.format("story_%02d.json", n);
            try (InputStream in = HpackStories.class.getResourceAsStream(ROOT + folder + "/" + file)) {
                if (in == null) {
                    break;
                }
                stories.add(parse(folder, file, JSON.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(folder + "/" + file, e);
            }
        }
        if (stories.isEmpty()) {
            throw new IllegalStateException("no stories in " + ROOT + folder + " on the class path");
        }
        return List.copyOf(stories);
    }

    private static Story parse(String folder, String file, JsonNode root) {
        List<Case> cases = new ArrayList<>();
        int seqno = 0;
        for (JsonNode c : root.get("cases")) {
            JsonNode size = c.get("header_table_size");
            JsonNode wire = c.get("wire");
            List<Field> headers = new ArrayList<>();
            for (JsonNode h : c.get("headers")) {
                for (Map.Entry<String, JsonNode> e : h.properties()) {
                    headers.add(new Field(e.getKey(), e.getValue().asText()));
                }
            }
            cases.add(new Case(c.has("seqno") ? c.get("seqno").asInt() : seqno,
                    size == null || size.isNull() ? -1 : size.asInt(),
                    wire == null ? null : HexFormat.of().parseHex(wire.asText()),
                    List.copyOf(headers)));
            seqno++;
        }
        return new Story(folder, file, List.copyOf(cases));
    }

    /** Decodes one whole block in one call. */
    public static List<Field> decodeBlock(HpackDecoder decoder, byte[] block) throws HpackDecodingException {
        CollectingListener listener = new CollectingListener();
        decoder.decode(block, 0, block.length, true, listener);
        return listener.fields;
    }

    /** Decodes a block given as octets, for tests that must not throw checked exceptions. */
    public static List<Field> decodeBlockUnchecked(HpackDecoder decoder, int... octets) {
        byte[] block = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            block[i] = (byte) octets[i];
        }
        try {
            return decodeBlock(decoder, block);
        } catch (HpackDecodingException e) {
            throw new AssertionError("valid block refused: " + e.getMessage(), e);
        }
    }

    /** Octets from hex, spaces allowed (as in RFC 7541's dumps). */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    /** Hex of {@code bytes}, for assertions that print well. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
