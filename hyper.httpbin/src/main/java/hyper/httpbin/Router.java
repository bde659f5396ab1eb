package hyper.httpbin;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;

/**
 * Maps a request to its endpoint: 404 for an unknown path, 405 (with Allow) for a wrong method, 200 with Allow
 * for OPTIONS, and a JSON error for anything an endpoint refuses. Never throws.
 */
final class Router {
  private static final System.Logger LOG = System.getLogger(Router.class.getName());
  private static final List<String> ANY = List.of();
  private static final List<String> GET = List.of("GET");

  /** What handles one route: {@code segments} are the path's parts, {@code segments[0]} the route name. */
  @FunctionalInterface
  interface Handler {
    Response handle(Request request, String[] segments);
  }

  /** A route: the methods it accepts (empty: any) and how many path segments it takes. */
  private record Route(List<String> methods, int minSegments, int maxSegments, Handler handler) {}

  private final Map<String, Route> routes = new LinkedHashMap<>();
  private final int maxRequestBody;

  Router(int maxRequestBody) {
    EchoEndpoints echo = new EchoEndpoints();
    DataEndpoints data = new DataEndpoints();
    ControlEndpoints control = new ControlEndpoints();
    add("", GET, 1, 1, echo::index);
    add("get", GET, 1, 1, (r, s) -> Response.json(200, JsonShapes.basic(r)));
    add("post", List.of("POST"), 1, 1, (r, s) -> Response.json(200, JsonShapes.withBody(r, false)));
    add("put", List.of("PUT"), 1, 1, (r, s) -> Response.json(200, JsonShapes.withBody(r, false)));
    add("patch", List.of("PATCH"), 1, 1, (r, s) -> Response.json(200, JsonShapes.withBody(r, false)));
    add("delete", List.of("DELETE"), 1, 1, (r, s) -> Response.json(200, JsonShapes.withBody(r, false)));
    add("anything", ANY, 1, Integer.MAX_VALUE, (r, s) -> Response.json(200, JsonShapes.withBody(r, true)));
    add("headers", GET, 1, 1, echo::headers);
    add("ip", GET, 1, 1, echo::ip);
    add("user-agent", GET, 1, 1, echo::userAgent);
    add("gzip", GET, 1, 1, echo::gzip);
    add("deflate", GET, 1, 1, echo::deflate);
    add("deflate-raw", GET, 1, 1, echo::deflateRaw);
    add("cookies", GET, 1, 2, echo::cookies);
    add("delay", ANY, 2, 2, control::delay);
    add("status", ANY, 2, 2, control::status);
    add("response-headers", List.of("GET", "POST"), 1, 1, control::responseHeaders);
    add("trailers", ANY, 1, 1, control::trailers);
    add("push", GET, 1, 3, control::push);
    add("redirect", GET, 2, 2, control::redirect);
    add("relative-redirect", GET, 2, 2, control::relativeRedirect);
    add("absolute-redirect", GET, 2, 2, control::absoluteRedirect);
    add("redirect-to", ANY, 1, 1, control::redirectTo);
    add("bytes", GET, 2, 2, data::bytes);
    add("stream-bytes", GET, 2, 2, data::streamBytes);
    add("data", GET, 2, 2, data::data);
    add("drip", GET, 1, 1, data::drip);
    this.maxRequestBody = maxRequestBody;
  }

  private void add(String name, List<String> methods, int minSegments, int maxSegments, Handler handler) {
    routes.put(name, new Route(methods, minSegments, maxSegments, handler));
  }

  /** The largest request body accepted, in bytes. */
  int maxRequestBody() {
    return maxRequestBody;
  }

  Response route(Request request) {
    try {
      return dispatch(request);
    } catch (HttpError e) {
      return error(e.status(), e.getMessage(), e.allow());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "endpoint failed for " + request.method() + " " + request.path(), e);
      return error(500, "internal error: " + e, null);
    }
  }

  private Response dispatch(Request request) {
    String path = request.path();
    if (!path.startsWith("/")) {
      throw HttpError.badRequest("request target must start with '/': " + path);
    }
    // "/a/b/" splits into ["a", "b", ""]; a trailing slash is its own (unknown) resource, as in httpbin
    String[] segments = path.substring(1).split("/", -1);
    Route route = routes.get(segments[0]);
    if (route == null || segments.length < route.minSegments || segments.length > route.maxSegments) {
      throw new HttpError(404, "no such endpoint: " + path);
    }
    String method = request.method();
    String allow = allowHeader(route.methods);
    if (method.equals("OPTIONS")) {
      return new Response(200).header("allow", allow).header("access-control-allow-origin", "*")
          .header("access-control-allow-methods", allow);
    }
    boolean accepted = route.methods.isEmpty() || route.methods.contains(method)
        || (method.equals("HEAD") && route.methods.contains("GET")); // RFC 9110 §9.3.2
    if (!accepted) {
      throw new HttpError(405, method + " not allowed on " + path, allow);
    }
    return route.handler.handle(request, segments);
  }

  private static String allowHeader(List<String> methods) {
    if (methods.isEmpty()) {
      return "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    }
    StringBuilder allow = new StringBuilder();
    for (String method : methods) {
      allow.append(method).append(", ");
      if (method.equals("GET")) {
        allow.append("HEAD, ");
      }
    }
    return allow.append("OPTIONS").toString();
  }

  static Response error(int status, String message, String allow) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    Response response = Response.json(status, body);
    if (allow != null) {
      response.header("allow", allow);
    }
    return response;
  }

  /** Parses a path segment or parameter as a bounded integer, or answers 400. */
  static long parseLong(String text, String what, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(what + " must be an integer, not '" + text + "'");
    }
    if (value < min || value > max) {
      throw HttpError.badRequest(what + " must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }

  /** Parses seconds as httpbin does: fractions allowed, clamped to the cap, negative or NaN refused. */
  static double parseSeconds(String text, String what) {
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(what + " must be a number of seconds, not '" + text + "'");
    }
    if (!(value >= 0)) { // also catches NaN
      throw HttpError.badRequest(what + " must not be negative");
    }
    return Math.min(value, Limits.MAX_DELAY_SECONDS);
  }
}
