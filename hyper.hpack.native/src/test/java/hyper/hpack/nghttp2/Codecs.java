package hyper.hpack.nghttp2;

import static org.junit.jupiter.api.Assertions.fail;

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
 * named by {@code -Dhyper.hpack.nghttp2.test.skipped}; the native tests then FAIL with that reason and the
 * command that installs what is missing: a test is never skipped silently. A library that was built but does
 * not load fails them too.
 */
final class Codecs {
    private Codecs() {
    }

    /** Names for {@code @MethodSource}: both codecs. */
    static Stream<String> names() {
        return Stream.of("java", "nghttp2");
    }

    /** The codec named {@code name}; fails the test if it is nghttp2 and the build did not make it. */
    static HpackCodecProvider named(String name) {
        if (name.equals(Nghttp2CodecProvider.NAME)) {
            requireNativeBuilt();
        }
        return HpackCodecProvider.select(name);
    }

    static HpackCodecProvider nghttp2() {
        return named(Nghttp2CodecProvider.NAME);
    }

    static HpackCodecProvider java() {
        return named("java");
    }

    /** Fails the calling test when the build skipped the native library, saying why and how to fix it. */
    static void requireNativeBuilt() {
        String marker = System.getProperty("hyper.hpack.nghttp2.test.skipped");
        if (marker != null && Files.exists(Path.of(marker))) {
            try {
                fail("native library not built: " + Files.readString(Path.of(marker)).trim()
                        + " (install the toolchain with: apt-get install -y gcc libnghttp2-dev; ./dev/test does this)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
