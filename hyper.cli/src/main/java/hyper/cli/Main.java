package hyper.cli;

import hyper.api.Body;
import hyper.api.ConnectionException;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Push;
import hyper.api.Http2Exception;
import hyper.api.HyperException;
import hyper.api.HyperTimeoutException;
import hyper.api.Protocol;
import hyper.api.ProtocolException;
import hyper.api.Response;
import hyper.api.StreamResetException;
import hyper.cli.RequestItems.Item;
import hyper.cli.ResponseOutput.OutputFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** The {@code hyper} command (seed §3.2): parses the command line, sends one request, prints the response. */
public final class Main {
    /** Success, whatever the HTTP status unless {@code --check-status}. */
    static final int OK = 0;
    /** Cannot connect, TLS failed, the connection or the stream was reset, the server broke the protocol. */
    static final int NETWORK = 1;
    /** A bad command line: option, URL, request item, certificate file. */
    static final int USAGE = 2;
    /** With {@code --check-status}: 3, 4 and 5 for a 3xx, 4xx and 5xx status. */
    static final int HTTP_3XX = 3;
    static final int HTTP_4XX = 4;
    static final int HTTP_5XX = 5;
    /** Connecting or waiting for the server took longer than allowed. */
    static final int TIMEOUT = 6;
    /** The {@code -o} file could not be written. */
    static final int OUTPUT_FILE = 7;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs the command with the terminal the JVM has; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Terminal.detect());
    }

    /** Runs the command as if {@code terminal} described stdout and stderr. */
    static int run(String[] args, PrintStream out, PrintStream err, Terminal terminal) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        }
        if (a.help) {
            out.print(Arguments.help());
            out.flush();
            return OK;
        }
        if (a.version) {
            out.println("hyper " + version());
            out.flush();
            return OK;
        }
        DebugLogging debug = a.debug ? DebugLogging.enable(err) : null;
        try {
            return exchange(a, out, err, terminal);
        } catch (UsageException e) {
            return usageError(err, e.getMessage());
        } finally {
            if (debug != null) {
                debug.close();
            }
        }
    }

    private static int exchange(Arguments a, PrintStream out, PrintStream err, Terminal terminal)
            throws UsageException {
        ConnectionOptions options = options(a);
        RequestUrl url = a.url.withQuery(a.items.query());
        HeaderMap headers = headers(a);
        Body body = body(a);
        Protocol force = a.http2 ? Protocol.HTTP_2 : a.http1 ? Protocol.HTTP_1_1 : null;
        try (Transport transport = Transport.open(url, options, force)) {
            if (a.debug) {
                err.println("> " + a.method + " " + url.pathAndQuery());
                err.print(fieldLines("> ", headers));
                err.flush();
            }
            Transport.Exchange ex = transport.send(a.method, url.pathAndQuery(), body, headers);
            Response r = ex.response();
            if (a.include || a.debug) {
                err.println("* " + ex.describe(url));
                err.flush();
            }
            if (a.include) {
                ResponseOutput.printHead(ex.protocol(), r, out);
            }
            if (a.output != null) {
                ResponseOutput.save(r, a.output, terminal, err);
            } else {
                ResponseOutput.printBody(r, terminal, out, err);
            }
            if (a.include) {
                ResponseOutput.printTrailers(r, out);
            }
            if (a.push) {
                printPushes(transport, ex, a, out, err, terminal);
            }
            return statusExit(a, r, err);
        } catch (OutputFileException e) {
            err.println("hyper: " + e.getMessage());
            return OUTPUT_FILE;
        } catch (IOException e) {
            err.println("hyper: " + describe(e, url));
            return isTimeout(e) ? TIMEOUT : NETWORK;
        } catch (IllegalStateException e) {
            // hyper.api's provider lookup: no engine, or a named provider missing (-Dhyper.engine, -Dhyper.tls)
            err.println("hyper: " + e.getMessage());
            return NETWORK;
        } catch (RuntimeException e) {
            // a bug, not the user's doing: say so in one line, with the trace for --debug
            err.println("hyper: internal error: " + e + (a.debug ? "" : " (--debug shows where)"));
            if (a.debug) {
                e.printStackTrace(err);
            }
            return NETWORK;
        }
    }

    /**
     * {@code --push}: each pushed resource after the response, introduced by a line that says what the server
     * promised; with {@code -i} its status line and headers too. Bodies are printed as any other.
     */
    private static void printPushes(Transport transport, Transport.Exchange ex, Arguments a, PrintStream out,
            PrintStream err, Terminal terminal) throws IOException {
        List<Http2Push> pushes = transport.pushes(ex);
        if (a.include || a.debug) {
            err.println(pushes.isEmpty() ? "* no pushes" : "* " + pushes.size()
                    + (pushes.size() == 1 ? " push" : " pushes") + " on stream " + ex.streamId());
        }
        for (Http2Push push : pushes) {
            Response r = push.getResponse();
            byte[] banner = ("\n# pushed " + push.method() + " " + push.scheme() + "://" + push.authority()
                    + push.path() + " (stream " + push.streamId() + ", status " + r.status() + ")\n")
                    .getBytes(StandardCharsets.UTF_8);
            out.write(banner, 0, banner.length);
            if (a.include) {
                ResponseOutput.printHead(ex.protocol(), r, out);
            }
            ResponseOutput.printBody(r, terminal, out, err);
        }
    }

    /** The connection options the command line asks for. */
    static ConnectionOptions options(Arguments a) throws UsageException {
        ConnectionOptions.Builder b = ConnectionOptions.builder().secure(a.url.secure()).enablePush(a.push);
        if (a.timeout != null) {
            b.connectTimeout(a.timeout).readTimeout(a.timeout).writeTimeout(a.timeout)
                    .streamSlotTimeout(a.timeout).pingTimeout(a.timeout);
        }
        if (a.url.secure() && (a.cacert != null || a.cert != null)) {
            b.sslContext(sslContext(a));
        }
        return b.build();
    }

    private static SSLContext sslContext(Arguments a) throws UsageException {
        try {
            return hyper.api.Hyper.tls(null).initContext(a.cacert, a.cert, a.key,
                    a.keyPassword == null ? null : a.keyPassword.toCharArray());
        } catch (HyperException e) {
            String files = (a.cacert != null ? "--cacert " + a.cacert : "")
                    + (a.cert != null ? (a.cacert != null ? ", " : "") + "--cert " + a.cert + " --key " + a.key : "");
            throw new UsageException("cannot use " + files + ": " + e.getMessage(), e);
        }
    }

    /** Default headers, then the header items; an item with an empty value removes that header. */
    static HeaderMap headers(Arguments a) throws UsageException {
        HeaderMap h = new HeaderMap();
        h.add("user-agent", "hyper/" + version());
        h.add("accept", a.json || (a.items.hasData() && !a.form) ? "application/json, */*;q=0.5" : "*/*");
        h.add("accept-encoding", "gzip, deflate");
        if (a.items.hasData()) {
            h.add("content-type", a.form ? "application/x-www-form-urlencoded; charset=utf-8"
                    : "application/json; charset=utf-8");
        }
        for (int i = 0; i < a.items.headers().size(); i++) {
            Item item = a.items.headers().get(i);
            String name = item.name().toLowerCase(Locale.ROOT);
            boolean repeated = false;
            for (int j = 0; j < i; j++) {
                repeated |= a.items.headers().get(j).name().equalsIgnoreCase(name);
            }
            if (item.value().isEmpty()) {
                h.pop(name, null);
            } else if (repeated) {
                h.add(name, item.value()); // X-A:1 X-A:2 sends both
            } else {
                h.replace(name, item.value()); // a user's value wins over a default one
            }
        }
        return h;
    }

    private static Body body(Arguments a) throws UsageException {
        if (!a.items.hasData()) {
            return Body.empty();
        }
        return Body.of(a.form ? a.items.formBody() : a.items.jsonBody());
    }

    private static int statusExit(Arguments a, Response r, PrintStream err) {
        int s = r.status();
        if (!a.checkStatus || s < 300) {
            return OK;
        }
        err.println("hyper: HTTP status " + s + (r.reason().isEmpty() ? "" : " " + r.reason()));
        return s < 400 ? HTTP_3XX : s < 500 ? HTTP_4XX : s < 600 ? HTTP_5XX : OK;
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HyperTimeoutException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** One line that says what failed, where, and, when it helps, what to do. */
    static String describe(IOException e, RequestUrl url) {
        String where = url.authority();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (isTimeout(e)) {
            return "timed out talking to " + where + ": " + message(e) + " (raise --timeout to wait longer)";
        }
        if (root instanceof UnknownHostException) {
            return "cannot connect to " + where + ": unknown host '" + url.host() + "'";
        }
        if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            return "cannot connect to " + where + ": " + message(root);
        }
        if (e instanceof SSLHandshakeException || root instanceof java.security.cert.CertificateException
                || root instanceof java.security.cert.CertPathValidatorException) {
            return "TLS handshake with " + where + " failed: " + message(e)
                    + (url.secure() ? " (use --cacert FILE to trust the server's CA)" : "");
        }
        if (e instanceof SSLException) {
            return "TLS error with " + where + ": " + message(e);
        }
        if (e instanceof StreamResetException) {
            return "the server reset the stream: " + message(e);
        }
        if (e instanceof ConnectionException) {
            return "the connection to " + where + " failed: " + message(e);
        }
        if (e instanceof ProtocolException) {
            return "protocol error from " + where + ": " + message(e);
        }
        if (e instanceof Http2Exception || e instanceof HyperException) {
            return message(e);
        }
        return "I/O error with " + where + ": " + message(e);
    }

    private static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static String fieldLines(String prefix, HeaderMap fields) {
        StringBuilder sb = new StringBuilder();
        for (var f : fields.iterRaw()) {
            sb.append(prefix).append(new String(f.getKey(), StandardCharsets.UTF_8)).append(": ")
                    .append(new String(f.getValue(), StandardCharsets.UTF_8)).append('\n');
        }
        return sb.toString();
    }

    private static int usageError(PrintStream err, String message) {
        err.println("hyper: error: " + message);
        err.println(Arguments.USAGE);
        err.println("Try 'hyper --help' for more information.");
        err.flush();
        return USAGE;
    }

    /** The version of this build, from the filtered resource {@code version.txt}. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
