package hyper.impl.http2;

import java.io.ByteArrayOutputStream;

/** Raw frame bytes for tests, built by hand so that malformed frames are as easy as valid ones. */
final class Frames {
    private Frames() {
    }

    /** A frame header with the given length field (which need not match the payload) followed by {@code payload}. */
    static byte[] frame(int length, int type, int flags, int streamId, byte... payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(type);
        out.write(flags);
        out.write(streamId >>> 24);
        out.write(streamId >>> 16);
        out.write(streamId >>> 8);
        out.write(streamId);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    /** A frame whose length field matches its payload. */
    static byte[] frame(int type, int flags, int streamId, byte... payload) {
        return frame(payload.length, type, flags, streamId, payload);
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    /** Big-endian 32-bit integer. */
    static byte[] int32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** One setting entry (id, value) of a SETTINGS payload. */
    static byte[] setting(int id, long value) {
        return concat(new byte[] {(byte) (id >>> 8), (byte) id}, int32(value));
    }

    /** Bytes from ints, for readability. */
    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** An empty SETTINGS frame: the shortest valid server preface. */
    static byte[] emptySettings() {
        return frame(Http2.TYPE_SETTINGS, 0, 0);
    }
}
