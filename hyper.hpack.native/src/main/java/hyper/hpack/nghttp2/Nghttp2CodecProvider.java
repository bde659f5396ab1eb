package hyper.hpack.nghttp2;

import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.HuffmanPolicy;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HPACK through libnghttp2, named {@value #NAME}. Its priority is above the pure-Java codec's, so adding
 * this module is all it takes to use it; when the native library cannot load it reports why through
 * {@link #unavailableReason()} and hyper's provider lookup passes it over.
 */
public final class Nghttp2CodecProvider implements HpackCodecProvider {
    /** The name that selects this codec: {@code -Dhyper.hpack=nghttp2} or the connection option. */
    public static final String NAME = "nghttp2";
    /** Above the pure-Java codec's 0. */
    public static final int PRIORITY = 100;
    private static final System.Logger LOG = System.getLogger("hyper.hpack");
    /** Whether the warning that a Huffman policy is not applied has been logged (once per JVM). */
    static final AtomicBoolean POLICY_WARNED = new AtomicBoolean();

    /** For {@link java.util.ServiceLoader}. Loads nothing: the library is loaded on first need. */
    public Nghttp2CodecProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Optional<String> unavailableReason() {
        return LibraryLoader.unavailableReason();
    }

    @Override
    public HpackEncoder newEncoder(int maxTableSize) {
        requireAvailable();
        return new Nghttp2Encoder(maxTableSize);
    }

    /**
     * libnghttp2's deflater has no choice of string coding: it Huffman-codes every string that gets shorter, which is
     * {@link HuffmanPolicy#WHEN_SHORTER}. Any other policy is not applied; the first time one is asked for, a warning
     * says so (a user who wants it picks the pure-Java codec, {@code hpackCodec("java")}).
     */
    @Override
    public HpackEncoder newEncoder(int maxTableSize, HuffmanPolicy huffman) {
        if (huffman != null && !huffman.equals(HuffmanPolicy.WHEN_SHORTER) && POLICY_WARNED.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "the nghttp2 HPACK codec Huffman-codes every string that gets shorter; the Huffman policy '" + huffman + "'"
                    + " is not applied (choose the pure-Java codec, hpackCodec(\"java\"), to apply it)");
        }
        return newEncoder(maxTableSize);
    }

    @Override
    public HpackDecoder newDecoder(HpackLimits limits) {
        Objects.requireNonNull(limits, "limits");
        requireAvailable();
        return new Nghttp2Decoder(limits);
    }

    private static void requireAvailable() {
        Optional<String> why = LibraryLoader.unavailableReason();
        if (why.isPresent()) {
            throw new IllegalStateException("the nghttp2 HPACK codec is unavailable: " + why.get());
        }
    }

    @Override
    public String toString() {
        String version = LibraryLoader.nghttp2Version();
        return "HPACK codec nghttp2 (" + (version != null ? "libnghttp2 " + version
                : "unavailable: " + LibraryLoader.unavailableReason().orElse("?")) + ")";
    }
}
