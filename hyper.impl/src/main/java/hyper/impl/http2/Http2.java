package hyper.impl.http2;

import java.nio.charset.StandardCharsets;

/** Constants of the HTTP/2 wire format (RFC 9113): frame types, flags, setting ids, defaults and limits. */
final class Http2 {
    private Http2() {
    }

    /** The client connection preface, §3.4. */
    static final byte[] CONNECTION_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Every frame starts with a 9-octet header, §4.1. */
    static final int FRAME_HEADER_LENGTH = 9;

    // Frame types, §6. Unknown types are ignored (§4.1, §5.5).
    static final int TYPE_DATA = 0x0;
    static final int TYPE_HEADERS = 0x1;
    static final int TYPE_PRIORITY = 0x2;
    static final int TYPE_RST_STREAM = 0x3;
    static final int TYPE_SETTINGS = 0x4;
    static final int TYPE_PUSH_PROMISE = 0x5;
    static final int TYPE_PING = 0x6;
    static final int TYPE_GOAWAY = 0x7;
    static final int TYPE_WINDOW_UPDATE = 0x8;
    static final int TYPE_CONTINUATION = 0x9;

    // Flags, §6. Their meaning depends on the frame type; flags a type does not define are ignored.
    static final int FLAG_NONE = 0x0;
    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;

    // Setting identifiers, §6.5.2. Unknown identifiers are ignored.
    static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;
    static final int SETTINGS_ENABLE_PUSH = 0x2;
    static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
    static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

    // Defaults and limits, §6.5.2, §6.9.
    static final int DEFAULT_HEADER_TABLE_SIZE = 4096;
    static final int DEFAULT_INITIAL_WINDOW_SIZE = 65_535;
    static final int DEFAULT_MAX_FRAME_SIZE = 16_384;
    static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;
    static final int MAX_WINDOW_SIZE = Integer.MAX_VALUE;
    static final int MAX_STREAM_ID = Integer.MAX_VALUE;

    /** A human-readable frame type, for logs and error messages. */
    static String typeName(int type) {
        switch (type) {
            case TYPE_DATA: return "DATA";
            case TYPE_HEADERS: return "HEADERS";
            case TYPE_PRIORITY: return "PRIORITY";
            case TYPE_RST_STREAM: return "RST_STREAM";
            case TYPE_SETTINGS: return "SETTINGS";
            case TYPE_PUSH_PROMISE: return "PUSH_PROMISE";
            case TYPE_PING: return "PING";
            case TYPE_GOAWAY: return "GOAWAY";
            case TYPE_WINDOW_UPDATE: return "WINDOW_UPDATE";
            case TYPE_CONTINUATION: return "CONTINUATION";
            default: return "0x" + Integer.toHexString(type);
        }
    }
}
