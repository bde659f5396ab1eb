package hyper.api;

import java.nio.charset.StandardCharsets;

/**
 * The connection ended with an error (the seed's {@code ConnectionError}): a GOAWAY received from the peer or
 * sent by us, or the transport failing. Carries the GOAWAY error code and debug data (RFC 9113 §6.8).
 */
public class ConnectionException extends Http2Exception {
    private static final long serialVersionUID = 1L;

    private final byte[] debugData;
    private final boolean remote;
    private final boolean notProcessed;

    /**
     * @param remote the peer sent the GOAWAY (false: we detected the error and sent it)
     * @param notProcessed the request on the affected stream was never processed by the peer (its id is above
     *        the GOAWAY's last-stream-id), so it is safe to retry on a new connection (RFC 9113 §6.8, §8.7)
     */
    public ConnectionException(ErrorCode errorCode, byte[] debugData, boolean remote, boolean notProcessed, String message) {
        super(errorCode, message + describe(errorCode, debugData));
        this.debugData = debugData == null ? new byte[0] : debugData.clone();
        this.remote = remote;
        this.notProcessed = notProcessed;
    }

    public ConnectionException(ErrorCode errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
        this.debugData = new byte[0];
        this.remote = false;
        this.notProcessed = false;
    }

    /** The GOAWAY's additional debug data (empty if none). */
    public byte[] debugData() {
        return debugData.clone();
    }

    /** The debug data as UTF-8 text, for messages. */
    public String debugText() {
        return new String(debugData, StandardCharsets.UTF_8);
    }

    /** Whether the peer ended the connection (a GOAWAY we received). */
    public boolean isRemote() {
        return remote;
    }

    /** True when the peer never processed this request, so retrying it on a new connection is safe. */
    public boolean isNotProcessed() {
        return notProcessed;
    }

    private static String describe(ErrorCode code, byte[] debug) {
        String text = debug == null || debug.length == 0 ? "" : ", debug data: \"" + new String(debug, StandardCharsets.UTF_8) + "\"";
        return " (" + code + text + ")";
    }
}
