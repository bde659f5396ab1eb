package hyper.probe;

import hyper.api.Hyper;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.Providers;
import java.nio.charset.StandardCharsets;

/**
 * Run in a child JVM by ProviderSelectionTest, the way a user's program would meet the codec: prints
 * every HPACK provider with its availability, which one hyper chose and from which module, and a block
 * decoded with it. Lives outside hyper.hpack.nghttp2 so it can sit on the class path next to that module.
 */
public final class CodecProbe {
    private CodecProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (HpackCodecProvider p : Providers.all(HpackCodecProvider.class)) {
            System.out.println("provider " + p.name() + ": " + p.unavailableReason().orElse("available"));
        }
        HpackCodecProvider chosen;
        try {
            chosen = Hyper.hpackCodec(null);
        } catch (IllegalStateException e) {
            System.out.println("refused: " + e.getMessage());
            return;
        }
        System.out.println("chosen " + chosen.name() + " from " + chosen.getClass().getModule());
        byte[] block = {(byte) 0x82, (byte) 0x84};
        StringBuilder fields = new StringBuilder();
        try (HpackDecoder decoder = chosen.newDecoder(HpackLimits.DEFAULT)) {
            decoder.decode(block, 0, block.length, true, (name, value, neverIndexed) -> fields.append(' ')
                    .append(new String(name, StandardCharsets.US_ASCII)).append('=')
                    .append(new String(value, StandardCharsets.US_ASCII)));
        }
        System.out.println("decoded" + fields);
    }
}
