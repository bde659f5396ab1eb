package hyper.impl.hpack;

import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.HuffmanPolicy;
import hyper.impl.hpack.HpackStories.Case;
import hyper.impl.hpack.HpackStories.Field;
import hyper.impl.hpack.HpackStories.Story;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The encoder's string-coding option ({@link HuffmanPolicy}): exact octets for each policy, and round trips. */
class HuffmanPolicyTest {
    // RFC 7541 C.3.3 / C.4.3: "custom-key: custom-value", a literal with indexing and a new name (0x40).
    private static final String NAME_RAW = "0a637573746f6d2d6b6579"; // 10 octets
    private static final String NAME_HUFFMAN = "8825a849e95ba97d7f"; // 8 octets
    private static final String VALUE_RAW = "0c637573746f6d2d76616c7565"; // 12 octets
    private static final String VALUE_HUFFMAN = "8925a849e95bb8e8b4bf"; // 9 octets

    @Test
    void whenShorterCodesBothStringsAsRfc7541C4Does() throws Exception {
        assertEquals("40" + NAME_HUFFMAN + VALUE_HUFFMAN, encodeOnce(HuffmanPolicy.WHEN_SHORTER));
    }

    @Test
    void neverSendsRawOctetsAsRfc7541C3Does() throws Exception {
        assertEquals("40" + NAME_RAW + VALUE_RAW, encodeOnce(HuffmanPolicy.NEVER));
    }

    @Test
    void aMinimumLengthCodesOnlyStringsThatLong() throws Exception {
        assertEquals("40" + NAME_HUFFMAN + VALUE_HUFFMAN, encodeOnce(HuffmanPolicy.atLeast(10)));
        assertEquals("40" + NAME_RAW + VALUE_HUFFMAN, encodeOnce(HuffmanPolicy.atLeast(11)), "the name has 10 octets");
        assertEquals("40" + NAME_RAW + VALUE_HUFFMAN, encodeOnce(HuffmanPolicy.atLeast(12)), "the value has 12");
        assertEquals("40" + NAME_RAW + VALUE_RAW, encodeOnce(HuffmanPolicy.atLeast(13)));
        assertEquals("40" + NAME_RAW + VALUE_RAW, encodeOnce(HuffmanPolicy.atLeast(512)));
    }

    @Test
    void aLongEnoughStringIsStillSentRawWhenHuffmanIsNotShorter() throws Exception {
        // '&' has an 8-bit code, so 600 of them take exactly 600 octets coded: no gain, sent raw.
        String value = "&".repeat(600);
        byte[] block = encode(HuffmanPolicy.atLeast(512), "x", value);
        // 40, name "x" raw (01 78), then a raw length of 600 (7f d9 03) and the octets
        assertEquals("400178" + "7fd903", hex(block).substring(0, 12));
        assertEquals(1 + 2 + 3 + 600, block.length);
        // 'a' has a 5-bit code: 600 of them Huffman-code to 375 octets, long enough to be coded at 512.
        byte[] coded = encode(HuffmanPolicy.atLeast(512), "x", "a".repeat(600));
        assertEquals("400178" + "fff801", hex(coded).substring(0, 12), "H bit, and 375 = 127 + 248");
        assertEquals(1 + 2 + 3 + 375, coded.length);
        // Just below the minimum the same string stays raw.
        assertEquals(1 + 2 + 3 + 600, encode(HuffmanPolicy.atLeast(601), "x", "a".repeat(600)).length);
    }

    @Test
    void theProviderHandsThePolicyToItsEncoder() throws Exception {
        JavaHpackCodecProvider provider = new JavaHpackCodecProvider();
        try (HpackEncoder raw = provider.newEncoder(4096, HuffmanPolicy.NEVER);
             HpackEncoder coded = provider.newEncoder(4096)) {
            BlockBuffer out = new BlockBuffer();
            raw.encode(FieldList.of("custom-key", "custom-value"), out);
            assertEquals("40" + NAME_RAW + VALUE_RAW, hex(out.toByteArray()));
            out.reset();
            coded.encode(FieldList.of("custom-key", "custom-value"), out);
            assertEquals("40" + NAME_HUFFMAN + VALUE_HUFFMAN, hex(out.toByteArray()));
        }
    }

