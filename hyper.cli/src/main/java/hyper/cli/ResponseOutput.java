package hyper.cli;

import hyper.api.HeaderMap;
import hyper.api.Response;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a response: the status line and headers for {@code -i}, then the body. JSON is pretty-printed, other text
 * goes out as it came, and a binary body is not dumped to a terminal (it goes out as is to a pipe or a file).
 */
final class ResponseOutput {
    /** How much of a body of unknown type is looked at before deciding whether it is text. */
    static final int SNIFF_BYTES = 1024;
    /** JSON bodies up to this size are pretty-printed; larger ones are streamed as they come. */
    static final int PRETTY_LIMIT = 16 * 1024 * 1024;

    private static final int CHUNK = 64 * 1024;

    /** What a body is, as far as printing goes. */
    enum Kind { JSON, TEXT, BINARY, UNKNOWN }

    /** The {@code -o} file could not be written: exit status 7, distinct from network errors. */
    static final class OutputFileException extends IOException {
        private static final long serialVersionUID = 1L;

        OutputFileException(Path file, IOException cause) {
            super("cannot write " + file + ": " + describe(cause), cause);
        }

        private static String describe(IOException e) {
            String kind = e.getClass().getSimpleName();
            return switch (kind) {
                case "NoSuchFileException" -> "no such directory";
                case "AccessDeniedException" -> "permission denied";
                case "FileSystemException" -> e.getMessage() != null ? e.getMessage() : kind;
                default -> e.getMessage() != null ? e.getMessage() : kind;
            };
        }
    }

    private ResponseOutput() {
    }

