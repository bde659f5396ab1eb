package hyper.bench.hpack;

import com.twitter.hpack.Decoder;
import com.twitter.hpack.Encoder;
import com.twitter.hpack.HeaderListener;
import hyper.api.spi.BlockBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Twitter's {@code com.twitter:hpack}. Its API is stream-based; the streams here are unsynchronized and
 * reused, so Twitter is not charged for {@code ByteArray*Stream} locking or for a stream per block.
 */
final class TwitterContender extends Contender {
    private final OctetOutput out = new OctetOutput();

    @Override
    String name() {
        return "twitter";
    }

    @Override
    Object prepare(HeaderBlock block) {
        return block;
    }

    @Override
    Object prepareEncoded(byte[] block) {
        return block;
    }

    @Override
    BlockEncoder newEncoder() {
        return new TwitterEncoder(new Encoder(TABLE_SIZE), out);
    }

    @Override
    BlockDecoder newDecoder(FieldSink sink) {
        return new TwitterDecoder(new Decoder(MAX_HEADER_LIST_SIZE, TABLE_SIZE), sink);
    }

    private static final class TwitterEncoder implements BlockEncoder {
        private final Encoder encoder;
        private final OctetOutput out;

        TwitterEncoder(Encoder encoder, OctetOutput out) {
            this.encoder = encoder;
            this.out = out;
        }

        @Override
        public int encode(Object prepared) throws IOException {
            HeaderBlock block = (HeaderBlock) prepared;
            out.buffer.reset();
            for (int i = 0; i < block.size(); i++) {
                byte[] name = block.name(i);
                byte[] value = block.value(i);
                encoder.encodeHeader(out, name, value, IndexingPolicy.neverIndex(name, value.length));
            }
            return out.buffer.length();
        }

        @Override
        public byte[] lastBlock() {
            return out.buffer.toByteArray();
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** Is its own listener, so a new decoder costs no extra lambda. */
    private static final class TwitterDecoder implements BlockDecoder, HeaderListener {
        private final Decoder decoder;
        private final FieldSink sink;
        private final OctetInput in = new OctetInput();

        TwitterDecoder(Decoder decoder, FieldSink sink) {
            this.decoder = decoder;
            this.sink = sink;
        }

        @Override
        public void decode(Object preparedEncoded) throws IOException {
            in.reset((byte[]) preparedEncoded);
            decoder.decode(in, this);
            if (decoder.endHeaderBlock()) {
                // Twitter drops fields past its header-size limit silently; a benchmark must not
                throw new IOException("twitter hpack truncated a block over " + MAX_HEADER_LIST_SIZE + " octets");
            }
        }

        @Override
        public void addHeader(byte[] name, byte[] value, boolean sensitive) {
            sink.field(name, value);
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** An unsynchronized OutputStream over a reusable {@link BlockBuffer}. */
    private static final class OctetOutput extends OutputStream {
        final BlockBuffer buffer = new BlockBuffer(16 * 1024);

        @Override
        public void write(int b) {
            buffer.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            buffer.write(b, off, len);
        }
    }

    /** An unsynchronized InputStream over one block at a time, with the mark/reset Twitter's decoder uses. */
    private static final class OctetInput extends InputStream {
        private byte[] buf = new byte[0];
        private int pos;
        private int mark;

        void reset(byte[] block) {
            buf = block;
            pos = 0;
            mark = 0;
        }

        @Override
        public int read() {
            return pos < buf.length ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, buf.length - pos);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, buf.length - pos));
            pos += (int) k;
            return k;
        }

        @Override
        public int available() {
            return buf.length - pos;
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public void mark(int readLimit) {
            mark = pos;
        }

        @Override
        public void reset() {
            pos = mark;
        }
    }
}
