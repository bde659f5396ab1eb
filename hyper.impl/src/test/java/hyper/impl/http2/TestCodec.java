package hyper.impl.http2;

import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.Providers;

/** The HPACK codec tests run the connection with: the real one found by ServiceLoader, else the literal-only one. */
final class TestCodec {
    private TestCodec() {
    }

    static HpackCodecProvider codec() {
        for (HpackCodecProvider p : Providers.all(HpackCodecProvider.class)) {
            if (p.unavailableReason().isEmpty()) {
                return p;
            }
        }
        return new LiteralHpack.Codec();
    }
}
