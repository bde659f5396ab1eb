package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The command-line program, as the README demo runs it: on the module path, in its own JVM. */
class MainTest {

  /** target/classes holds the compiled module hyper.httpbin; Netty's jars are named modules too. */
  private static String modulePath() {
    List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> entry.endsWith(Path.of("target", "classes").toString()) || entry.contains("io/netty"))
        .collect(Collectors.toList());
    assertTrue(entries.stream().anyMatch(e -> e.endsWith("classes")), "target/classes on " + entries);
    return String.join(File.pathSeparator, entries);
  }

  @Test
  void runsAsAModuleAndPrintsUrlsThatWork() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-p", modulePath(), "-m", "hyper.httpbin/hyper.httpbin.Main",
        "--port", "0", "--exit-on-stdin-eof", "--duration", "60").redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String banner = out.readLine();
      String https = out.readLine();
      String http = out.readLine();
      String ca = out.readLine();
      System.out.println("Main printed: " + banner);

      assertTrue(banner.startsWith("hyper.httpbin listening on 127.0.0.1:"), banner);
      assertTrue(https.matches("https://localhost:\\d+"), https);
      assertEquals(https.replace("https", "http"), http);
      assertTrue(ca.startsWith("CA certificate: "), ca);
      Tools.Output curl = Tools.run(List.of(Tools.require("curl"), "-sS", "--cacert",
          ca.substring("CA certificate: ".length()), "-w", "%{http_version}", https + "/ip"), 30);
      assertEquals(0, curl.exitCode(), curl.stderr());
      assertTrue(curl.stdoutText().endsWith("}\n2"), curl.stdoutText());

      process.getOutputStream().close(); // --exit-on-stdin-eof: the end of input stops the server
      assertTrue(process.waitFor(20, TimeUnit.SECONDS), "exits once stdin closes");
      assertEquals(0, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  private static List<String> runInProcess(int expectedStatus, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]));
    assertEquals(expectedStatus, status, err.toString(StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
    lines.addAll(err.toString(StandardCharsets.UTF_8).lines().toList());
    return lines;
  }

  @Test
  void withoutTlsOnlyTheHttpUrlIsPrinted() throws Exception {
    List<String> lines = runInProcess(0, "--no-tls", "--duration", "0");

    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).matches("http://localhost:\\d+"), lines.toString());
  }

  @Test
  void helpPrintsTheOptions() throws Exception {
    List<String> lines = runInProcess(0, "--help");

    assertTrue(lines.contains("  --exit-on-stdin-eof    stop when standard input closes"), lines.toString());
  }

  @Test
  void badOptionsExitWithStatus2AndTheUsage() throws Exception {
    assertTrue(runInProcess(2, "--bogus").get(0).contains("unknown option --bogus"));
    assertTrue(runInProcess(2, "--port").get(0).contains("--port needs a value"));
    assertTrue(runInProcess(2, "--port", "70000").get(0).contains("port out of range"));
    assertTrue(runInProcess(2, "--cert", "x.pem").get(0).contains("--cert and --key go together"));
  }
}
