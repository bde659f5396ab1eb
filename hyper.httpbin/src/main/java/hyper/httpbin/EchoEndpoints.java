package hyper.httpbin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/** Endpoints that describe the request back to the client: /, /headers, /ip, /user-agent, /gzip, /cookies. */
final class EchoEndpoints {
  static final String INDEX = String.join("\n",
      "hyper.httpbin: a local http2bin (h2 over TLS with ALPN, h2c prior knowledge, h2c Upgrade, HTTP/1.1)",
      "",
      "GET  /get                     args, headers, origin, url",
      "POST /post  PUT /put  PATCH /patch  DELETE /delete",
      "                              args, data, files, form, headers, json, origin, url",
      "ANY  /anything[/...]          as /post, plus method",
      "GET  /headers  /ip  /user-agent",
      "ANY  /status/{code}           that status (200-599), empty body",
      "GET  /bytes/{n}?seed=         n random bytes (java.util.Random(seed).nextBytes), n <= 100 MiB",
      "GET  /stream-bytes/{n}?chunk_size=&seed=   the same bytes, chunked, no Content-Length",
      "GET  /data/{n}                n bytes from a cached block (no per-request work), n <= 1 GiB",
      "GET  /drip?numbytes=&duration=&delay=&code=   '*' bytes spread over duration seconds",
      "ANY  /delay/{s}               answers after s seconds (at most 10)",
      "GET  /gzip  /deflate  /deflate-raw (also /deflate?raw=1)",
      "GET|POST /response-headers?k=v   sets the response header k: v",
      "ANY  /trailers?k=v            sends trailers (HTTP/2 trailing HEADERS, HTTP/1.1 chunked trailer)",
      "GET  /push?n=                 HTTP/2: n <= 20 PUSH_PROMISEs of /push/resource/{i} first",
      "GET  /push/resource/{i}       a pushable resource",
      "GET  /redirect/{n}?absolute=  /relative-redirect/{n}  /absolute-redirect/{n}  /redirect-to?url=&status_code=",
      "GET  /cookies  /cookies/set?k=v  /cookies/delete?k",
      "");

  Response index(Request request, String[] segments) {
    return Response.text(200, "text/plain; charset=utf-8", INDEX);
  }

  Response headers(Request request, String[] segments) {
    return Response.json(200, Map.of("headers", request.headersForEcho()));
  }

  Response ip(Request request, String[] segments) {
    return Response.json(200, Map.of("origin", request.remoteAddress()));
  }

  Response userAgent(Request request, String[] segments) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("user-agent", request.header("user-agent"));
    return Response.json(200, body);
  }

  Response gzip(Request request, String[] segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) { // RFC 1952
      gzip.write(described(request, "gzipped"));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return compressed("gzip", out.toByteArray());
  }

  /** zlib format (RFC 1950), which is what "deflate" means in RFC 9110 §8.4.1.2; ?raw=1 for bare RFC 1951. */
  Response deflate(Request request, String[] segments) {
    String raw = request.arg("raw", "0");
    if (!raw.equals("0") && !raw.equals("1") && !raw.equals("true") && !raw.equals("false")) {
      throw HttpError.badRequest("raw must be 0, 1, true or false");
    }
    boolean nowrap = raw.equals("1") || raw.equals("true");
    return compressed("deflate", deflate(described(request, "deflated"), nowrap));
  }

  /**
   * Raw DEFLATE (RFC 1951) without the zlib wrapper, still labelled "deflate": some servers send this, so
   * clients must cope with both.
   */
  Response deflateRaw(Request request, String[] segments) {
    return compressed("deflate", deflate(described(request, "deflated"), true));
  }

  private static byte[] deflate(byte[] input, boolean nowrap) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, nowrap);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
      stream.write(input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end(); // a Deflater passed in is not ended by the stream: free its native memory now
    }
    return out.toByteArray();
  }

  private static byte[] described(Request request, String flag) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(flag, Boolean.TRUE);
    body.put("headers", request.headersForEcho());
    body.put("method", request.method());
    body.put("origin", request.remoteAddress());
    return Json.write(body).getBytes(StandardCharsets.US_ASCII);
  }

  private static Response compressed(String coding, byte[] body) {
    return new Response(200)
        .header("content-type", "application/json")
        .header("content-encoding", coding)
        .body(Body.of(body));
  }

  /** /cookies, /cookies/set?k=v and /cookies/delete?k. */
  Response cookies(Request request, String[] segments) {
    if (segments.length == 1) {
      return Response.json(200, Map.of("cookies", requestCookies(request)));
    }
    Map<String, List<String>> args = request.args();
    if (args.size() > Limits.MAX_ECHOED_FIELDS) {
      throw HttpError.badRequest("at most " + Limits.MAX_ECHOED_FIELDS + " cookies at once");
    }
    Response response = new Response(302).header("location", "/cookies");
    switch (segments[1]) {
      case "set" -> args.forEach((name, values) -> {
        String value = values.get(values.size() - 1);
        checkCookie(name, value);
        response.header("set-cookie", name + "=" + value + "; Path=/");
      });
      case "delete" -> args.keySet().forEach(name -> {
        checkCookie(name, "");
        response.header("set-cookie", name + "=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/");
      });
      default -> throw new HttpError(404, "no such endpoint: " + request.path());
    }
    return response;
  }

  /** Cookie names are tokens and values cookie-octets (RFC 6265 §4.1.1). */
  private static void checkCookie(String name, String value) {
    if (!HeaderRules.isToken(name)) {
      throw HttpError.badRequest("cookie name is not a token: " + name);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
        throw HttpError.badRequest("cookie value has a character a cookie cannot carry: " + value);
      }
    }
  }

  /** Cookie headers may be split in HTTP/2 (RFC 9113 §8.2.3); all of them are read. */
  private static Map<String, Object> requestCookies(Request request) {
    Map<String, Object> cookies = new TreeMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      if (!header.getKey().equals("cookie")) {
        continue;
      }
      for (String pair : header.getValue().split(";")) {
        String trimmed = pair.trim();
        int equals = trimmed.indexOf('=');
        if (equals > 0) {
          cookies.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
      }
    }
    return new LinkedHashMap<>(cookies);
  }
}
