package hyper.api;

import java.util.Arrays;

/**
 * An HTTP/1.1 response broke the message syntax (RFC 9112): a malformed status line, header field, chunk size or
 * framing, or a line or header section over its limit. The message shows the offending octets, escaped and
 * truncated; {@link #offendingBytes()} gives them raw (at most {@value #MAX_KEPT} of them).
 */
public class Http1ProtocolException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** How many offending octets are kept and shown at most. */
    public static final int MAX_KEPT = 128;

    private final byte[] offending;

    public Http1ProtocolException(String message, byte[] offending, int off, int len) {
        super(message + ": \"" + escape(offending, off, Math.min(len, MAX_KEPT)) + "\"" + (len > MAX_KEPT ? " (first "
                + MAX_KEPT + " of " + len + " octets)" : ""));
        this.offending = Arrays.copyOfRange(offending, off, off + Math.min(len, MAX_KEPT));
    }

    public Http1ProtocolException(String message) {
        super(message);
        this.offending = new byte[0];
    }

    /** The offending octets (truncated to {@value #MAX_KEPT}); empty when the error is not about particular octets. */
    public byte[] offendingBytes() {
        return offending.clone();
    }

    /** Printable ASCII as is; CR, LF and tab as {@code \r \n \t}; backslash, quote and every other octet escaped. */
    static String escape(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(len + 8);
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xff;
            switch (c) {
                case '\r': sb.append("\\r"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                case '\\': sb.append("\\\\"); break;
                case '"': sb.append("\\\""); break;
                default:
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02x", c));
                    }
            }
        }
        return sb.toString();
    }
}
