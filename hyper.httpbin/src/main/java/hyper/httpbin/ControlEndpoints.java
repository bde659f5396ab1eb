package hyper.httpbin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Endpoints whose point is the shape of the exchange: status, delay, headers, trailers, push, redirects. */
final class ControlEndpoints {

  /** /delay/{s}: the /post document, held back s seconds without blocking a thread. */
  Response delay(Request request, String[] segments) {
    double seconds = Router.parseSeconds(segments[1], "delay");
    return Response.json(200, JsonShapes.withBody(request, false))
        .delayNanos((long) (seconds * TimeUnit.SECONDS.toNanos(1)));
  }

  /** /status/{code}: a single code; 1xx is refused since it cannot be a final response (RFC 9110 §15.2). */
  Response status(Request request, String[] segments) {
    int code = (int) Router.parseLong(segments[1], "status code", 200, 599);
    Response response = new Response(code);
    switch (code) {
      case 301, 302, 303, 305, 307, 308 -> response.header("location", "/redirect/1");
      case 401 -> response.header("www-authenticate", "Basic realm=\"Fake Realm\"");
      case 407 -> response.header("proxy-authenticate", "Basic realm=\"Fake Realm\"");
      case 418 -> response.header("content-type", "text/plain")
          .body(Body.of("I'm a teapot (RFC 2324)\n".getBytes(StandardCharsets.US_ASCII)));
      default -> { }
    }
    return response;
  }

  /** /response-headers?k=v: every parameter becomes a response field, and the body lists them. */
  Response responseHeaders(Request request, String[] segments) {
    Map<String, List<String>> args = request.args();
    if (args.size() > Limits.MAX_ECHOED_FIELDS) {
      throw HttpError.badRequest("at most " + Limits.MAX_ECHOED_FIELDS + " header fields");
    }
    Response response = new Response(200);
    Map<String, Object> listed = new TreeMap<>();
    boolean typed = false;
    for (Map.Entry<String, List<String>> arg : args.entrySet()) {
      for (String value : arg.getValue()) {
        String name = HeaderRules.checkEchoable(arg.getKey(), value);
        response.header(name, value);
        typed |= name.equals("content-type");
      }
      listed.put(arg.getKey(), arg.getValue().size() == 1 ? arg.getValue().get(0) : arg.getValue());
    }
    if (!typed) {
      response.header("content-type", "application/json");
      listed.put("Content-Type", "application/json");
    }
    return response.body(Body.of(Json.write(new LinkedHashMap<>(listed)).getBytes(StandardCharsets.US_ASCII)));
  }

  /**
   * /trailers?k=v: the parameters (or {@code x-trailer: done} when there are none) come after the body, as
   * trailing HEADERS on HTTP/2 (RFC 9113 §8.1) and as the chunked trailer on HTTP/1.1 (RFC 9112 §7.1.2).
   */
  Response trailers(Request request, String[] segments) {
    Map<String, List<String>> args = request.args();
    if (args.size() > Limits.MAX_ECHOED_FIELDS) {
      throw HttpError.badRequest("at most " + Limits.MAX_ECHOED_FIELDS + " trailer fields");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    args.forEach((name, values) -> {
      String value = values.get(values.size() - 1);
      String lower = HeaderRules.checkEchoable(name, value);
      if (lower.equals("content-type") || lower.equals("content-encoding")) {
        throw HttpError.badRequest(lower + " cannot be a trailer (RFC 9110 §6.5.1)");
      }
      fields.put(lower, value);
    });
    if (fields.isEmpty()) {
      fields.put("x-trailer", "done");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("trailers", JsonShapes.sorted(fields));
    Response response = Response.json(200, body).header("trailer", String.join(", ", fields.keySet()));
    fields.forEach(response::trailer);
    return response;
  }

  /**
   * /push?n=: promises /push/resource/0 .. n-1 before answering. The body says what was promised, which is
   * nothing when the client disabled push or the connection is HTTP/1.1. /push/resource/{i} answers a GET too.
   */
  Response push(Request request, String[] segments) {
    if (segments.length == 3 && segments[1].equals("resource")) {
      long index = Router.parseLong(segments[2], "resource index", 0, Integer.MAX_VALUE);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("resource", index);
      body.put("url", request.url());
      return Response.json(200, body).header("cache-control", "max-age=60");
    }
    if (segments.length != 1) {
      throw new HttpError(404, "no such endpoint: " + request.path());
    }
    int n = (int) Router.parseLong(request.arg("n", "1"), "n", 0, Limits.MAX_PUSHES);
    List<String> promised = new ArrayList<>();
    if (request.pushAllowed()) {
      for (int i = 0; i < n; i++) {
        promised.add("/push/resource/" + i);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("promised", promised);
    body.put("push_enabled", request.pushAllowed());
    Response response = Response.json(200, body);
    promised.forEach(response::push);
    return response;
  }

  /** /redirect/{n}: 302 to /relative-redirect/{n-1}, or absolute ones with ?absolute=true; the last to /get. */
  Response redirect(Request request, String[] segments) {
    boolean absolute = request.arg("absolute", "false").toLowerCase(Locale.ROOT).equals("true");
    return redirectChain(request, segments, absolute ? "absolute-redirect" : "relative-redirect", absolute);
  }

  Response relativeRedirect(Request request, String[] segments) {
    return redirectChain(request, segments, "relative-redirect", false);
  }

  Response absoluteRedirect(Request request, String[] segments) {
    return redirectChain(request, segments, "absolute-redirect", true);
  }

  private static Response redirectChain(Request request, String[] segments, String next, boolean absolute) {
    int n = (int) Router.parseLong(segments[1], "redirect count", 1, Limits.MAX_REDIRECTS);
    String target = n == 1 ? "/get" : "/" + next + "/" + (n - 1);
    String location = absolute ? request.scheme() + "://" + request.authority() + target : target;
    return new Response(302).header("location", location);
  }

  /** /redirect-to?url=&status_code=: a redirect anywhere, 3xx only. */
  Response redirectTo(Request request, String[] segments) {
    String url = request.arg("url", null);
    if (url == null || url.isEmpty() || !HeaderRules.isValidValue(url)) {
      throw HttpError.badRequest("url is missing or not a valid header value");
    }
    int code = (int) Router.parseLong(request.arg("status_code", "302"), "status_code", 300, 399);
    return new Response(code).header("location", url);
  }
}
