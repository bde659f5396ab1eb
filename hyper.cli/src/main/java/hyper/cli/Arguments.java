package hyper.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parsed command line: {@code hyper [-h] [--version] [--debug] [options] [METHOD] URL [REQUEST_ITEM ...]}.
 *
 * <p>Options may come anywhere; {@code --} ends them. An option's value follows it ({@code --timeout 5}) or is
 * joined with '=' ({@code --timeout=5}). METHOD is optional: the first of several arguments is taken as one when
 * it is a standard method in any case, or a word of capital letters (an extension method such as PROPFIND); it
 * defaults to GET, or POST when data fields are given. Hand-written: picocli costs about 220 ms per start, measured, against 50 ms for
 * the JVM itself.
 */
final class Arguments {
    static final String USAGE = "usage: hyper [-h] [--version] [--debug] [options] [METHOD] URL [REQUEST_ITEM ...]";

    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
    /** 24 days: far beyond any sensible wait, and still safe for every Duration-to-millis conversion. */
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(2_000_000);

    boolean help;
    boolean version;
    boolean debug;
    boolean include;
    boolean http1;
    boolean http2;
    boolean push;
    boolean checkStatus;
    boolean json;
    boolean form;
    Path cacert;
    Path cert;
    Path key;
    String keyPassword;
    Path output;
    Duration timeout;
    String method;
    RequestUrl url;
    RequestItems items;

    private Arguments() {
    }

