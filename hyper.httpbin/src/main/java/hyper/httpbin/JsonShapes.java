package hyper.httpbin;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The JSON documents httpbin answers with, built from a {@link Request}. */
final class JsonShapes {
  private JsonShapes() {}

  /** httpbin sorts keys (Flask's jsonify); so do we, for output that diffs cleanly. */
  static <V> Map<String, Object> sorted(Map<String, V> map) {
    return new LinkedHashMap<>(new TreeMap<String, Object>(map));
  }

  /** One value stays a string, repeated values become a list: httpbin's shape for args and form. */
  static Map<String, Object> flatten(Map<String, List<String>> multi) {
    Map<String, Object> out = new TreeMap<>();
    multi.forEach((name, values) -> out.put(name, values.size() == 1 ? values.get(0) : new ArrayList<>(values)));
    return new LinkedHashMap<>(out);
  }

  /** {args, headers, origin, url}: the shape of /get. */
  static Map<String, Object> basic(Request request) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("args", flatten(request.args()));
    out.put("headers", request.headersForEcho());
    out.put("origin", request.remoteAddress());
    out.put("url", request.url());
    return out;
  }

  /** {args, data, files, form, headers, json, [method], origin, url}: the shape of /post and /anything. */
  static Map<String, Object> withBody(Request request, boolean withMethod) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    Map<String, List<String>> files = new LinkedHashMap<>();
    String data = "";
    Object json = null;
    String contentType = request.header("content-type");
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    byte[] body = request.body();
    if (mediaType.equals("multipart/form-data")) {
      for (FormData.Part part : FormData.parseMultipart(body, FormData.parameter(contentType, "boundary"))) {
        Map<String, List<String>> target = part.filename() != null ? files : form;
        target.computeIfAbsent(part.name(), k -> new ArrayList<>(1)).add(text(part.content(), part.contentType()));
      }
    } else if (mediaType.equals("application/x-www-form-urlencoded")) {
      String text = request.bodyAsUtf8();
      if (text == null) {
        throw HttpError.badRequest("urlencoded form body is not UTF-8");
      }
      form.putAll(FormData.parseUrlEncoded(text));
    } else if (body.length > 0) {
      data = text(body, contentType);
      String text = request.bodyAsUtf8();
      if (text != null) {
        try {
          json = Json.parse(text); // like httpbin, whatever the Content-Type says
        } catch (IllegalArgumentException notJson) {
          json = null;
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("args", flatten(request.args()));
    out.put("data", data);
    out.put("files", flatten(files));
    out.put("form", flatten(form));
    out.put("headers", request.headersForEcho());
    out.put("json", json);
    if (withMethod) {
      out.put("method", request.method());
    }
    out.put("origin", request.remoteAddress());
    out.put("url", request.url());
    return out;
  }

  /** UTF-8 text as is; anything else as a data URL (RFC 2397), which is what httpbin does. */
  static String text(byte[] content, String contentType) {
    try {
      return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
          .decode(java.nio.ByteBuffer.wrap(content)).toString();
    } catch (java.nio.charset.CharacterCodingException binary) {
      String type = contentType == null ? "application/octet-stream" : contentType.split(";", 2)[0].trim();
      return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(content);
    }
  }
}
