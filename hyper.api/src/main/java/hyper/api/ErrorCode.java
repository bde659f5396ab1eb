package hyper.api;

/** HTTP/2 error codes, RFC 9113 §7. Unknown codes received from a peer map to {@link #INTERNAL_ERROR} via {@link #of(long)}. */
public enum ErrorCode {
    NO_ERROR(0x0),
    PROTOCOL_ERROR(0x1),
    INTERNAL_ERROR(0x2),
    FLOW_CONTROL_ERROR(0x3),
    SETTINGS_TIMEOUT(0x4),
    STREAM_CLOSED(0x5),
    FRAME_SIZE_ERROR(0x6),
    REFUSED_STREAM(0x7),
    CANCEL(0x8),
    COMPRESSION_ERROR(0x9),
    CONNECT_ERROR(0xa),
    ENHANCE_YOUR_CALM(0xb),
    INADEQUATE_SECURITY(0xc),
    HTTP_1_1_REQUIRED(0xd);

    private static final ErrorCode[] BY_CODE = values();

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The 32-bit value sent in RST_STREAM and GOAWAY. */
    public int code() {
        return code;
    }

    /** The code for a wire value; RFC 9113 §7 says unknown codes "MUST NOT trigger any special behavior", so they read as INTERNAL_ERROR. */
    public static ErrorCode of(long wireValue) {
        if (wireValue >= 0 && wireValue < BY_CODE.length) {
            return BY_CODE[(int) wireValue];
        }
        return INTERNAL_ERROR;
    }
}
