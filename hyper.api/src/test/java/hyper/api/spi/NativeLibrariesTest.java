package hyper.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a provider's packed library, and every way that can fail becoming a reason (on linux-x86_64, the CI's). */
class NativeLibrariesTest {
    @Test
    void aPackedLibraryIsHandedToTheProvidersLoader() {
        List<Path> loaded = new ArrayList<>();
        Optional<String> why = NativeLibraries.load(NativeLibrariesTest.class, "test.fake", "libfake.so", "fake.jar",
                "gcc", loaded::add);
        assertEquals(Optional.empty(), why);
        assertEquals(1, loaded.size());
        assertTrue(loaded.get(0).endsWith("libfake.so"), "loaded in place from the classes directory: " + loaded);
    }

    @Test
    void aLibraryThatWillNotLoadIsAReason() {
        Optional<String> why = NativeLibraries.load(NativeLibrariesTest.class, "test.fake", "libfake.so", "fake.jar",
                "gcc", file -> {
                    throw new UnsatisfiedLinkError(file + ": libmissing.so.1: cannot open shared object file");
                });
        assertTrue(why.orElseThrow().startsWith("cannot load "), why.get());
        assertTrue(why.get().endsWith("libfake.so: libmissing.so.1: cannot open shared object file"), why.get());
    }

    @Test
    void aCheckedLoadGivesTheWrappedVersionWhenTheAbiMatches() {
        NativeLibraries.Outcome o = NativeLibraries.loadChecked(NativeLibrariesTest.class, "test.fake", "libfake.so",
                "fake.jar", "gcc", file -> { }, () -> 3, 3, () -> "fake 1.2");
        assertEquals(new NativeLibraries.Outcome(Optional.empty(), "fake 1.2"), o);
    }

    @Test
    void aCheckedLoadTurnsAStaleAbiAndThrownErrorsIntoReasons() {
        NativeLibraries.Outcome stale = NativeLibraries.loadChecked(NativeLibrariesTest.class, "test.fake", "libfake.so",
                "fake.jar", "gcc", file -> { }, () -> 2, 3, () -> fail("no version asked of a stale library"));
        assertEquals(new NativeLibraries.Outcome(Optional.of("the library speaks JNI ABI 2, these classes need 3"), null), stale);
        NativeLibraries.Outcome unlinked = NativeLibraries.loadChecked(NativeLibrariesTest.class, "test.fake", "libfake.so",
                "fake.jar", "gcc", file -> { }, () -> {
                    throw new UnsatisfiedLinkError("abiVersion");
                }, 3, () -> "never");
        assertTrue(unlinked.unavailableReason().orElseThrow().startsWith("cannot load the native library: "
                + "java.lang.UnsatisfiedLinkError: abiVersion"), unlinked.toString());
        assertEquals(null, unlinked.version());
    }

    @Test
    void aLibraryThatIsNotPackedSaysWhatBuildingItTakes() {
        Optional<String> why = NativeLibraries.load(NativeLibrariesTest.class, "test.fake", "libnone.so", "fake.jar",
                "gcc or libfoo-dev", file -> fail("nothing to load"));
        assertEquals("native/linux-x86_64/libnone.so is not packed in fake.jar (it was built without gcc or libfoo-dev)",
                why.orElseThrow());
    }

    @Test
    void thePropertiesDisableOrNameAFile() throws Exception {
        System.setProperty("test.fake.disable", "true");
        try {
            assertEquals("disabled by -Dtest.fake.disable=true", NativeLibraries.load(NativeLibrariesTest.class,
                    "test.fake", "libfake.so", "fake.jar", "gcc", file -> fail("disabled")).orElseThrow());
        } finally {
            System.clearProperty("test.fake.disable");
        }
        Path named = Files.createTempFile("named-", ".so");
        List<Path> loaded = new ArrayList<>();
        System.setProperty("test.fake.library", named.toString());
        try {
            assertEquals(Optional.empty(), NativeLibraries.load(NativeLibrariesTest.class, "test.fake", "libfake.so",
                    "fake.jar", "gcc", loaded::add));
            assertEquals(List.of(named.toAbsolutePath()), loaded);
            Files.delete(named);
            assertTrue(NativeLibraries.load(NativeLibrariesTest.class, "test.fake", "libfake.so", "fake.jar", "gcc",
                    file -> fail("missing")).orElseThrow().endsWith(", which is not a file"));
        } finally {
            System.clearProperty("test.fake.library");
            Files.deleteIfExists(named);
        }
    }
}
