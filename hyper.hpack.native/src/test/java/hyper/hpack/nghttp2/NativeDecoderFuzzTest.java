package hyper.hpack.nghttp2;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeEach;

/**
 * Jazzer target: the differential check of {@link DifferentialDecodingTest} on generated input. Under
 * {@code mvn verify} it replays its seeds ({@code NativeDecoderFuzzTestInputs/decode}: nghttp2's 64 KiB
 * string cap, record-buffer overflow, cut size updates); to fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl hyper.hpack.native -am verify -Dtest=NativeDecoderFuzzTest}.
 * Jazzer's coverage guidance sees only Java, so it steers by the pure-Java decoder's branches; the
 * native decoder is checked against it on every input.
 */
class NativeDecoderFuzzTest {

    /** Here, not in the target: Jazzer would report the skip as a finding. */
    @BeforeEach
    void nativeBuilt() {
        Codecs.requireNativeBuilt();
    }

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] data) {
        DifferentialDecodingTest.check(data);
    }
}
