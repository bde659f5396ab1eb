package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Debian's curl, run against the server in each of the five ways it can reach it. */
final class Curl {
  /** How curl reaches the server, and the protocol version it must end up speaking. */
  enum Mode {
    H2_TLS("--http2", true, "2"),
    HTTP1_TLS("--http1.1", true, "1.1"),
    H2C_PRIOR_KNOWLEDGE("--http2-prior-knowledge", false, "2"),
    H2C_UPGRADE("--http2", false, "2"),
    HTTP1("--http1.1", false, "1.1");

    final String flag;
    final boolean tls;
    final String version;

    Mode(String flag, boolean tls, String version) {
      this.flag = flag;
      this.tls = tls;
      this.version = version;
    }

    boolean isHttp2() {
      return version.equals("2");
    }
  }

  /** One exchange as curl saw it: the final response, its trailers, and the statuses before it (101, 100). */
  record Result(int status, String version, List<Map.Entry<String, String>> headers,
      List<Map.Entry<String, String>> trailers, List<Integer> interim, byte[] body) {

    String header(String name) {
      return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
          .findFirst().orElse(null);
    }

    List<String> headers(String name) {
      return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
    }

    String trailer(String name) {
      return trailers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
          .findFirst().orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final String curl = Tools.require("curl");
  private final HttpBin bin;

  Curl(HttpBin bin) {
    this.bin = bin;
  }

  String url(Mode mode, String pathAndQuery) {
    return (mode.tls ? bin.httpsUrl() : bin.httpUrl()) + pathAndQuery;
  }

  /** Runs curl and checks that it spoke the protocol the mode stands for. */
  Result run(Mode mode, String pathAndQuery, String... extra) {
    Result result = runAnyVersion(mode, pathAndQuery, extra);
    assertEquals(mode.version, result.version, "protocol curl used for " + pathAndQuery);
    return result;
  }

  Result runAnyVersion(Mode mode, String pathAndQuery, String... extra) {
    Path headers = null;
    Path body = null;
    try {
      headers = Files.createTempFile("curl-headers-", ".txt");
      body = Files.createTempFile("curl-body-", ".bin");
      List<String> command = new ArrayList<>(List.of(curl, "-sS", "--max-time", "20", mode.flag,
          "-D", headers.toString(), "-o", body.toString(), "-w", "%{http_code} %{http_version}"));
      if (mode.tls) {
        command.addAll(List.of("--cacert", bin.caCertificatePemPath().toString()));
      }
      command.addAll(List.of(extra));
      command.add(url(mode, pathAndQuery));
      Tools.Output output = Tools.run(command, 30);
      assertEquals(0, output.exitCode(), "curl failed: " + output.stderr() + " for " + command);
      String[] written = output.stdoutText().trim().split(" ");
      Result parsed = parse(Files.readAllLines(headers, StandardCharsets.ISO_8859_1), Files.readAllBytes(body));
      assertEquals(Integer.parseInt(written[0]), parsed.status, "status in -w and -D");
      return new Result(parsed.status, written[1], parsed.headers, parsed.trailers, parsed.interim, parsed.body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(headers);
      delete(body);
    }
  }

  /**
   * Reads curl's -D dump: one block per response ("HTTP/..." then fields then a blank line), and after the final
   * one, for chunked HTTP/1.1, the trailer fields.
   */
  private static Result parse(List<String> lines, byte[] body) {
    List<Integer> statuses = new ArrayList<>();
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    List<Map.Entry<String, String>> trailers = new ArrayList<>();
    boolean inTrailers = false;
    for (String line : lines) {
      if (line.startsWith("HTTP/")) {
        statuses.add(Integer.parseInt(line.split(" ")[1].trim()));
        headers = new ArrayList<>();
        inTrailers = false;
      } else if (line.isBlank()) {
        inTrailers = true;
      } else {
        int colon = line.indexOf(':');
        Map.Entry<String, String> field =
            Map.entry(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        (inTrailers ? trailers : headers).add(field);
      }
    }
    int status = statuses.remove(statuses.size() - 1);
    return new Result(status, null, headers, trailers, statuses, body);
  }

  private static void delete(Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