    /** Parses {@code args}. With -h or --version the rest is not checked. */
    static Arguments parse(String[] args) throws UsageException {
        Arguments a = new Arguments();
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            a.help |= arg.equals("-h") || arg.equals("--help"); // help wins over any mistake beside it
        }
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String name = eq >= 0 ? arg.substring(0, eq) : arg;
            String inline = eq >= 0 ? arg.substring(eq + 1) : null;
            switch (name) {
                case "-h", "--help" -> a.help = true;
                case "--version" -> a.version = true;
                case "--debug" -> a.debug = true;
                case "-i", "--include" -> a.include = true;
                case "--h1", "--http1.1" -> a.http1 = true;
                case "--h2", "--http2" -> a.http2 = true;
                case "--push" -> a.push = true;
                case "--check-status" -> a.checkStatus = true;
                case "--json" -> a.json = true;
                case "--form" -> a.form = true;
                case "--cacert", "--cert", "--key", "--key-password", "-o", "--output", "--timeout" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value: " + valueName(name));
                        }
                        value = args[++i];
                    }
                    a.setValue(name, value);
                }
                default -> {
                    if (!a.help) {
                        throw new UsageException("unknown option '" + name + "' (see hyper --help)");
                    }
                }
            }
            if (inline != null && !takesValue(name)) {
                throw new UsageException(name + " takes no value, but got '" + inline + "'");
            }
        }
        if (a.help || a.version) {
            return a;
        }
        a.check(positional);
        return a;
    }

    private static boolean takesValue(String name) {
        return Set.of("--cacert", "--cert", "--key", "--key-password", "--output", "--timeout").contains(name);
    }

    private static String valueName(String option) {
        return switch (option) {
            case "--timeout" -> "SECONDS";
            case "--key-password" -> "PASSWORD";
            default -> "FILE";
        };
    }

    private void setValue(String name, String value) throws UsageException {
        switch (name) {
            case "--cacert" -> cacert = readableFile(name, value);
            case "--cert" -> cert = readableFile(name, value);
            case "--key" -> key = readableFile(name, value);
            case "--key-password" -> keyPassword = value;
            case "-o", "--output" -> {
                if (value.isEmpty()) {
                    throw new UsageException(name + " needs a file name");
                }
                output = Path.of(value);
            }
            default -> timeout = timeout(value);
        }
    }

    private static Path readableFile(String option, String value) throws UsageException {
        Path p = Path.of(value);
        if (!Files.exists(p)) {
            throw new UsageException("cannot read " + option + " " + value + ": no such file");
        }
        if (!Files.isRegularFile(p)) {
            throw new UsageException("cannot read " + option + " " + value + ": not a regular file");
        }
        if (!Files.isReadable(p)) {
            throw new UsageException("cannot read " + option + " " + value + ": permission denied");
        }
        return p;
    }

    private static Duration timeout(String value) throws UsageException {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("bad --timeout '" + value + "': expected a number of seconds, such as 5 or 0.5");
        }
        if (seconds.signum() <= 0 || seconds.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
            throw new UsageException("bad --timeout '" + value + "': must be more than 0 and at most "
                    + MAX_TIMEOUT_SECONDS + " seconds");
        }
        long nanos = seconds.movePointRight(9).longValue();
        return Duration.ofNanos(Math.max(nanos, 1_000_000)); // below a millisecond no socket timeout can tell
    }

    /** Checks the combination of options and splits METHOD, URL and items. */
    private void check(List<String> positional) throws UsageException {
        if (http1 && http2) {
            throw new UsageException("--h1 and --h2 cannot be used together: choose one protocol");
        }
        if (json && form) {
            throw new UsageException("--json and --form cannot be used together");
        }
        if ((cert == null) != (key == null)) {
            throw new UsageException(cert == null ? "--key needs --cert: the client certificate for that key"
                    : "--cert needs --key: the private key of that certificate (PEM, PKCS#8)");
        }
        if (keyPassword != null && key == null) {
            throw new UsageException("--key-password needs --key");
        }
        if (positional.isEmpty()) {
            throw new UsageException("missing URL");
        }
        int next = 0;
        String first = positional.get(0);
        String upper = first.toUpperCase(Locale.ROOT);
        boolean more = positional.size() > 1;
        if (STANDARD_METHODS.contains(upper) && (more || first.equals(upper))
                || more && first.matches("[A-Z]+")) { // an extension method, e.g. PROPFIND (RFC 9110 §9.1)
            method = upper;
            next = 1;
        }
        if (next >= positional.size()) {
            throw new UsageException("missing URL after the method " + method);
        }
        url = RequestUrl.parse(positional.get(next));
        items = RequestItems.parse(positional.subList(next + 1, positional.size()));
        if (method == null) {
            method = items.hasData() ? "POST" : "GET";
        }
        if (form) {
            items.formBody(); // reports a raw JSON field now, as a usage error
        }
    }

    /** The text of {@code hyper --help}. */
    static String help() {
        return USAGE + "\n\n"
                + "Sends one HTTP request, over HTTP/2 when the server speaks it, and prints the response.\n\n"
                + "positional arguments:\n"
                + "  METHOD              GET, POST, PUT... (or any word in capitals); default: GET, or POST\n"
                + "                      when data fields are given\n"
                + "  URL                 [scheme://]host[:port][/path]; the scheme defaults to https;\n"
                + "                      :8443/get means https://localhost:8443/get\n"
                + "  REQUEST_ITEM        Name:Value    a header (Name: with no value sends none, not even a default)\n"
                + "                      name==value   a query parameter\n"
                + "                      name=value    a JSON string field; the body is sent with\n"
                + "                                    Content-Type: application/json; charset=utf-8\n"
                + "                      name:=json    a raw JSON field: count:=3 tags:='[\"a\",\"b\"]'\n"
                + "                      A backslash makes the next ':' or '=' part of the name: a\\:b=c\n\n"
                + "options:\n"
                + "  -h, --help          show this help and exit\n"
                + "  --version           show hyper's version and exit\n"
                + "  --debug             log every frame sent and received, decoded headers, settings and\n"
                + "                      HPACK table changes to stderr (hyper's DEBUG logging)\n"
                + "  -i, --include       print the status line and the response headers; the protocol and\n"
                + "                      stream id go to stderr\n"
                + "  --h2, --http2       use HTTP/2 only: ALPN h2 over TLS, prior knowledge over http://\n"
                + "  --h1, --http1.1     use HTTP/1.1 only\n"
                + "                      (neither: over TLS, ALPN offers h2 and http/1.1; over http://, the\n"
                + "                      first request offers the h2c upgrade)\n"
                + "  --json              send data fields as JSON (the default) and ask for JSON back\n"
                + "  --form              send data fields as application/x-www-form-urlencoded\n"
                + "  --cacert FILE       trust the CA certificates in this PEM file instead of the JDK's\n"
                + "  --cert FILE         client certificate chain (PEM); needs --key\n"
                + "  --key FILE          private key of the client certificate (PEM, PKCS#8)\n"
                + "  --key-password PASSWORD\n"
                + "                      password of an encrypted --key\n"
                + "  -o, --output FILE   save the body to FILE; on a terminal, show a progress bar\n"
                + "  --timeout SECONDS   bound on connecting and on every wait for the server (default: 10 s\n"
                + "                      to connect, 30 s for each read)\n"
                + "  --push              let the server push (HTTP/2), and print each pushed resource after\n"
                + "                      the response, under a '# pushed GET URL (stream N, status S)' line\n"
                + "  --check-status      exit with 3, 4 or 5 when the status is 3xx, 4xx or 5xx\n\n"
                + "output:\n"
                + "  A JSON body is pretty-printed; other text is printed as it came. A binary body is not\n"
                + "  written to a terminal: hyper says what it is; use -o FILE or redirect stdout.\n\n"
                + "exit status:\n"
                + "  0  success (whatever the HTTP status, unless --check-status)\n"
                + "  1  network or protocol error: cannot connect, TLS failure, connection or stream reset\n"
                + "     (and an internal error of hyper's)\n"
                + "  2  usage error: bad option, URL, request item or certificate file\n"
                + "  3  HTTP 3xx, with --check-status\n"
                + "  4  HTTP 4xx, with --check-status\n"
                + "  5  HTTP 5xx, with --check-status\n"
                + "  6  timeout\n"
                + "  7  the --output file cannot be written\n\n"
                + "examples:\n"
                + "  hyper GET https://localhost:8443/get User-Agent:hyper/0.2.0 X-Totally-Real-Header:someval\n"
                + "  hyper GET https://localhost:8443/get search==hyper\n"
                + "  hyper POST https://localhost:8443/post name=Hyper language=Java description='CLI HTTP client'\n";
    }
}
