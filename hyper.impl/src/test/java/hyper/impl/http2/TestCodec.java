package hyper.impl.http2;

import hyper.api.spi.HpackCodecProvider;

/** The HPACK codec the connection tests run with: hyper's pure-Java one, found through the SPI. */
final class TestCodec {
    private TestCodec() {
    }

    static HpackCodecProvider codec() {
        return HpackCodecProvider.select("java");
    }
}
