package hyper.cli;

import java.util.List;
import java.util.Map;

/**
 * The JSON the command needs (RFC 8259): validating and re-indenting a response in one pass, checking the raw
 * values of {@code name:=json} items, and writing a request body.
 *
 * <p>A document is copied token by token, never turned into objects: numbers keep their digits, strings their
 * escapes, objects their key order (duplicates included), so the output shows exactly what the server sent.
 * Hand-written because jackson-databind costs about 310 ms of class loading per start, six times the JVM's own
 * start-up, for a command that runs once.
 */
final class Json {
    /** Deeper documents are refused rather than risk a StackOverflowError on hostile input. */
    static final int MAX_DEPTH = 512;

    private static final String INDENT = "    ";

    private final String in;
    private final StringBuilder out;
    private final boolean pretty;
    private int pos;
    private int depth;

    private Json(String in, boolean pretty) {
        this.in = in;
        this.out = new StringBuilder(in.length() + in.length() / 2);
        this.pretty = pretty;
    }

    /** Not JSON: the message says what was expected and at which character. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message, int position) {
            super(message + " at character " + (position + 1));
        }
    }

    /** {@code text} indented by four spaces per level, one member or element per line. */
    static String pretty(String text) throws SyntaxException {
        return new Json(text, true).document();
    }

    /** {@code text} without insignificant white space: validates a {@code name:=json} value. */
    static String compact(String text) throws SyntaxException {
        return new Json(text, false).document();
    }

    /** An object of the given members; each value is JSON text already (a quoted string or a checked raw value). */
    static String object(List<Map.Entry<String, String>> members) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> m : members) {
            if (sb.length() > 1) {
                sb.append(", "); // the seed's (Python's) separators: {"name": "Hyper", "language": "Python"}
            }
            quote(m.getKey(), sb);
            sb.append(": ").append(m.getValue());
        }
        return sb.append('}').toString();
    }

    /** {@code s} as a JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    /** Appends {@code s} as a JSON string literal; non-ASCII is kept as is (the body is UTF-8). */
    static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) { // RFC 8259 §7: control characters must be escaped
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private String document() throws SyntaxException {
        skipWhitespace();
        value();
        skipWhitespace();
        if (pos < in.length()) {
            throw new SyntaxException("unexpected '" + in.charAt(pos) + "' after the JSON value", pos);
        }
        return out.toString();
    }

    private void value() throws SyntaxException {
        if (pos >= in.length()) {
            throw new SyntaxException("unexpected end of input, expected a value", pos);
        }
        char c = in.charAt(pos);
        switch (c) {
            case '{' -> container('}');
            case '[' -> container(']');
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw new SyntaxException("unexpected '" + c + "', expected a value", pos);
                }
            }
        }
    }

    /** An object ({@code close == '}'}) or an array ({@code close == ']'}). */
    private void container(char close) throws SyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxException("nested deeper than " + MAX_DEPTH + " levels", pos);
        }
        out.append(in.charAt(pos++));
        skipWhitespace();
        if (peek() == close) {
            out.append(close); // {} and [] stay on one line
            pos++;
            depth--;
            return;
        }
        while (true) {
            newline(depth);
            if (close == '}') {
                if (peek() != '"') {
                    throw new SyntaxException(pos < in.length() ? "expected a member name in quotes"
                            : "unexpected end of input, expected a member name", pos);
                }
                string();
                skipWhitespace();
                expect(':');
                out.append(pretty ? ": " : ":");
                skipWhitespace();
            }
            value();
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                out.append(',');
                pos++;
                skipWhitespace();
            } else if (c == close) {
                pos++;
                depth--;
                newline(depth);
                out.append(close);
                return;
            } else {
                throw new SyntaxException(pos < in.length() ? "expected ',' or '" + close + "'"
                        : "unexpected end of input, expected '" + close + "'", pos);
            }
        }
    }

    /** A string, copied with its escapes as written after checking them (RFC 8259 §7). */
    private void string() throws SyntaxException {
        int start = pos++;
        while (true) {
            if (pos >= in.length()) {
                throw new SyntaxException("unterminated string", start);
            }
            char c = in.charAt(pos);
            if (c == '"') {
                pos++;
                out.append(in, start, pos);
                return;
            }
            if (c < 0x20) {
                throw new SyntaxException("control character in a string", pos);
            }
            if (c == '\\') {
                char e = pos + 1 < in.length() ? in.charAt(pos + 1) : 0;
                if (e == 'u') {
                    for (int i = 2; i < 6; i++) {
                        if (pos + i >= in.length() || Character.digit(in.charAt(pos + i), 16) < 0) {
                            throw new SyntaxException("bad \\u escape", pos);
                        }
                    }
                    pos += 6;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(e) < 0 || e == 0) {
                    throw new SyntaxException("bad escape", pos);
                }
                pos += 2;
                continue;
            }
            pos++;
        }
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} (RFC 8259 §6), copied as written. */
    private void number() throws SyntaxException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            throw new SyntaxException("bad number", start);
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                throw new SyntaxException("bad number: digits expected after '.'", start);
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                throw new SyntaxException("bad number: digits expected in the exponent", start);
            }
        }
        out.append(in, start, pos);
    }

    private boolean digits() {
        int start = pos;
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
        return pos > start;
    }

    private void literal(String word) throws SyntaxException {
        if (!in.startsWith(word, pos)) {
            throw new SyntaxException("unexpected '" + in.charAt(pos) + "', expected a value", pos);
        }
        out.append(word);
        pos += word.length();
    }

    private void expect(char c) throws SyntaxException {
        if (peek() != c) {
            throw new SyntaxException("expected '" + c + "'", pos);
        }
        pos++;
    }

    private char peek() {
        return pos < in.length() ? in.charAt(pos) : 0;
    }

    private void skipWhitespace() {
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void newline(int level) {
        if (pretty) {
            out.append('\n');
            for (int i = 0; i < level; i++) {
                out.append(INDENT);
            }
        }
    }
}