    /** The media type of a Content-Type value, its parameters dropped: what the body is. */
    static Kind classify(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Kind.UNKNOWN;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || type.endsWith("+json") || type.equals("text/json")) {
            return Kind.JSON;
        }
        if (type.startsWith("text/") || type.endsWith("+xml") || type.equals("application/xml")
                || type.equals("application/javascript") || type.equals("application/ecmascript")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/yaml")) {
            return Kind.TEXT;
        }
        if (type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/")
                || type.startsWith("font/") || type.equals("application/octet-stream") || type.equals("application/zip")
                || type.equals("application/gzip") || type.equals("application/pdf")) {
            return Kind.BINARY;
        }
        return Kind.UNKNOWN;
    }

    /**
     * Whether the first {@code length} octets of a body look binary: a NUL, a control character other than
     * tab, line feed, form feed, carriage return and escape, or bytes that are not UTF-8. A multi-byte character
     * cut at {@code length} is not held against it.
     */
    static boolean looksBinary(byte[] b, int length, boolean complete) {
        int i = 0;
        while (i < length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b || c == 0x7f) {
                    return true;
                }
                i++;
                continue;
            }
            int extra = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
            if (extra < 0 || c > 0xf4) {
                return true; // 0x80-0xc1 cannot start a character; 0xf5-0xff never appear in UTF-8
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= length) {
                    return complete; // cut off by the sniffing window: only an error at the body's real end
                }
                if ((b[i + k] & 0xc0) != 0x80) {
                    return true;
                }
            }
            i += extra + 1;
        }
        return false;
    }

    /** The status line as curl and HTTPie print it: {@code HTTP/2 200}, {@code HTTP/1.1 404 Not Found}. */
    static String statusLine(String protocol, Response r) {
        String version = protocol.startsWith("h2") ? "HTTP/2" : "HTTP/1.1";
        String reason = r.reason() == null || r.reason().isEmpty() ? "" : " " + r.reason();
        return version + " " + r.status() + reason;
    }

    /** The status line and every header field as received. */
    static void printHead(String protocol, Response r, PrintStream out) {
        StringBuilder sb = new StringBuilder(statusLine(protocol, r)).append('\n');
        appendFields(r.headers(), sb);
        byte[] b = bytes(sb.append('\n').toString());
        out.write(b, 0, b.length);
        out.flush();
    }

    /** The trailers (for {@code -i}), when the response had any. */
    static void printTrailers(Response r, PrintStream out) throws IOException {
        HeaderMap trailers = r.trailers();
        if (trailers.rawSize() > 0) {
            StringBuilder sb = new StringBuilder();
            appendFields(trailers, sb);
            byte[] b = bytes(sb.toString());
            out.write(b, 0, b.length);
            out.flush();
        }
    }

    private static void appendFields(HeaderMap fields, StringBuilder sb) {
        for (Map.Entry<byte[], byte[]> f : fields.iterRaw()) {
            sb.append(new String(f.getKey(), StandardCharsets.UTF_8)).append(": ")
                    .append(new String(f.getValue(), StandardCharsets.UTF_8)).append('\n');
        }
    }

    /** Prints the body on stdout, or, when it is binary and stdout a terminal, says on stderr what it is. */
    static void printBody(Response r, Terminal terminal, PrintStream out, PrintStream err) throws IOException {
        String contentType = r.headers().firstValue("content-type").orElse(null);
        Kind kind = classify(contentType);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        boolean ended = readAtLeast(r, head, SNIFF_BYTES);
        if (kind == Kind.UNKNOWN) {
            kind = looksBinary(head.toByteArray(), head.size(), ended) ? Kind.BINARY : Kind.TEXT;
            if (kind == Kind.TEXT && startsLikeJson(head)) {
                kind = Kind.JSON;
            }
        }
        if (kind == Kind.BINARY && terminal.stdoutIsTerminal()) {
            long announced = announcedLength(r);
            long size;
            if (ended) {
                size = head.size();
            } else if (announced >= 0) {
                size = announced;
                r.close(); // no need to download what will not be shown: the stream is cancelled
            } else {
                size = head.size() + drain(r);
            }
            err.println("hyper: binary body not shown (" + (contentType == null ? "no content-type" : contentType)
                    + ", " + Progress.size(size) + (size >= 1024 ? ", " + size + " bytes" : "")
                    + "); use -o FILE to save it, or redirect stdout");
            return;
        }
        if (kind == Kind.JSON && !ended) {
            ended = readAtLeast(r, head, PRETTY_LIMIT);
        }
        if (kind == Kind.JSON && ended) {
            String text = head.toString(StandardCharsets.UTF_8);
            try {
                byte[] pretty = bytes(Json.pretty(text) + "\n");
                out.write(pretty, 0, pretty.length);
                out.flush();
                return;
            } catch (Json.SyntaxException notJson) {
                // say it as it came: a server that labels other text as JSON is still worth reading
            }
        }
        int last = head.size() == 0 ? -1 : head.toByteArray()[head.size() - 1];
        head.writeTo(out);
        if (!ended) {
            last = copy(r, out);
        }
        if (terminal.stdoutIsTerminal() && kind != Kind.BINARY && last != -1 && last != '\n') {
            out.write('\n'); // keep the shell prompt on its own line
        }
        out.flush();
    }

    /** Saves the body to {@code file}, with a progress bar when stderr is a terminal. */
    static long save(Response r, Path file, Terminal terminal, PrintStream err) throws IOException {
        long total = announcedLength(r);
        Progress progress = terminal.stderrIsTerminal()
                ? new Progress(err, total, terminal.columns(), System::nanoTime) : null;
        long written = 0;
        try (OutputStream out = openOutput(file)) {
            while (true) {
                byte[] chunk = r.read(CHUNK);
                if (chunk.length == 0) {
                    break;
                }
                out.write(chunk);
                written += chunk.length;
                if (progress != null) {
                    progress.advance(chunk.length);
                }
            }
        }
        if (progress != null) {
            progress.finish();
        }
        return written;
    }

    /** The file, whose every failure is an {@link OutputFileException}, so it is told apart from network errors. */
    private static OutputStream openOutput(Path file) throws OutputFileException {
        OutputStream raw;
        try {
            raw = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OutputFileException(file, e);
        }
        return new FilterOutputStream(raw) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new OutputFileException(file, e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new OutputFileException(file, e);
                }
            }
        };
    }

    /** The body's length from Content-Length, or -1 when unknown or when it is the encoded (compressed) length. */
    private static long announcedLength(Response r) {
        if (r.headers().contains("content-encoding")) {
            return -1;
        }
        return r.headers().firstValue("content-length").map(ResponseOutput::parseLength).orElse(-1L);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads until {@code buffer} holds {@code limit} octets or the body ends; returns whether it ended. */
    private static boolean readAtLeast(Response r, ByteArrayOutputStream buffer, int limit) throws IOException {
        while (buffer.size() < limit) {
            byte[] chunk = r.read(CHUNK);
            if (chunk.length == 0) {
                return true;
            }
            buffer.write(chunk, 0, chunk.length);
        }
        return false;
    }

    /** Copies the rest of the body; returns its last octet, or -1 if there was none. */
    private static int copy(Response r, PrintStream out) throws IOException {
        int last = -1;
        while (true) {
            byte[] chunk = r.read(CHUNK);
            if (chunk.length == 0) {
                return last;
            }
            out.write(chunk, 0, chunk.length);
            last = chunk[chunk.length - 1];
        }
    }

    private static long drain(Response r) throws IOException {
        long n = 0;
        while (true) {
            byte[] chunk = r.read(CHUNK);
            if (chunk.length == 0) {
                return n;
            }
            n += chunk.length;
        }
    }

    private static boolean startsLikeJson(ByteArrayOutputStream head) {
        for (byte b : head.toByteArray()) {
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
