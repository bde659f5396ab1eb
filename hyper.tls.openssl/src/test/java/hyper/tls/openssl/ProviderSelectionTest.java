package hyper.tls.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Hyper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Priority picks OpenSSL when it loads; when it cannot, hyper keeps JSSE and says why (in a fresh JVM each time). */
@Timeout(60)
class ProviderSelectionTest {
    /** Run in a child JVM: which TLS provider hyper picks, and what naming OpenSSL gives. */
    public static void main(String[] args) {
        System.out.println("picked: " + Hyper.tls(null).name());
        try {
            System.out.println("named: " + Hyper.tls("openssl").name());
        } catch (IllegalStateException e) {
            System.out.println("named: " + e.getMessage());
        }
    }

    static String child(String... properties) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of(properties));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ProviderSelectionTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void openSslWinsByPriorityWhenItLoads() throws Exception {
        NativeRequired.check();
        assertEquals("openssl", Hyper.tls(null).name());
        String out = child();
        assertTrue(out.contains("picked: openssl") && out.contains("named: openssl"), out);
    }

    @Test
    void disabledItLeavesJsseAndNamingItSaysWhy() throws Exception {
        String out = child("-D" + NativeLibrary.DISABLE_PROPERTY + "=true");
        assertTrue(out.contains("picked: jsse"), out);
        assertTrue(out.contains("named: TlsProvider 'openssl' was asked for but is unavailable: disabled by -D"
                + NativeLibrary.DISABLE_PROPERTY + "=true"), out);
    }

    @Test
    void aLibraryThatIsNotThereLeavesJsse() throws Exception {
        String missing = new File("target", "no-such-libhypertls.so").getAbsolutePath();
        String out = child("-D" + NativeLibrary.LIBRARY_PROPERTY + "=" + missing);
        assertTrue(out.contains("picked: jsse"), out);
        assertTrue(out.contains("which is not a file"), out);
    }

    @Test
    void thePropertyNamesJsseOverPriority() throws Exception {
        String out = child("-Dhyper.tls=jsse");
        assertTrue(out.contains("picked: jsse") && out.contains("named: openssl"), out);
    }
}
