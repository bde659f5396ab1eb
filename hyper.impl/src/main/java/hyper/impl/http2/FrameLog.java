package hyper.impl.http2;

import static hyper.impl.http2.Http2.*;

import hyper.api.ErrorCode;
import hyper.api.spi.HeaderFields;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * DEBUG logging of every HTTP/2 frame received ({@code <<}) and sent ({@code >>}) under the logger
 * {@code hyper.http2.frames}. One record per frame, described from its wire octets, e.g.
 * <pre>
 * &gt;&gt; HEADERS stream=1 flags=END_STREAM|END_HEADERS length=31
 *     :method: GET
 *     authorization: &lt;redacted 11 octets&gt;
 * &lt;&lt; SETTINGS stream=0 flags=- length=12 MAX_CONCURRENT_STREAMS=100 INITIAL_WINDOW_SIZE=65535
 * </pre>
 * Callers test {@link #enabled()} per frame (levels may change while a connection lives) and call the
 * describing methods only when it is true, so nothing is built or allocated while DEBUG is off.
 */
final class FrameLog {
    static final System.Logger LOG = System.getLogger("hyper.http2.frames");

    static final String RECEIVED = "<<";
    static final String SENT = ">>";

    private static final String[] SETTING_NAMES = {"", "HEADER_TABLE_SIZE", "ENABLE_PUSH", "MAX_CONCURRENT_STREAMS",
        "INITIAL_WINDOW_SIZE", "MAX_FRAME_SIZE", "MAX_HEADER_LIST_SIZE"};
    private static final int MAX_DEBUG_DATA_SHOWN = 256;

    private FrameLog() {
    }

    /** Whether frames are logged now; cheap enough to ask for every frame. */
    static boolean enabled() {
        return LOG.isLoggable(Level.DEBUG);
    }

    /**
     * Logs each complete frame in {@code b[from, to)}; {@code fields}, when not null, is the decoded header block
     * shown under the last of them (the frame that carries END_HEADERS).
     */
    static void frames(String direction, byte[] b, int from, int to, HeaderFields fields) {
        int p = from;
        while (to - p >= FRAME_HEADER_LENGTH) {
            int length = (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
            int end = p + FRAME_HEADER_LENGTH + length;
            if (end > to) {
                return;
            }
            LOG.log(Level.DEBUG, describe(direction, b, p, end == to ? fields : null));
            p = end;
        }
    }

    /** Logs the one frame whose header starts at {@code b[start]} and whose payload is in {@code b}. */
    static void frame(String direction, byte[] b, int start, HeaderFields fields) {
        LOG.log(Level.DEBUG, describe(direction, b, start, fields));
    }

    /** One frame as text: direction, type, stream, flags, length, then what its type carries. */
    static String describe(String direction, byte[] b, int start, HeaderFields fields) {
        int length = (b[start] & 0xff) << 16 | (b[start + 1] & 0xff) << 8 | (b[start + 2] & 0xff);
        int type = b[start + 3] & 0xff;
        int flags = b[start + 4] & 0xff;
        int streamId = readInt(b, start + 5) & 0x7fffffff;
        int p = start + FRAME_HEADER_LENGTH;
        StringBuilder sb = new StringBuilder(64).append(direction).append(' ').append(typeName(type))
                .append(" stream=").append(streamId).append(" flags=");
        appendFlags(sb, type, flags);
        sb.append(" length=").append(length);
        switch (type) {
            case TYPE_DATA:
                if ((flags & FLAG_PADDED) != 0 && length > 0) {
                    sb.append(" padding=").append(b[p] & 0xff);
                }
                break;
            case TYPE_PRIORITY:
                if (length == 5) {
                    appendPriority(sb, b, p);
                }
                break;
            case TYPE_RST_STREAM:
                if (length == 4) {
                    appendErrorCode(sb, b, p);
                }
                break;
            case TYPE_SETTINGS:
                for (int i = p; i + 6 <= p + length; i += 6) {
                    int id = (b[i] & 0xff) << 8 | (b[i + 1] & 0xff);
                    sb.append(' ').append(id > 0 && id < SETTING_NAMES.length ? SETTING_NAMES[id] : "0x" + Integer.toHexString(id))
                            .append('=').append(readInt(b, i + 2) & 0xffffffffL);
                }
                break;
            case TYPE_PUSH_PROMISE: {
                int at = (flags & FLAG_PADDED) != 0 ? p + 1 : p;
                if (at + 4 <= p + length) {
                    sb.append(" promised-stream=").append(readInt(b, at) & 0x7fffffff);
                }
                break;
            }
            case TYPE_PING:
                if (length == 8) {
                    sb.append(" payload=");
                    for (int i = p; i < p + 8; i++) {
                        sb.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
                    }
                }
                break;
            case TYPE_GOAWAY:
                if (length >= 8) {
                    sb.append(" last-stream=").append(readInt(b, p) & 0x7fffffff);
                    appendErrorCode(sb, b, p + 4);
                    if (length > 8) {
                        appendDebugData(sb, b, p + 8, length - 8);
                    }
                }
                break;
            case TYPE_WINDOW_UPDATE:
                if (length == 4) {
                    sb.append(" increment=").append(readInt(b, p) & 0x7fffffff);
                }
                break;
            default:
                break;
        }
        if (fields != null) {
            appendFields(sb, fields);
        }
        return sb.toString();
    }

    /** The decoded fields, one per line; credentials and cookies show only their size. */
    static void appendFields(StringBuilder sb, HeaderFields fields) {
        for (int i = 0; i < fields.size(); i++) {
            String name = new String(fields.name(i), StandardCharsets.ISO_8859_1);
            byte[] value = fields.value(i);
            sb.append("\n    ").append(name).append(": ");
            if (isSecret(name)) {
                sb.append("<redacted ").append(value.length).append(" octets>");
            } else {
                sb.append(new String(value, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static boolean isSecret(String name) {
        return name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase("proxy-authorization")
                || name.equalsIgnoreCase("cookie") || name.equalsIgnoreCase("set-cookie");
    }

    /** The flags the type defines (§6), by name; undefined bits in hex; "-" when none. */
    private static void appendFlags(StringBuilder sb, int type, int flags) {
        int start = sb.length();
        int rest = flags;
        switch (type) {
            case TYPE_DATA:
                rest = flag(sb, rest, FLAG_END_STREAM, "END_STREAM");
                rest = flag(sb, rest, FLAG_PADDED, "PADDED");
                break;
            case TYPE_HEADERS:
                rest = flag(sb, rest, FLAG_END_STREAM, "END_STREAM");
                rest = flag(sb, rest, FLAG_END_HEADERS, "END_HEADERS");
                rest = flag(sb, rest, FLAG_PADDED, "PADDED");
                rest = flag(sb, rest, FLAG_PRIORITY, "PRIORITY");
                break;
            case TYPE_PUSH_PROMISE:
                rest = flag(sb, rest, FLAG_END_HEADERS, "END_HEADERS");
                rest = flag(sb, rest, FLAG_PADDED, "PADDED");
                break;
            case TYPE_CONTINUATION:
                rest = flag(sb, rest, FLAG_END_HEADERS, "END_HEADERS");
                break;
            case TYPE_SETTINGS:
            case TYPE_PING:
                rest = flag(sb, rest, FLAG_ACK, "ACK");
                break;
            default:
                break;
        }
        if (rest != 0) {
            sb.append(sb.length() > start ? "|" : "").append("0x").append(Integer.toHexString(rest));
        }
        if (sb.length() == start) {
            sb.append('-');
        }
    }

    private static int flag(StringBuilder sb, int flags, int bit, String name) {
        if ((flags & bit) == 0) {
            return flags;
        }
        if (sb.charAt(sb.length() - 1) != '=') {
            sb.append('|');
        }
        sb.append(name);
        return flags & ~bit;
    }

    private static void appendPriority(StringBuilder sb, byte[] b, int p) {
        int dependency = readInt(b, p);
        sb.append(" depends-on=").append(dependency & 0x7fffffff).append(" weight=").append((b[p + 4] & 0xff) + 1);
        if (dependency < 0) {
            sb.append(" exclusive");
        }
    }

    private static void appendErrorCode(StringBuilder sb, byte[] b, int p) {
        long wire = readInt(b, p) & 0xffffffffL;
        ErrorCode code = ErrorCode.of(wire);
        sb.append(" error=");
        if (code.code() == wire) {
            sb.append(code);
        } else {
            sb.append("0x").append(Long.toHexString(wire)); // unknown codes read as INTERNAL_ERROR; show what came
        }
    }

    /** GOAWAY debug data as quoted text, non-printable octets as '.', cut after {@value #MAX_DEBUG_DATA_SHOWN} octets. */
    private static void appendDebugData(StringBuilder sb, byte[] b, int p, int n) {
        sb.append(" debug=\"");
        for (int i = p; i < p + Math.min(n, MAX_DEBUG_DATA_SHOWN); i++) {
            int c = b[i] & 0xff;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        sb.append(n > MAX_DEBUG_DATA_SHOWN ? "\"..." : "\"");
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
    }
}
