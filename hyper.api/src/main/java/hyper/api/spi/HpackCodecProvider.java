package hyper.api.spi;

/**
 * An HPACK (RFC 7541) implementation: hyper's pure-Java codec in {@code hyper.impl}, or nghttp2's through JNI in
 * {@code hyper.hpack.nghttp2}. Chosen by {@link Providers}: the option or the system property
 * {@value #PROPERTY} names one, else the highest-priority available one is used.
 *
 * <p>Each HTTP/2 connection takes one encoder and one decoder; neither is shared between connections.
 */
public interface HpackCodecProvider extends HyperProvider {

    /** The system property that names the codec, e.g. {@code -Dhyper.hpack=java}. */
    String PROPERTY = "hyper.hpack";

    /** A new encoder whose dynamic table starts at 4,096 octets (RFC 7541 §4.2 default) and may never grow beyond {@code maxTableSize}. */
    HpackEncoder newEncoder(int maxTableSize);

    /**
     * A new encoder as {@link #newEncoder(int)}, Huffman-coding string literals as {@code huffman} says. A codec
     * whose library always decides on its own (nghttp2: Huffman whenever shorter) keeps its behaviour: this
     * default ignores the policy.
     */
    default HpackEncoder newEncoder(int maxTableSize, HuffmanPolicy huffman) {
        return newEncoder(maxTableSize);
    }

    /** A new decoder enforcing {@code limits}. */
    HpackDecoder newDecoder(HpackLimits limits);

    /** The provider {@link Providers} picks for {@code explicitName} (may be null), the property and priorities. */
    static HpackCodecProvider select(String explicitName) {
        return Providers.select(HpackCodecProvider.class, explicitName, PROPERTY);
    }
}
