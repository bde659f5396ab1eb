package hyper.httpbin;

/** Every bound the server enforces, in one place so the README and the tests can name them. */
final class Limits {
  /** Default cap on a request body; more is a 413 (RFC 9110 §15.5.14). Configurable per server. */
  static final int MAX_REQUEST_BODY = 10 * 1024 * 1024;
  /** Request line (HTTP/1.1); longer is a 414 (RFC 9110 §15.5.15). */
  static final int MAX_REQUEST_LINE = 8 * 1024;
  /** All header fields of a request, both protocols; more is a 431 (RFC 6585 §5). */
  static final int MAX_HEADER_LIST = 32 * 1024;
  /** Streams a client may open at once on one HTTP/2 connection (RFC 9113 §6.5.2). */
  static final int MAX_CONCURRENT_STREAMS = 128;
  /** /bytes/{n} and /stream-bytes/{n}. */
  static final long MAX_BYTES = 100L * 1024 * 1024;
  /** /data/{n}: cheap to serve, so larger. */
  static final long MAX_DATA = 1024L * 1024 * 1024;
  /** /stream-bytes chunk_size. */
  static final int MAX_CHUNK_SIZE = 1024 * 1024;
  /** /delay/{s}, and the delay and duration of /drip, in seconds; larger values are clamped like httpbin. */
  static final double MAX_DELAY_SECONDS = 10;
  /** /drip numbytes. */
  static final long MAX_DRIP_BYTES = 10L * 1024 * 1024;
  /** /push?n=. */
  static final int MAX_PUSHES = 20;
  /** /redirect/{n} and friends. */
  static final int MAX_REDIRECTS = 100;
  /** Header fields a client may ask for through /response-headers or /trailers. */
  static final int MAX_ECHOED_FIELDS = 100;

  private Limits() {}
}
