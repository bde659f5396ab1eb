package hyper.httpbin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What an endpoint answers: status, header fields, a body, and optionally trailers, pushes and a delay. */
final class Response {
  private final int status;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private final List<Map.Entry<String, String>> trailers = new ArrayList<>();
  private final List<String> pushPaths = new ArrayList<>();
  private Body body = Body.empty();
  private long delayNanos;

  Response(int status) {
    this.status = status;
  }

  static Response json(int status, Object value) {
    return new Response(status)
        .header("content-type", "application/json")
        .body(Body.of(Json.write(value).getBytes(StandardCharsets.US_ASCII)));
  }

  static Response text(int status, String contentType, String text) {
    return new Response(status)
        .header("content-type", contentType)
        .body(Body.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  int status() {
    return status;
  }

  /** Adds a field; names are kept in lower case, which HTTP/2 requires (RFC 9113 §8.2.1). */
  Response header(String name, String value) {
    headers.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
    return this;
  }

  List<Map.Entry<String, String>> headers() {
    return headers;
  }

  Response trailer(String name, String value) {
    trailers.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
    return this;
  }

  List<Map.Entry<String, String>> trailers() {
    return trailers;
  }

  Response body(Body body) {
    this.body = body;
    return this;
  }

  Body body() {
    return body;
  }

  /** Asks the HTTP/2 transport to push a GET of this path before the response (RFC 9113 §8.4). */
  Response push(String path) {
    pushPaths.add(path);
    return this;
  }

  List<String> pushPaths() {
    return pushPaths;
  }

  /** Holds the whole response back, without blocking a thread. */
  Response delayNanos(long nanos) {
    this.delayNanos = nanos;
    return this;
  }

  long delayNanos() {
    return delayNanos;
  }

  /** 1xx, 204 and 304 responses have no content (RFC 9110 §6.4.1). */
  static boolean forbidsContent(int status) {
    return status < 200 || status == 204 || status == 304;
  }
}