    static Stream<Arguments> policiesAndStories() {
        List<HuffmanPolicy> policies = List.of(HuffmanPolicy.WHEN_SHORTER, HuffmanPolicy.NEVER, HuffmanPolicy.atLeast(8),
                HuffmanPolicy.atLeast(512));
        return policies.stream().flatMap(p -> HpackStories.rawData().map(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("policiesAndStories")
    void everyPolicyRoundTripsEveryRawDataStory(HuffmanPolicy policy, Story story) throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096, policy);
        HpackDecoder decoder = new JavaHpackDecoder(HpackLimits.DEFAULT);
        BlockBuffer out = new BlockBuffer();
        for (Case c : story.cases()) {
            out.reset();
            encoder.encode(FieldList.of(c.headers()), out);
            assertEquals(c.headers(), decodeBlock(decoder, out.toByteArray()), story + " block " + c.seqno());
            assertEquals(encoder.tableSize(), decoder.tableSize(), "table sizes drifted apart");
        }
    }

    @Test
    void rawBlocksAreNeverSmallerAndCodedOnesNeverLarger() throws Exception {
        for (Story story : HpackStories.load("raw-data")) {
            int[] sizes = new int[3];
            List<HuffmanPolicy> policies = List.of(HuffmanPolicy.WHEN_SHORTER, HuffmanPolicy.atLeast(16), HuffmanPolicy.NEVER);
            for (int p = 0; p < policies.size(); p++) {
                JavaHpackEncoder encoder = new JavaHpackEncoder(4096, policies.get(p));
                BlockBuffer out = new BlockBuffer();
                for (Case c : story.cases()) {
                    encoder.encode(FieldList.of(c.headers()), out);
                }
                sizes[p] = out.length();
            }
            assertTrue(sizes[0] <= sizes[1] && sizes[1] <= sizes[2], story + ": " + java.util.Arrays.toString(sizes));
            assertTrue(sizes[0] < sizes[2], story + " has text Huffman makes shorter");
        }
    }

    // The policy type

    @Test
    void parsesTheNamesAndLengthsItPrints() {
        assertSame(HuffmanPolicy.WHEN_SHORTER, HuffmanPolicy.parse("shorter"));
        assertSame(HuffmanPolicy.NEVER, HuffmanPolicy.parse(" NEVER "));
        assertEquals(HuffmanPolicy.atLeast(512), HuffmanPolicy.parse("512"));
        assertSame(HuffmanPolicy.WHEN_SHORTER, HuffmanPolicy.parse("0"));
        for (HuffmanPolicy p : List.of(HuffmanPolicy.WHEN_SHORTER, HuffmanPolicy.NEVER, HuffmanPolicy.atLeast(64))) {
            assertEquals(p, HuffmanPolicy.parse(p.toString()));
        }
        assertEquals("512", HuffmanPolicy.atLeast(512).toString());
    }

    @Test
    void rejectsWhatIsNoPolicy() {
        for (String bad : List.of("", "always", "-1", "1e3", "99999999999")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuffmanPolicy.parse(bad));
            assertTrue(e.getMessage().contains("'shorter', 'never' or a length"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> HuffmanPolicy.atLeast(-1));
    }

    @Test
    void connectionOptionsCarryThePolicy() {
        assertEquals(null, hyper.api.ConnectionOptions.DEFAULTS.hpackHuffman(), "unset: the property or the default decides");
        hyper.api.ConnectionOptions o = hyper.api.ConnectionOptions.builder().hpackHuffman(HuffmanPolicy.atLeast(512)).build();
        assertEquals(HuffmanPolicy.atLeast(512), o.hpackHuffman());
        assertEquals(HuffmanPolicy.atLeast(512), o.toBuilder().build().hpackHuffman());
        assertThrows(NullPointerException.class, () -> hyper.api.ConnectionOptions.builder().hpackHuffman(null));
    }

    @Test
    void theOptionWinsOverThePropertyWhichWinsOverTheDefault() {
        String old = System.getProperty(HuffmanPolicy.PROPERTY);
        try {
            System.clearProperty(HuffmanPolicy.PROPERTY);
            assertSame(HuffmanPolicy.WHEN_SHORTER, HuffmanPolicy.select(null));
            System.setProperty(HuffmanPolicy.PROPERTY, "never");
            assertSame(HuffmanPolicy.NEVER, HuffmanPolicy.select(null));
            assertEquals(HuffmanPolicy.atLeast(512), HuffmanPolicy.select(HuffmanPolicy.atLeast(512)));
            System.setProperty(HuffmanPolicy.PROPERTY, "sometimes");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HuffmanPolicy.select(null));
            assertTrue(e.getMessage().contains("-Dhyper.hpack.huffman"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(HuffmanPolicy.PROPERTY);
            } else {
                System.setProperty(HuffmanPolicy.PROPERTY, old);
            }
        }
    }

    private static String encodeOnce(HuffmanPolicy policy) throws Exception {
        return hex(encode(policy, "custom-key", "custom-value"));
    }

    private static byte[] encode(HuffmanPolicy policy, String name, String value) throws Exception {
        JavaHpackEncoder encoder = new JavaHpackEncoder(4096, policy);
        BlockBuffer out = new BlockBuffer();
        encoder.encode(FieldList.of(name, value), out);
        byte[] block = out.toByteArray();
        List<Field> decoded = decodeBlock(new JavaHpackDecoder(HpackLimits.DEFAULT), block);
        assertEquals(List.of(new Field(name, value)), decoded);
        return block;
    }
}
