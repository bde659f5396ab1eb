package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the example as a real JPMS application: a separate JVM with hyper.api, hyper.impl and this module on the
 * module path, nothing on the class path. Proves that {@code uses}/{@code provides} wire the providers up.
 */
class ModulePathTest {

    /** hyper.api, hyper.impl and this module, as on the test class path; with {@code nghttp2} or {@code openssl}, those too. */
    static String modulePath(boolean nghttp2, boolean openssl) {
        List<String> parts = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = entry.replace('\\', '/');
            boolean base = n.contains("hyper-api") || n.contains("hyper.api/") || n.contains("hyper-impl/")
                    || n.contains("hyper.impl/") || n.matches(".*hyper-impl-[^/]*SNAPSHOT\\.jar")
                    || n.endsWith("consumer/target/classes");
            boolean nativeCodec = n.contains("hyper-hpack-nghttp2") || n.contains("hyper.hpack.native/");
            boolean nativeTls = n.contains("hyper-tls-openssl") || n.contains("hyper.tls.openssl/");
            if (n.contains("tests.jar") || n.contains("test-classes") && !n.contains("consumer")) {
                continue;
            }
            if (base || nghttp2 && nativeCodec || openssl && nativeTls) {
                parts.add(entry);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    static String run(String modulePath, String... extraModules) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--module-path", modulePath));
        if (extraModules.length > 0) {
            // nothing requires the native modules, so it joins the module graph only when named (or through a launcher)
            cmd.add("--add-modules");
            cmd.add(String.join(",", extraModules));
            cmd.add("--enable-native-access=ALL-UNNAMED," + String.join(",", extraModules));
        }
        cmd.addAll(List.of("--module", "com.example.consumer/com.example.consumer.ShowProviders"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the example did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void theConsumerModuleFindsTheEngineProvidersOnTheModulePath() throws Exception {
        String out = run(modulePath(false, false));
        assertTrue(out.contains("module: com.example.consumer"), out);
        assertTrue(out.contains("tls provider: jsse"), out);
        assertTrue(out.contains("active tls provider: jsse"), out);
        assertTrue(out.contains("active hpack codec: java"), out);
        assertTrue(out.contains(":path: /index.html"), out);
        assertTrue(Files.isDirectory(Path.of("target", "classes")), "run from the module folder");
    }

    @Test
    void addingTheNghttp2ModuleSwitchesToNativeHpackWithNoOtherChange() throws Exception {
        String out = run(modulePath(true, false), "hyper.hpack.nghttp2");
        assertTrue(out.contains("hpack provider: nghttp2 priority=100 available"), out);
        assertTrue(out.contains("active hpack codec: nghttp2"), out);
        assertTrue(out.contains(":path: /index.html"), out);
    }

    @Test
    void addingTheOpenSslModuleSwitchesTlsToOpenSslWithNoOtherChange() throws Exception {
        String out = run(modulePath(false, true), "hyper.tls.openssl");
        assertTrue(out.contains("tls provider: openssl"), out);
        assertTrue(out.contains("active tls provider: openssl"), out);
        assertTrue(out.contains("active hpack codec: java"), out);
    }
}
