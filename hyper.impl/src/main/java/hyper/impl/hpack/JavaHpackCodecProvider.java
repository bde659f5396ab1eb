package hyper.impl.hpack;

import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.HuffmanPolicy;
import java.util.Objects;

/** The pure-Java HPACK codec, named {@code "java"}; always available, at the baseline priority 0. */
public final class JavaHpackCodecProvider implements HpackCodecProvider {

    /** Called by {@link java.util.ServiceLoader}. */
    public JavaHpackCodecProvider() {
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public HpackEncoder newEncoder(int maxTableSize) {
        return new JavaHpackEncoder(maxTableSize);
    }

    @Override
    public HpackEncoder newEncoder(int maxTableSize, HuffmanPolicy huffman) {
        return new JavaHpackEncoder(maxTableSize, Objects.requireNonNull(huffman, "huffman"));
    }

    @Override
    public HpackDecoder newDecoder(HpackLimits limits) {
        return new JavaHpackDecoder(Objects.requireNonNull(limits, "limits"));
    }
}
