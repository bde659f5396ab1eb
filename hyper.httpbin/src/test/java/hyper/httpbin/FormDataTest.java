package hyper.httpbin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDataTest {

  @Test
  void urlEncodedKeepsOrderAndRepeatedNames() {
    Map<String, List<String>> parsed = FormData.parseUrlEncoded("b=2&a=x+y&b=%E2%82%AC&flag&&=empty");

    assertEquals(List.of("b", "a", "flag", ""), List.copyOf(parsed.keySet()));
    assertEquals(List.of("2", "€"), parsed.get("b"));
    assertEquals(List.of("x y"), parsed.get("a"));
    assertEquals(List.of(""), parsed.get("flag"));
  }

  @Test
  void badPercentEscapesAre400() {
    for (String bad : List.of("a=%", "a=%4", "a=%zz")) {
      HttpError e = assertThrows(HttpError.class, () -> FormData.parseUrlEncoded(bad), bad);
      assertEquals(400, e.status());
    }
  }

  @Test
  void parametersMayBeQuoted() {
    String type = "multipart/form-data; charset=utf-8; boundary=\"a b\\\"c\"";

    assertEquals("a b\"c", FormData.parameter(type, "boundary"));
    assertEquals("utf-8", FormData.parameter(type, "CHARSET"));
    assertNull(FormData.parameter(type, "missing"));
  }

  @Test
  void multipartSplitsPartsWithAndWithoutFiles() {
    byte[] body = ("preamble\r\n--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nvalue\r\n"
        + "--B\r\nContent-Disposition: form-data; name=\"up\"; filename=\"x.bin\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n\u0000\u0001--B-ish\r\n--B--\r\nepilogue")
        .getBytes(StandardCharsets.ISO_8859_1);

    List<FormData.Part> parts = FormData.parseMultipart(body, "B");

    assertEquals(2, parts.size());
    assertEquals("f", parts.get(0).name());
    assertNull(parts.get(0).filename());
    assertEquals("value", new String(parts.get(0).content(), StandardCharsets.UTF_8));
    assertEquals("x.bin", parts.get(1).filename());
    assertEquals("application/octet-stream", parts.get(1).contentType());
    assertArrayEquals("\u0000\u0001--B-ish".getBytes(StandardCharsets.ISO_8859_1), parts.get(1).content());
  }

  @Test
  void brokenMultipartBodiesAre400() {
    String head = "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n";
    for (String bad : List.of("no boundary at all", head + "never closed", "--B\r\nno blank line",
        "--B\r\nContent-Type: text/plain\r\n\r\nnameless\r\n--B--", "--Bjunk")) {
      HttpError e = assertThrows(HttpError.class,
          () -> FormData.parseMultipart(bad.getBytes(StandardCharsets.ISO_8859_1), "B"), bad);
      assertEquals(400, e.status());
    }
    assertThrows(HttpError.class, () -> FormData.parseMultipart(new byte[0], null));
  }
}
