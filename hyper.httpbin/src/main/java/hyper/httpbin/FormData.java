package hyper.httpbin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsers for query strings, urlencoded forms and multipart/form-data bodies. */
final class FormData {
  /** More parts or parameters than this is not a test any more but an attack on the server's CPU. */
  static final int MAX_FIELDS = 10_000;

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

  private FormData() {}

  /** One part of a multipart body (RFC 7578 §4.2). */
  record Part(String name, String filename, String contentType, byte[] content) {}

  /**
   * Parses {@code a=1&b=2&a=3} (the WHATWG application/x-www-form-urlencoded rules: '+' is a space, %XX a
   * UTF-8 byte). A malformed escape is a 400, not a silent replacement character.
   */
  static Map<String, List<String>> parseUrlEncoded(String text) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return out;
    }
    int fields = 0;
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      if (++fields > MAX_FIELDS) {
        throw HttpError.badRequest("more than " + MAX_FIELDS + " parameters");
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
    }
    return out;
  }

  static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= s.length()) {
          throw HttpError.badRequest("truncated percent-escape in " + s);
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw HttpError.badRequest("bad percent-escape in " + s);
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The value of a parameter of a header such as {@code multipart/form-data; boundary="x"}, or null. */
  static String parameter(String headerValue, String name) {
    if (headerValue == null) {
      return null;
    }
    String[] pieces = headerValue.split(";");
    for (int i = 1; i < pieces.length; i++) {
      String piece = pieces[i].trim();
      int equals = piece.indexOf('=');
      if (equals > 0 && piece.substring(0, equals).trim().equalsIgnoreCase(name)) {
        String value = piece.substring(equals + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
      }
    }
    return null;
  }

  /**
   * Splits a multipart body (RFC 2046 §5.1.1):
   * <pre>
   *   preamble CRLF? "--" boundary CRLF headers CRLF CRLF content CRLF "--" boundary ... "--" boundary "--"
   * </pre>
   */
  static List<Part> parseMultipart(byte[] body, String boundary) {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) { // RFC 2046 §5.1.1: 1-70 chars
      throw HttpError.badRequest("multipart body without a valid boundary parameter");
    }
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] crlfDelimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw HttpError.badRequest("multipart body without its first boundary");
    }
    pos += delimiter.length;
    List<Part> parts = new ArrayList<>();
    while (true) {
      if (startsWith(body, pos, new byte[] {'-', '-'})) {
        return parts; // the close delimiter; the epilogue is ignored
      }
      while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
        pos++; // transport padding after a delimiter
      }
      if (!startsWith(body, pos, CRLF)) {
        throw HttpError.badRequest("multipart boundary not followed by CRLF");
      }
      if (parts.size() >= MAX_FIELDS) {
        throw HttpError.badRequest("more than " + MAX_FIELDS + " multipart parts");
      }
      int headersStart = pos + 2;
      int contentStart;
      Map<String, String> headers = new LinkedHashMap<>();
      if (startsWith(body, headersStart, CRLF)) {
        contentStart = headersStart + 2; // a part without header fields
      } else {
        int headersEnd = indexOf(body, CRLF_CRLF, headersStart);
        if (headersEnd < 0) {
          throw HttpError.badRequest("multipart part headers never end");
        }
        String block = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
        for (String line : block.split("\r\n")) {
          int colon = line.indexOf(':');
          if (colon <= 0) {
            throw HttpError.badRequest("malformed multipart header: " + line);
          }
          headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        contentStart = headersEnd + 4;
      }
      int contentEnd = indexOf(body, crlfDelimiter, contentStart);
      if (contentEnd < 0) {
        throw HttpError.badRequest("multipart part never closed by its boundary");
      }
      String disposition = headers.get("content-disposition");
      String name = parameter(disposition, "name");
      if (name == null) {
        throw HttpError.badRequest("multipart part without Content-Disposition name");
      }
      byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
      parts.add(new Part(name, parameter(disposition, "filename"), headers.get("content-type"), content));
      pos = contentEnd + crlfDelimiter.length;
    }
  }

  private static boolean startsWith(byte[] haystack, int from, byte[] prefix) {
    if (from + prefix.length > haystack.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (haystack[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
