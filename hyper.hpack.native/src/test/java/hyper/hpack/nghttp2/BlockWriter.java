package hyper.hpack.nghttp2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes header blocks representation by representation (RFC 7541 §6), raw strings only, so a test says
 * exactly what is on the wire, including what no encoder would send.
 */
final class BlockWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Indexed Header Field (§6.1). */
    BlockWriter indexed(int index) {
        integer(0x80, 7, index);
        return this;
    }

    /** Literal with incremental indexing, new name (§6.2.1). */
    BlockWriter indexing(String name, String value) {
        integer(0x40, 6, 0);
        string(name.getBytes(StandardCharsets.UTF_8));
        string(value.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Literal with incremental indexing, new name, any value octets. */
    BlockWriter indexing(String name, byte[] value) {
        integer(0x40, 6, 0);
        string(name.getBytes(StandardCharsets.UTF_8));
        string(value);
        return this;
    }

    /** Literal never indexed, new name (§6.2.3). */
    BlockWriter neverIndexed(String name, byte[] value) {
        integer(0x10, 4, 0);
        string(name.getBytes(StandardCharsets.UTF_8));
        string(value);
        return this;
    }

    /** Literal without indexing, name from the tables (§6.2.2). */
    BlockWriter withoutIndexing(int nameIndex, byte[] value) {
        integer(0x00, 4, nameIndex);
        string(value);
        return this;
    }

    /** Dynamic Table Size Update (§6.3). */
    BlockWriter sizeUpdate(int size) {
        integer(0x20, 5, size);
        return this;
    }

    /** Octets as they are. */
    BlockWriter raw(byte... octets) {
        out.write(octets, 0, octets.length);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void string(byte[] s) {
        integer(0x00, 7, s.length);
        out.write(s, 0, s.length);
    }

    /** §5.1: an N-bit prefix, then 7 bits an octet. */
    private void integer(int flags, int prefixBits, int value) {
        int mask = (1 << prefixBits) - 1;
        if (value < mask) {
            out.write(flags | value);
            return;
        }
        out.write(flags | mask);
        value -= mask;
        while (value >= 0x80) {
            out.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
