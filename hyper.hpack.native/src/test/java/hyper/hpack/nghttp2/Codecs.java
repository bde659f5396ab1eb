package hyper.hpack.nghttp2;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hyper.api.spi.HpackCodecProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The two codecs the suites run against, found through the SPI as a user would get them.
 *
 * <p>When build-native.sh skipped the library (no gcc or libnghttp2-dev) it left its reason in the file
 * named by {@code -Dhyper.hpack.nghttp2.test.skipped}; only then are native tests skipped, with that
 * reason. A library that was built but does not load fails them.
 */
final class Codecs {
    private Codecs() {
    }

    /** Names for {@code @MethodSource}: both codecs. */
    static Stream<String> names() {
        return Stream.of("java", "nghttp2");
    }

    /** The codec named {@code name}, skipping the test if it is nghttp2 and the build did not make it. */
    static HpackCodecProvider named(String name) {
        if (name.equals(Nghttp2CodecProvider.NAME)) {
            assumeNativeBuilt();
        }
        return HpackCodecProvider.select(name);
    }

    static HpackCodecProvider nghttp2() {
        return named(Nghttp2CodecProvider.NAME);
    }

    static HpackCodecProvider java() {
        return named("java");
    }

    /** Skips the calling test when the build skipped the native library, saying why. */
    static void assumeNativeBuilt() {
        String marker = System.getProperty("hyper.hpack.nghttp2.test.skipped");
        if (marker != null && Files.exists(Path.of(marker))) {
            try {
                assumeTrue(false, "native library not built: " + Files.readString(Path.of(marker)).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
