package hyper.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request items of the command line (seed §3.2.1), each named by its separator:
 *
 * <pre>
 *   Name:Value     a header              User-Agent:hyper/0.2.0
 *   name==value    a query parameter     search==hyper
 *   name=value     a JSON string field   language=Java      (a form field with --form)
 *   name:=json     a raw JSON field      count:=3  tags:='["a","b"]'
 * </pre>
 *
 * The first separator in the item wins, so {@code url=http://x} is a field and {@code X-A:b=c} a header; at one
 * position the longer separator wins ({@code ==} over {@code =}, {@code :=} over {@code :}). A backslash makes the
 * next {@code :}, {@code =} or {@code \} literal: {@code a\:b=c} is the field {@code a:b}.
 */
final class RequestItems {

    /** What an item adds to the request. */
    enum Kind {
        HEADER(":"), QUERY("=="), FIELD("="), JSON_FIELD(":=");

        final String separator;

        Kind(String separator) {
            this.separator = separator;
        }
    }

    /** One parsed item: for {@link Kind#JSON_FIELD} the value is compact JSON text, checked. */
    record Item(Kind kind, String name, String value) {
    }

    private final List<Item> headers = new ArrayList<>();
    private final List<Item> query = new ArrayList<>();
    private final List<Item> fields = new ArrayList<>();

    /** Parses every item; the first bad one is reported. */
    static RequestItems parse(List<String> args) throws UsageException {
        RequestItems items = new RequestItems();
        for (String arg : args) {
            Item item = parse(arg);
            switch (item.kind()) {
                case HEADER -> items.headers.add(item);
                case QUERY -> items.query.add(item);
                case FIELD, JSON_FIELD -> items.fields.add(item);
            }
        }
        return items;
    }

    /** Parses one item. */
    static Item parse(String arg) throws UsageException {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\\' && i + 1 < arg.length() && ":=\\".indexOf(arg.charAt(i + 1)) >= 0) {
                name.append(arg.charAt(++i));
                continue;
            }
            Kind kind = c == '=' ? (arg.startsWith("==", i) ? Kind.QUERY : Kind.FIELD)
                    : c == ':' ? (arg.startsWith(":=", i) ? Kind.JSON_FIELD : Kind.HEADER) : null;
            if (kind == null) {
                name.append(c);
                continue;
            }
            String value = arg.substring(i + kind.separator.length());
            if (name.length() == 0) {
                throw new UsageException("bad request item '" + arg + "': the name before '" + kind.separator
                        + "' is empty");
            }
            return check(arg, kind, name.toString(), value);
        }
        throw new UsageException("bad request item '" + arg + "': expected Name:Value (header), name==value (query "
                + "parameter), name=value (JSON field) or name:=json (raw JSON field)");
    }

    private static Item check(String arg, Kind kind, String name, String value) throws UsageException {
        switch (kind) {
            case HEADER -> {
                // RFC 9110 §5.1: a field name is a token; §5.5: a value has no CR, LF or NUL
                for (int i = 0; i < name.length(); i++) {
                    if (!isTokenChar(name.charAt(i))) {
                        throw new UsageException("bad header '" + arg + "': '" + name.charAt(i)
                                + "' is not allowed in a header name");
                    }
                }
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '\r' || c == '\n' || c == 0) {
                        throw new UsageException("bad header '" + name + "': its value holds a line break or NUL");
                    }
                }
                return new Item(kind, name, value.strip());
            }
            case JSON_FIELD -> {
                try {
                    return new Item(kind, name, Json.compact(value));
                } catch (Json.SyntaxException e) {
                    throw new UsageException("bad raw JSON field '" + arg + "': " + e.getMessage());
                }
            }
            default -> {
                return new Item(kind, name, value);
            }
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** Header items, in order; an empty value means "send no such header", even a default one. */
    List<Item> headers() {
        return headers;
    }

    /** Query-parameter items, in order. */
    List<Item> query() {
        return query;
    }

    /** Whether any data field was given: the method then defaults to POST. */
    boolean hasData() {
        return !fields.isEmpty();
    }

    /** The fields as a JSON object; a name given twice keeps its last value, at its first place. */
    String jsonBody() {
        Map<String, String> members = new LinkedHashMap<>();
        for (Item f : fields) {
            members.put(f.name(), f.kind() == Kind.JSON_FIELD ? f.value() : Json.quote(f.value()));
        }
        List<Map.Entry<String, String>> list = new ArrayList<>();
        members.forEach((k, v) -> list.add(new SimpleImmutableEntry<>(k, v)));
        return Json.object(list);
    }

    /** The fields as {@code application/x-www-form-urlencoded}; raw JSON fields have no form encoding. */
    String formBody() throws UsageException {
        StringBuilder sb = new StringBuilder();
        for (Item f : fields) {
            if (f.kind() == Kind.JSON_FIELD) {
                throw new UsageException("raw JSON field '" + f.name() + ":=' cannot be sent with --form");
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(f.name(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.value(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
