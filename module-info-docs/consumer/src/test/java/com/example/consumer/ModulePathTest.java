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

    static String modulePath() {
        List<String> parts = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = entry.replace('\\', '/');
            if (n.contains("hyper-api") || n.contains("hyper.api/") || n.contains("hyper-impl") || n.contains("hyper.impl/")
                    || n.endsWith("consumer/target/classes")) {
                parts.add(entry);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    @Test
    void theConsumerModuleFindsTheEngineProvidersOnTheModulePath() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", modulePath(),
                "--module", "com.example.consumer/com.example.consumer.ShowProviders")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the example did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("module: com.example.consumer"), out);
        assertTrue(out.contains("tls provider: jsse"), out);
        assertTrue(out.contains("active hpack codec: java"), out);
        assertTrue(out.contains(":path: /index.html"), out);
        assertTrue(Files.isDirectory(Path.of("target", "classes")), "run from the module folder");
    }
}
