package hyper.httpbin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One request as the endpoints see it, the same whichever protocol carried it. */
final class Request {
  private final String protocol;
  private final String method;
  private final String scheme;
  private final String authority;
  private final String path;
  private final String rawQuery;
  private final List<Map.Entry<String, String>> headers;
  private final byte[] body;
  private final String remoteAddress;
  private final boolean pushAllowed;
  private Map<String, List<String>> args;

  /**
   * @param target the request target in origin form, {@code /path?query}
   * @param headers field names in lower case, in the order received; no pseudo-header fields
   */
  Request(String protocol, String method, String scheme, String authority, String target,
      List<Map.Entry<String, String>> headers, byte[] body, String remoteAddress, boolean pushAllowed) {
    this.protocol = protocol;
    this.method = method;
    this.scheme = scheme;
    this.authority = authority;
    int question = target.indexOf('?');
    this.path = question < 0 ? target : target.substring(0, question);
    this.rawQuery = question < 0 ? null : target.substring(question + 1);
    this.headers = Collections.unmodifiableList(new ArrayList<>(headers));
    this.body = body;
    this.remoteAddress = remoteAddress;
    this.pushAllowed = pushAllowed;
  }

  /** "HTTP/2.0" or "HTTP/1.1" (or "HTTP/1.0"). */
  String protocol() {
    return protocol;
  }

  String method() {
    return method;
  }

  /** "http" or "https". */
  String scheme() {
    return scheme;
  }

  /** host[:port] from :authority or Host. */
  String authority() {
    return authority;
  }

  String path() {
    return path;
  }

  /** The query string without '?', or null when there is none. */
  String rawQuery() {
    return rawQuery;
  }

  List<Map.Entry<String, String>> headers() {
    return headers;
  }

  /** The first value of a field, or null. */
  String header(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equals(lower)) {
        return header.getValue();
      }
    }
    return null;
  }

  byte[] body() {
    return body;
  }

  /** The client's IP address, httpbin's "origin". */
  String remoteAddress() {
    return remoteAddress;
  }

  /** True on HTTP/2 when the client left SETTINGS_ENABLE_PUSH on (RFC 9113 §6.5.2). */
  boolean pushAllowed() {
    return pushAllowed;
  }

  /** The URL as the client addressed it. */
  String url() {
    return scheme + "://" + authority + path + (rawQuery == null ? "" : "?" + rawQuery);
  }

  /** Query parameters in order of first appearance; a repeated name keeps every value. */
  Map<String, List<String>> args() {
    if (args == null) {
      args = rawQuery == null ? Map.of() : FormData.parseUrlEncoded(rawQuery);
    }
    return args;
  }

  /** The first value of a query parameter, or {@code fallback}. */
  String arg(String name, String fallback) {
    List<String> values = args().get(name);
    return values == null || values.isEmpty() ? fallback : values.get(0);
  }

  /** Field names in httpbin's Title-Case, values of repeated fields joined by ",", sorted by name. */
  Map<String, Object> headersForEcho() {
    Map<String, String> merged = new LinkedHashMap<>();
    if (protocol.startsWith("HTTP/2") && authority != null && header("host") == null) {
      merged.put("Host", authority); // :authority replaces Host in HTTP/2 (RFC 9113 §8.3.1)
    }
    for (Map.Entry<String, String> header : headers) {
      merged.merge(titleCase(header.getKey()), header.getValue(), (a, b) -> a + "," + b);
    }
    return JsonShapes.sorted(merged);
  }

  static String titleCase(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = c == '-';
    }
    return out.toString();
  }

  /** The body as text when it is valid UTF-8, else null. */
  String bodyAsUtf8() {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }
}
