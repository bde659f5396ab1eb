package hyper.impl.hpack;

import hyper.api.spi.HpackCodecProvider;

/** The pure-Java codec against the hpack-test-case stories. */
class JavaHpackStoriesTest extends HpackCodecContract {

    @Override
    protected HpackCodecProvider provider() {
        return new JavaHpackCodecProvider();
    }
}
