package hyper.impl.body;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ContentDecodingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {
    private static final byte[] TEXT = sample();

    private static byte[] sample() {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(7);
        for (int i = 0; i < 5000; i++) {
            sb.append("line ").append(i).append(' ').append(r.nextInt(100)).append('\n');
        }
        return sb.toString().getBytes(US_ASCII);
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(data);
        }
        return bos.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(bos, new Deflater(6, raw))) {
            d.write(data);
        }
        return bos.toByteArray();
    }

    /** Feeds {@code body} in pieces of {@code piece} octets, draining through a small buffer as a reader would. */
    static byte[] decode(String coding, byte[] body, int piece) throws IOException {
        ContentDecoder d = ContentDecoder.forEncoding(coding.getBytes(US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[97];
        for (int off = 0; off < body.length; off += piece) {
            d.feed(body, off, Math.min(piece, body.length - off));
            int n;
            while ((n = d.inflate(buf, 0, buf.length)) > 0) {
                out.write(buf, 0, n);
            }
        }
        d.finish();
        d.close();
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 1 << 20})
    void gzipZlibAndRawDeflateDecodeWhateverTheFraming(int piece) throws IOException {
        assertArrayEquals(TEXT, decode("gzip", gzip(TEXT), piece));
        assertArrayEquals(TEXT, decode("deflate", deflate(TEXT, false), piece));
        assertArrayEquals(TEXT, decode("deflate", deflate(TEXT, true), piece));
    }

    @Test
    void concatenatedGzipMembersAreOneBody() throws IOException {
        byte[] a = gzip("hello ".getBytes(US_ASCII));
        byte[] b = gzip("world".getBytes(US_ASCII));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertArrayEquals("hello world".getBytes(US_ASCII), decode("gzip", both, 5));
    }

    @Test
    void gzipHeaderWithNameAndCommentIsSkipped() throws IOException {
        byte[] plain = gzip(TEXT);
        byte[] name = "file.txt\0comment\0".getBytes(US_ASCII);
        byte[] withName = new byte[plain.length + name.length];
        System.arraycopy(plain, 0, withName, 0, 10);
        withName[3] = 8 | 16; // FNAME | FCOMMENT
        System.arraycopy(name, 0, withName, 10, name.length);
        System.arraycopy(plain, 10, withName, 10 + name.length, plain.length - 10);
        assertArrayEquals(TEXT, decode("gzip", withName, 3));
    }

    @Test
    void corruptTruncatedAndWrongChecksumAreTypedErrors() throws IOException {
        byte[] gz = gzip(TEXT);
        byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
        assertThrows(ContentDecodingException.class, () -> decode("gzip", truncated, 64));
        byte[] badCrc = gz.clone();
        badCrc[badCrc.length - 6] ^= 1;
        assertThrows(ContentDecodingException.class, () -> decode("gzip", badCrc, 64));
        byte[] notGzip = "plain text, not gzip".getBytes(US_ASCII);
        assertThrows(ContentDecodingException.class, () -> decode("gzip", notGzip, 64));
        byte[] garbage = {(byte) 0x78, (byte) 0x9c, (byte) 0xff, (byte) 0xff, 1, 2, 3};
        assertThrows(ContentDecodingException.class, () -> decode("deflate", garbage, 64));
    }

    @Test
    void aBombCannotForceOneHugeAllocation() throws IOException {
        byte[] zeros = new byte[32 * 1024 * 1024];
        byte[] bomb = gzip(zeros);
        assertTrue(bomb.length < 64 * 1024, "test input should be small");
        ContentDecoder d = ContentDecoder.forEncoding("gzip".getBytes(US_ASCII));
        d.feed(bomb, 0, bomb.length);
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = d.inflate(buf, 0, buf.length)) > 0) {
            assertTrue(n <= buf.length);
            total += n;
        }
        d.finish();
        assertTrue(total == zeros.length);
    }

    @Test
    void identityAndUnknownCodingsPassThrough() {
        assertNull(ContentDecoder.forEncoding(null));
        assertNull(ContentDecoder.forEncoding("identity".getBytes(US_ASCII)));
        assertNull(ContentDecoder.forEncoding("br".getBytes(US_ASCII)));
    }
}
