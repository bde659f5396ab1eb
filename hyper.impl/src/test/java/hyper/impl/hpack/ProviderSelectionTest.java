package hyper.impl.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.Providers;
import org.junit.jupiter.api.Test;

/** {@link java.util.ServiceLoader} finds the pure-Java codec, and the {@code hyper.hpack} property can name it. */
class ProviderSelectionTest {

    @Test
    void serviceLoaderFindsTheJavaCodec() {
        assertTrue(Providers.all(HpackCodecProvider.class).stream()
                .anyMatch(p -> p instanceof JavaHpackCodecProvider && p.name().equals("java") && p.priority() == 0));
        HpackCodecProvider chosen = HpackCodecProvider.select(null);
        assertTrue(chosen.unavailableReason().isEmpty());
        assertTrue(chosen.newDecoder(HpackLimits.DEFAULT) != null && chosen.newEncoder(4096) != null);
    }

    @Test
    void theSystemPropertyNamesTheCodec() {
        String old = System.getProperty(HpackCodecProvider.PROPERTY);
        try {
            System.setProperty(HpackCodecProvider.PROPERTY, "JAVA "); // trimmed, case-insensitive
            assertInstanceOf(JavaHpackCodecProvider.class, HpackCodecProvider.select(null));

            System.setProperty(HpackCodecProvider.PROPERTY, "no-such-codec");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> HpackCodecProvider.select(null));
            assertTrue(e.getMessage().contains("no-such-codec") && e.getMessage().contains("java"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(HpackCodecProvider.PROPERTY);
            } else {
                System.setProperty(HpackCodecProvider.PROPERTY, old);
            }
        }
    }

    @Test
    void anExplicitNameWinsOverTheProperty() {
        String old = System.getProperty(HpackCodecProvider.PROPERTY);
        try {
            System.setProperty(HpackCodecProvider.PROPERTY, "no-such-codec");
            assertEquals("java", HpackCodecProvider.select("java").name());
        } finally {
            if (old == null) {
                System.clearProperty(HpackCodecProvider.PROPERTY);
            } else {
                System.setProperty(HpackCodecProvider.PROPERTY, old);
            }
        }
    }
}
