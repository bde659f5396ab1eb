package hyper.httpbin;

/** A request the server refuses with a 4xx status; the router turns it into a JSON error response. */
final class HttpError extends RuntimeException {
  private final int status;
  private final String allow;

  HttpError(int status, String message) {
    this(status, message, null);
  }

  /** A 405 names the methods that would have worked (RFC 9110 §15.5.6). */
  HttpError(int status, String message, String allow) {
    super(message, null, false, false); // a client mistake, not a server fault: no stack trace needed
    this.status = status;
    this.allow = allow;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  int status() {
    return status;
  }

  /** The Allow header of a 405, or null. */
  String allow() {
    return allow;
  }
}
