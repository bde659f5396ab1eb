package hyper.bench.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * Stands in for the Blackhole of {@link HpackEncodeBenchmark}: decodes each block it is handed twice, with
 * a decoder of the same implementation and with Netty's, each keeping one context per sequence (new ones
 * whenever a cold benchmark starts a sequence afresh), and checks both give back the input block.
 */
final class RoundTripChecker implements HpackEncodeBenchmark.EncodedSink {
    private final List<List<HeaderBlock>> sequences;
    private final boolean freshContextPerPass;
    private final Contender own;
    private final Contender netty = Contender.named("netty");
    private final CollectingSink sink = new CollectingSink();
    private final int[] position;
    private final Contender.BlockDecoder[] ownDecoders;
    private final Contender.BlockDecoder[] nettyDecoders;
    private int checked;

    RoundTripChecker(String codec, List<List<HeaderBlock>> sequences, boolean freshContextPerPass) {
        this.sequences = sequences;
        this.freshContextPerPass = freshContextPerPass;
        this.own = Contender.named(codec.equals("netty-huff") ? "netty" : codec);
        position = new int[sequences.size()];
        ownDecoders = new Contender.BlockDecoder[sequences.size()];
        nettyDecoders = new Contender.BlockDecoder[sequences.size()];
    }

    @Override
    public void encoded(int s, Contender.BlockEncoder encoder, int length) {
        byte[] block = encoder.lastBlock();
        assertEquals(length, block.length, "reported length");
        int i = position[s];
        position[s] = (i + 1) % sequences.get(s).size();
        if (ownDecoders[s] == null || (i == 0 && freshContextPerPass)) {
            ownDecoders[s] = own.newDecoder(sink);
            nettyDecoders[s] = netty.newDecoder(sink);
        }
        List<String> expected = CollectingSink.expected(List.of(sequences.get(s).get(i)));
        try {
            ownDecoders[s].decode(own.prepareEncoded(block));
            CollectingSink.assertSameFields(expected, sink.take(), "sequence " + s + " block " + i + ", own decoder");
            nettyDecoders[s].decode(netty.prepareEncoded(block));
            CollectingSink.assertSameFields(expected, sink.take(), "sequence " + s + " block " + i + ", Netty's decoder");
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("sequence " + s + " block " + i + " does not decode", e);
        }
        checked++;
    }

    int blocksChecked() {
        return checked;
    }
}
