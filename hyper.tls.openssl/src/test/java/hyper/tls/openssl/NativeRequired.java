package hyper.tls.openssl;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fails a test, saying why and how to fix it, when libhypertls.so was not built or does not load: never a skip. */
final class NativeRequired {
    private NativeRequired() {
    }

    static void check() throws IOException {
        String marker = System.getProperty("hyper.tls.openssl.test.skipped");
        if (marker != null && Files.exists(Path.of(marker))) {
            fail("libhypertls.so was not built: " + Files.readString(Path.of(marker)).trim()
                    + " (dev/test installs gcc and libssl-dev)");
        }
        NativeLibrary.unavailableReason().ifPresent(why -> fail("the OpenSSL TLS provider is unavailable: " + why));
    }
}
