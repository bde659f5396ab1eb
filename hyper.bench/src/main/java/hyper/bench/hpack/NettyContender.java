package hyper.bench.hpack;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import io.netty.util.AsciiString;

/**
 * Netty's HPACK through its public {@code DefaultHttp2HeadersEncoder} / {@code DefaultHttp2HeadersDecoder},
 * as a Netty HTTP/2 connection uses it. Header validation is off (as hyper's codec does none either: that is
 * the connection's job), and encoded blocks live in unpooled heap buffers, as hyper's do in byte arrays.
 */
final class NettyContender extends Contender {
    /** Netty's own default: strings shorter than this are never Huffman-coded. */
    static final int NETTY_DEFAULT_HUFFMAN_THRESHOLD = 512;
    /** Netty's own default size hint for the encoder's hash arrays. */
    private static final int NETTY_DEFAULT_ARRAY_SIZE_HINT = 64;
    /** Any stream id: with validation off, the decoder only uses it in error messages. */
    private static final int STREAM_ID = 3;

    private static final Http2HeadersEncoder.SensitivityDetector POLICY =
            (name, value) -> IndexingPolicy.neverIndex(name, value.length());

    private final String name;
    private final int huffmanThreshold;
    private final ByteBuf out = Unpooled.buffer(16 * 1024);

    NettyContender(String name, int huffmanThreshold) {
        this.name = name;
        this.huffmanThreshold = huffmanThreshold;
    }

    @Override
    String name() {
        return name;
    }

    @Override
    Object prepare(HeaderBlock block) {
        Http2Headers headers = new DefaultHttp2Headers(false, block.size());
        for (int i = 0; i < block.size(); i++) {
            headers.add(new AsciiString(block.name(i), false), new AsciiString(block.value(i), false));
        }
        return headers;
    }

    @Override
    Object prepareEncoded(byte[] block) {
        return Unpooled.wrappedBuffer(block);
    }

    @Override
    BlockEncoder newEncoder() {
        return new Encoder(new DefaultHttp2HeadersEncoder(POLICY, false, NETTY_DEFAULT_ARRAY_SIZE_HINT, huffmanThreshold), out);
    }

    @Override
    BlockDecoder newDecoder(FieldSink sink) {
        return new Decoder(new DefaultHttp2HeadersDecoder(false, false, MAX_HEADER_LIST_SIZE), sink);
    }

    private static final class Encoder implements BlockEncoder {
        private final DefaultHttp2HeadersEncoder encoder;
        private final ByteBuf out;

        Encoder(DefaultHttp2HeadersEncoder encoder, ByteBuf out) {
            this.encoder = encoder;
            this.out = out;
        }

        @Override
        public int encode(Object prepared) throws Http2Exception {
            out.clear();
            encoder.encodeHeaders(STREAM_ID, (Http2Headers) prepared, out);
            return out.readableBytes();
        }

        @Override
        public byte[] lastBlock() {
            return ByteBufUtil.getBytes(out);
        }

        @Override
        public void close() {
            encoder.close();
        }
    }

    private static final class Decoder implements BlockDecoder {
        private final DefaultHttp2HeadersDecoder decoder;
        private final FieldSink sink;

        Decoder(DefaultHttp2HeadersDecoder decoder, FieldSink sink) {
            this.decoder = decoder;
            this.sink = sink;
        }

        @Override
        public void decode(Object preparedEncoded) throws Http2Exception {
            ByteBuf block = (ByteBuf) preparedEncoded;
            block.readerIndex(0); // the same wrapped block is decoded again on every operation
            sink.block(decoder.decodeHeaders(STREAM_ID, block));
        }

        @Override
        public void close() {
            // nothing native to release
        }
    }
}
