package hyper.impl.http2;

import hyper.api.HpackDecodingException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderListener;
import hyper.api.spi.HpackDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A test-only HPACK subset: "literal header field without indexing, new name" (RFC 7541 §6.2.2) with plain
 * strings and 7-bit-prefix lengths. Enough to put known header blocks on the wire without the real codec.
 */
final class LiteralHpack {
    private LiteralHpack() {
    }

    /** Encodes name/value pairs as literals without indexing. */
    static byte[] encode(String... namesAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.write(0x00);
            string(out, namesAndValues[i]);
            string(out, namesAndValues[i + 1]);
        }
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        integer(out, b.length, 7, 0x00);
        out.write(b, 0, b.length);
    }

    static void integer(ByteArrayOutputStream out, int value, int prefixBits, int firstByteFlags) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.write(firstByteFlags | value);
            return;
        }
        out.write(firstByteFlags | max);
        value -= max;
        while (value >= 128) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** A codec whose encoder writes only literals and whose decoder reads only those: no dynamic table at all. */
    static final class Codec implements hyper.api.spi.HpackCodecProvider {
        @Override
        public String name() {
            return "test-literal";
        }

        @Override
        public int priority() {
            return -1000;
        }

        @Override
        public hyper.api.spi.HpackEncoder newEncoder(int maxTableSize) {
            return new Encoder();
        }

        @Override
        public HpackDecoder newDecoder(hyper.api.spi.HpackLimits limits) {
            return new Decoder(limits.maxHeaderListSize());
        }
    }

    /** Encodes every field as a literal without indexing. */
    static final class Encoder implements hyper.api.spi.HpackEncoder {
        @Override
        public void encode(hyper.api.spi.HeaderFields fields, BlockBuffer out) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (int i = 0; i < fields.size(); i++) {
                b.write(0x00);
                integer(b, fields.name(i).length, 7, 0);
                b.write(fields.name(i), 0, fields.name(i).length);
                integer(b, fields.value(i).length, 7, 0);
                b.write(fields.value(i), 0, fields.value(i).length);
            }
            byte[] bytes = b.toByteArray();
            out.write(bytes, 0, bytes.length);
        }

        @Override
        public void setPeerMaxTableSize(int size) {
        }

        @Override
        public int tableSize() {
            return 0;
        }

        @Override
        public int tableEntries() {
            return 0;
        }
    }

    /** Decodes only what {@link #encode} produces; anything else is a fatal error, as a corrupt block would be. */
    static final class Decoder implements HpackDecoder {
        private final BlockBuffer pending = new BlockBuffer();
        private int maxHeaderListSize;

        Decoder(int maxHeaderListSize) {
            this.maxHeaderListSize = maxHeaderListSize;
        }

        @Override
        public void decode(byte[] src, int offset, int length, boolean endOfBlock, HeaderListener listener)
                throws HpackDecodingException {
            pending.write(src, offset, length);
            if (!endOfBlock) {
                return;
            }
            byte[] b = pending.toByteArray();
            pending.reset();
            int[] p = {0};
            long listSize = 0;
            java.util.List<byte[][]> fields = new java.util.ArrayList<>();
            while (p[0] < b.length) {
                if (b[p[0]++] != 0x00) {
                    throw new HpackDecodingException(HpackDecodingException.Reason.INVALID_INDEX, "only literals here");
                }
                byte[] name = string(b, p);
                byte[] value = string(b, p);
                listSize += name.length + value.length + 32;
                fields.add(new byte[][] {name, value});
            }
            if (listSize > maxHeaderListSize) {
                throw new HpackDecodingException(HpackDecodingException.Reason.HEADER_LIST_TOO_LARGE,
                        "header list of " + listSize + " octets");
            }
            for (byte[][] f : fields) {
                listener.onHeader(f[0], f[1], false);
            }
        }

        private static byte[] string(byte[] b, int[] p) throws HpackDecodingException {
            if (p[0] >= b.length) {
                throw new HpackDecodingException(HpackDecodingException.Reason.TRUNCATED_BLOCK, "truncated");
            }
            int len = b[p[0]++] & 0x7f;
            if (len == 0x7f) {
                len = 0x7f;
                int shift = 0;
                int c;
                do {
                    if (p[0] >= b.length) {
                        throw new HpackDecodingException(HpackDecodingException.Reason.TRUNCATED_BLOCK, "truncated");
                    }
                    c = b[p[0]++] & 0xff;
                    len += (c & 0x7f) << shift;
                    shift += 7;
                } while ((c & 0x80) != 0);
            }
            if (p[0] + len > b.length) {
                throw new HpackDecodingException(HpackDecodingException.Reason.TRUNCATED_BLOCK, "truncated");
            }
            byte[] s = java.util.Arrays.copyOfRange(b, p[0], p[0] + len);
            p[0] += len;
            return s;
        }

        @Override
        public void setMaxTableSize(int acknowledgedSize) {
        }

        @Override
        public void setMaxHeaderListSize(int size) {
            maxHeaderListSize = size;
        }

        @Override
        public int tableSize() {
            return 0;
        }

        @Override
        public int tableEntries() {
            return 0;
        }
    }
}
