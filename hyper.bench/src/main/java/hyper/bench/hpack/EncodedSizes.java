package hyper.bench.hpack;

import java.util.List;

/**
 * Prints how many octets each encoder produces for each input, cold (first pass, empty table) and warm
 * (the pass after one prior pass), so the time tables can be read against compression achieved.
 *
 * <p>Usage: {@code java -cp benchmarks.jar hyper.bench.hpack.EncodedSizes [codec...]}
 */
public final class EncodedSizes {
    private EncodedSizes() {
    }

    public static void main(String[] args) throws Exception {
        List<String> codecs = args.length > 0 ? List.of(args) : List.of("java", "netty-huff", "java-t512", "netty", "twitter");
        StringBuilder h = new StringBuilder("| input | raw octets |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String c : codecs) {
            h.append(' ').append(c).append(" cold | ").append(c).append(" warm |");
            rule.append("---:|---:|");
        }
        System.out.println(h);
        System.out.println(rule);
        for (String input : Inputs.NAMES) {
            List<List<HeaderBlock>> sequences = Inputs.named(input);
            long raw = 0;
            for (List<HeaderBlock> s : sequences) {
                for (HeaderBlock b : s) {
                    for (int i = 0; i < b.size(); i++) {
                        raw += b.name(i).length + b.value(i).length;
                    }
                }
            }
            StringBuilder line = new StringBuilder("| " + input + " | " + raw + " |");
            for (String c : codecs) {
                Contender contender = Contender.named(c);
                long cold = 0;
                long warm = 0;
                for (List<HeaderBlock> s : sequences) {
                    try (Contender.BlockEncoder encoder = contender.newEncoder()) {
                        for (HeaderBlock b : s) {
                            cold += encoder.encode(contender.prepare(b));
                        }
                        for (HeaderBlock b : s) {
                            warm += encoder.encode(contender.prepare(b));
                        }
                    }
                }
                line.append(' ').append(cold).append(" | ").append(warm).append(" |");
            }
            System.out.println(line);
        }
    }
}
