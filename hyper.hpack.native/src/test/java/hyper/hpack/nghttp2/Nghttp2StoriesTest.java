package hyper.hpack.nghttp2;

import hyper.api.spi.HpackCodecProvider;
import hyper.impl.hpack.HpackCodecContract;

/** The nghttp2 codec against every hpack-test-case story: the same contract the pure-Java codec passes. */
class Nghttp2StoriesTest extends HpackCodecContract {

    @Override
    protected HpackCodecProvider provider() {
        return Codecs.nghttp2();
    }
}
