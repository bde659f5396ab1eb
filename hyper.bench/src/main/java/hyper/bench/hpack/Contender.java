package hyper.bench.hpack;

import hyper.api.spi.HpackCodecProvider;
import hyper.api.spi.HuffmanPolicy;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HPACK implementation under test, reduced to what the benchmarks need: fresh encoders and decoders,
 * and each implementation's own form of the input, built before measurement starts.
 *
 * <p>Named by the JMH {@code codec} parameter. {@code netty}, {@code netty-huff} and {@code twitter} are the
 * peers; any other name is looked up through hyper's SPI ({@link HpackCodecProvider#select}), so
 * {@code java} is hyper's pure-Java codec and {@code nghttp2} the native one. A hyper name with a suffix
 * {@code -tN}, e.g. {@code java-t512}, is that codec with {@link HuffmanPolicy#atLeast HuffmanPolicy.atLeast(N)}.
 *
 * <p>Every encoder starts with the RFC 7541 default 4,096-octet table and Huffman-codes a string only when
 * that is shorter, except plain {@code netty}, Netty's out-of-the-box encoder, which never Huffman-codes a
 * string under 512 characters, and {@code java-t512}, hyper set to do the same. Every decoder allows a
 * 4,096-octet table and a 64 KiB header list.
 */
abstract class Contender {
    /** The peers this module measures hyper against. */
    static final List<String> PEERS = List.of("netty", "netty-huff", "twitter");

    /** The header list limit every decoder enforces (hyper's {@code HpackLimits.DEFAULT}). */
    static final int MAX_HEADER_LIST_SIZE = 64 * 1024;
    static final int TABLE_SIZE = 4096;
    /** A hyper codec's name and the Huffman minimum length, as in {@code java-t512}. */
    private static final Pattern THRESHOLD = Pattern.compile("(.+)-t(\\d+)");

    /** The contender called {@code name}. */
    static Contender named(String name) {
        return switch (name) {
            case "netty" -> new NettyContender(name, NettyContender.NETTY_DEFAULT_HUFFMAN_THRESHOLD);
            case "netty-huff" -> new NettyContender(name, 0);
            case "twitter" -> new TwitterContender();
            default -> {
                Matcher m = THRESHOLD.matcher(name);
                yield m.matches()
                        ? new HyperContender(name, HpackCodecProvider.select(m.group(1)),
                                HuffmanPolicy.atLeast(Integer.parseInt(m.group(2))))
                        : new HyperContender(name, HpackCodecProvider.select(name), HuffmanPolicy.WHEN_SHORTER);
            }
        };
    }

    /** The name it was asked for by. */
    abstract String name();

    /** The implementation's own form of a block to encode (Netty wants {@code Http2Headers}). */
    abstract Object prepare(HeaderBlock block);

    /** The implementation's own form of an encoded block to decode (Netty wants a {@code ByteBuf}). */
    abstract Object prepareEncoded(byte[] block);

    /** A new encoder with an empty table. Its output buffer is the contender's, reused between blocks. */
    abstract BlockEncoder newEncoder();

    /** A new decoder with an empty table that hands what it decodes to {@code sink}. */
    abstract BlockDecoder newDecoder(FieldSink sink);

    /** One compression context of an encoder. */
    interface BlockEncoder extends AutoCloseable {

        /** Encodes one block (from {@link #prepare}) into the reused output buffer; returns its length. */
        int encode(Object prepared) throws Exception;

        /** A copy of the block the last {@link #encode} wrote. */
        byte[] lastBlock();

        @Override
        void close();
    }

    /** One compression context of a decoder. */
    interface BlockDecoder extends AutoCloseable {

        /** Decodes one whole block (from {@link #prepareEncoded}) into the sink. */
        void decode(Object preparedEncoded) throws Exception;

        @Override
        void close();
    }
}
