package hyper.httpbin;

import java.util.Locale;
import java.util.Set;

/** Which header fields a client may make us send, through /response-headers, /trailers and /cookies/set. */
final class HeaderRules {
  /**
   * Connection-specific fields are forbidden in HTTP/2 (RFC 9113 §8.2.2), and the framing ones would let a
   * client make us lie about the body; the transports set those themselves.
   */
  private static final Set<String> RESERVED = Set.of(
      "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te",
      "content-length", "trailer", "host");

  private HeaderRules() {}

  /** token = 1*tchar (RFC 9110 §5.6.2). */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        return false;
      }
    }
    return true;
  }

  /** Field values may not contain CR, LF or NUL (RFC 9110 §5.5) nor anything outside Latin-1. */
  static boolean isValidValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
        return false;
      }
    }
    return true;
  }

  /** Refuses, with a 400, a field a client asked us to send that we must not or cannot send. */
  static String checkEchoable(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (!isToken(name)) {
      throw HttpError.badRequest("header name is not a token: " + name);
    }
    if (RESERVED.contains(lower)) {
      throw HttpError.badRequest("header " + lower + " cannot be set by the client");
    }
    if (!isValidValue(value)) {
      throw HttpError.badRequest("header value contains CR, LF, NUL or non-Latin-1 characters");
    }
    return lower;
  }
}
