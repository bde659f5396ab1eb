package hyper.bench.hpack;

import hyper.api.HpackDecodingException;
import hyper.api.HpackEncodingException;
import hyper.api.spi.BlockBuffer;
import hyper.api.spi.HeaderListener;
import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HpackDecoder;
import hyper.api.spi.HpackEncoder;
import hyper.api.spi.HpackLimits;
import hyper.api.spi.HuffmanPolicy;

/** A hyper codec, reached only through the SPI, so the native codec is measured the same way. */
final class HyperContender extends Contender {
    private final String name;
    private final HpackCodecProvider provider;
    private final HuffmanPolicy huffman;
    private final BlockBuffer out = new BlockBuffer(16 * 1024);

    HyperContender(String name, HpackCodecProvider provider, HuffmanPolicy huffman) {
        this.name = name;
        this.provider = provider;
        this.huffman = huffman;
    }

    @Override
    String name() {
        return name;
    }

    @Override
    Object prepare(HeaderBlock block) {
        return block; // a HeaderBlock is already the SPI's HeaderFields view
    }

    @Override
    Object prepareEncoded(byte[] block) {
        return block;
    }

    @Override
    BlockEncoder newEncoder() {
        return new Encoder(provider.newEncoder(TABLE_SIZE, huffman), out);
    }

    @Override
    BlockDecoder newDecoder(FieldSink sink) {
        return new Decoder(provider.newDecoder(HpackLimits.DEFAULT.withMaxHeaderListSize(MAX_HEADER_LIST_SIZE)), sink);
    }

    private static final class Encoder implements BlockEncoder {
        private final HpackEncoder encoder;
        private final BlockBuffer out;

        Encoder(HpackEncoder encoder, BlockBuffer out) {
            this.encoder = encoder;
            this.out = out;
        }

        @Override
        public int encode(Object prepared) throws HpackEncodingException {
            out.reset();
            encoder.encode((HeaderBlock) prepared, out);
            return out.length();
        }

        @Override
        public byte[] lastBlock() {
            return out.toByteArray();
        }

        @Override
        public void close() {
            encoder.close();
        }
    }

    /** Is its own listener, so a new decoder costs no extra lambda. */
    private static final class Decoder implements BlockDecoder, HeaderListener {
        private final HpackDecoder decoder;
        private final FieldSink sink;

        Decoder(HpackDecoder decoder, FieldSink sink) {
            this.decoder = decoder;
            this.sink = sink;
        }

        @Override
        public void decode(Object preparedEncoded) throws HpackDecodingException {
            byte[] block = (byte[]) preparedEncoded;
            decoder.decode(block, 0, block.length, true, this);
        }

        @Override
        public void onHeader(byte[] name, byte[] value, boolean neverIndexed) {
            sink.field(name, value);
        }

        @Override
        public void close() {
            decoder.close();
        }
    }
}
