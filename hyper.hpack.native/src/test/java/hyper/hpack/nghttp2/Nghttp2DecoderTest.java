package hyper.hpack.nghttp2;

import static hyper.hpack.nghttp2.DecoderErrorsTest.failure;
import static hyper.hpack.nghttp2.DecoderErrorsTest.filler;
import static hyper.impl.hpack.HpackStories.decodeBlock;
import static hyper.impl.hpack.HpackStories.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HpackDecodingException;
import hyper.api.HpackDecodingException.Reason;
import hyper.api.spi.HeaderListener;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import hyper.impl.hpack.CollectingListener;
import hyper.impl.hpack.HpackStories.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is particular to the binding: its buffers, nghttp2's own limits, and how failures stick. */
class Nghttp2DecoderTest {
    private static final HpackLimits ROOMY = new HpackLimits(4096, 16 << 20, 100_000, 64 * 1024);

    @Test
    void outputLargerThanTheRecordBufferComesInSeveralRounds() throws Exception {
        // one 4,000-octet entry, then 300 references to it: 1.2 MB of fields from 300 octets
        BlockWriter w = new BlockWriter().indexing("big", filler(4000));
        for (int i = 0; i < 300; i++) {
            w.indexed(62);
        }
        byte[] block = w.toByteArray();
        assertEquals(decodeWith(Codecs.java(), ROOMY, block), decodeWith(Codecs.nghttp2(), ROOMY, block));
        assertEquals(301, decodeWith(Codecs.nghttp2(), ROOMY, block).size());
    }

    @Test
    void aFragmentLargerThanTheInputBufferIsDecodedInChunks() throws Exception {
        byte[] block = new BlockWriter().indexing("a", filler(20000)).neverIndexed("b", filler(30000))
                .withoutIndexing(1, filler(15000)).indexed(2).toByteArray();
        assertTrue(block.length > 3 * 16384);
        List<Field> expected = decodeWith(Codecs.java(), ROOMY, block);
        assertEquals(expected, decodeWith(Codecs.nghttp2(), ROOMY, block));
        assertEquals(4, expected.size());
    }

    @Test
    void stringsUpToNghttp2sMaximumDecode() throws Exception {
        byte[] block = new BlockWriter().withoutIndexing(1, filler(65536)).toByteArray();
        assertEquals(65536, decodeWith(Codecs.nghttp2(), ROOMY, block).get(0).value().length());
    }

    @Test
    void aLongerStringIsRefusedEvenWhenOurLimitAllowsIt() throws Exception {
        // nghttp2 cannot decode a literal over 65,536 octets (NGHTTP2_HD_MAX_NV); the pure-Java codec can
        HpackLimits generous = new HpackLimits(4096, 16 << 20, 1000, 1 << 20);
        byte[] block = new BlockWriter().withoutIndexing(1, filler(65537)).toByteArray();
        assertEquals(1, decodeWith(Codecs.java(), generous, block).size());
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(generous)) {
            HpackDecodingException e = failure(decoder, block);
            assertEquals(Reason.STRING_TOO_LONG, e.reason());
            assertTrue(e.getMessage().contains("nghttp2's maximum"), e.getMessage());
        }
    }

    @Test
    void aFatalErrorIsFinal() throws Exception {
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT)) {
            assertEquals(Reason.INVALID_INDEX, failure(decoder, "be").reason());
            // the context is lost (RFC 7541 §2.2): even a valid block is refused from now on
            assertEquals(Reason.INVALID_INDEX, failure(decoder, "82").reason());
        }
    }

    @Test
    void fieldsBeforeAFatalErrorAreDelivered() throws Exception {
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT)) {
            CollectingListener listener = new CollectingListener();
            byte[] block = hex("8284 be");
            assertThrows(HpackDecodingException.class, () -> decoder.decode(block, 0, block.length, true, listener));
            assertEquals(List.of(new Field(":method", "GET"), new Field(":path", "/")), listener.fields);
        }
    }

    @Test
    void aListenerThatThrowsLeavesTheDecoderUnusable() throws Exception {
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT)) {
            byte[] block = hex("8284");
            HeaderListener throwing = (name, value, neverIndexed) -> {
                throw new IllegalArgumentException("rejected by the application");
            };
            assertThrows(IllegalArgumentException.class, () -> decoder.decode(block, 0, block.length, true, throwing));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> decoder.decode(block, 0, block.length, true, new CollectingListener()));
            assertTrue(e.getMessage().contains("listener"), e.getMessage());
        }
    }

    @Test
    void aListenerCallingBackIntoTheDecoderIsRefused() throws Exception {
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT)) {
            byte[] block = hex("82");
            List<String> seen = new ArrayList<>();
            decoder.decode(block, 0, 1, true, (name, value, neverIndexed) -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, decoder::tableSize);
                seen.add(e.getMessage());
            });
            assertEquals(1, seen.size());
            assertTrue(seen.get(0).contains("from inside one of its own calls"), seen.get(0));
            assertEquals(List.of(new Field(":method", "GET")), decodeBlock(decoder, block), "still usable");
        }
    }

    @Test
    void staticTableNamesAreSharedConstants() throws Exception {
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT)) {
            List<byte[]> names = new ArrayList<>();
            HeaderListener keepNames = (name, value, neverIndexed) -> names.add(name);
            byte[] block = new BlockWriter().indexed(2).indexed(3).withoutIndexing(2, "PUT".getBytes())
                    .indexing("x-custom", "1").toByteArray();
            decoder.decode(block, 0, block.length, true, keepNames);
            assertSame(names.get(0), names.get(1), ":method of entries 2 and 3");
            assertSame(names.get(0), names.get(2), ":method named by a literal");
            assertEquals("x-custom", new String(names.get(3)));
        }
    }

    @Test
    void aSizeUpdateCutByAFragmentEndIsCompletedByTheNext() throws Exception {
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT.withMaxTableSize(1000))) {
            byte[] block = hex("3fc907 82"); // update to 1,000 (31 + 969), then :method GET
            CollectingListener listener = new CollectingListener();
            for (int i = 0; i < block.length; i++) {
                decoder.decode(block, i, 1, i == block.length - 1, listener);
            }
            assertEquals(List.of(new Field(":method", "GET")), listener.fields);
        }
    }

    @Test
    void argumentsAreChecked() throws Exception {
        try (HpackDecoder decoder = Codecs.nghttp2().newDecoder(HpackLimits.DEFAULT)) {
            byte[] block = hex("82");
            assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(block, 1, 1, true, new CollectingListener()));
            assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(block, -1, 1, true, new CollectingListener()));
            assertThrows(NullPointerException.class, () -> decoder.decode(block, 0, 1, true, null));
            assertThrows(IllegalArgumentException.class, () -> decoder.setMaxTableSize(-1));
            assertThrows(IllegalArgumentException.class, () -> decoder.setMaxHeaderListSize(-1));
            assertEquals(List.of(new Field(":method", "GET")), decodeBlock(decoder, block), "still usable");
        }
    }

    private static List<Field> decodeWith(hyper.api.spi.HpackCodecProvider codec, HpackLimits limits, byte[] block)
            throws Exception {
        try (HpackDecoder decoder = codec.newDecoder(limits)) {
            return decodeBlock(decoder, block);
        }
    }
}
