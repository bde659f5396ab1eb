package hyper.api.spi;

import java.util.Locale;

/**
 * When an HPACK encoder Huffman-codes a string literal (RFC 7541 §5.2): only strings of at least
 * {@code minLength} octets are candidates, and a candidate is coded only when that makes it strictly
 * shorter; every other string is sent as raw octets.
 *
 * <ul>
 *   <li>{@link #WHEN_SHORTER} (the default): every string is a candidate, so blocks are as small as the
 *       static Huffman code makes them (as nghttp2, Go and OkHttp do).</li>
 *   <li>{@link #NEVER}: raw octets always; the least CPU per block, the largest blocks.</li>
 *   <li>{@link #atLeast atLeast(n)}: raw below {@code n} octets. {@code atLeast(512)} produces exactly what
 *       Netty's encoder does by default (its {@code huffCodeThreshold}).</li>
 * </ul>
 *
 * <p>Set per connection with {@code ConnectionOptions.Builder.hpackHuffman}, or for the whole JVM with the
 * system property {@value #PROPERTY} ({@code shorter}, {@code never} or a minimum length such as {@code 512}).
 * A codec that cannot choose (nghttp2 always codes when shorter) keeps its own behaviour.
 *
 * @param minLength strings shorter than this are never Huffman-coded; at least 0
 */
public record HuffmanPolicy(int minLength) {

    /** The system property that sets the policy when the options do not: {@code shorter}, {@code never} or a length. */
    public static final String PROPERTY = "hyper.hpack.huffman";

    /** Huffman-code any string when that is shorter: the default. */
    public static final HuffmanPolicy WHEN_SHORTER = new HuffmanPolicy(0);

    /** Never Huffman-code: every string is sent as raw octets. */
    public static final HuffmanPolicy NEVER = new HuffmanPolicy(Integer.MAX_VALUE);

    public HuffmanPolicy {
        if (minLength < 0) {
            throw new IllegalArgumentException("Huffman minimum length must not be negative: " + minLength);
        }
    }

    /** Huffman-code strings of at least {@code minLength} octets, when shorter; raw below. */
    public static HuffmanPolicy atLeast(int minLength) {
        return minLength == 0 ? WHEN_SHORTER : minLength == Integer.MAX_VALUE ? NEVER : new HuffmanPolicy(minLength);
    }

    /**
     * Parses {@code shorter}, {@code never} or a decimal minimum length (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static HuffmanPolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "shorter":
                return WHEN_SHORTER;
            case "never":
                return NEVER;
            default:
                try {
                    return atLeast(Integer.parseInt(t));
                } catch (IllegalArgumentException e) { // NumberFormatException too
                    throw new IllegalArgumentException("HPACK Huffman policy must be 'shorter', 'never' or a length"
                            + " of at least 0, not '" + text + "'", e);
                }
        }
    }

    /**
     * {@code explicit} if not null, else the one {@value #PROPERTY} names, else {@link #WHEN_SHORTER}.
     *
     * @throws IllegalArgumentException the property holds no policy
     */
    public static HuffmanPolicy select(HuffmanPolicy explicit) {
        if (explicit != null) {
            return explicit;
        }
        String property = System.getProperty(PROPERTY);
        if (property == null || property.isBlank()) {
            return WHEN_SHORTER;
        }
        try {
            return parse(property);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (set by -D" + PROPERTY + ")", e);
        }
    }

    /** Whether a string of {@code length} octets may be Huffman-coded (when shorter). */
    public boolean considers(int length) {
        return length >= minLength;
    }

    /** {@code shorter}, {@code never} or the minimum length: what {@link #parse} reads. */
    @Override
    public String toString() {
        return minLength == 0 ? "shorter" : minLength == Integer.MAX_VALUE ? "never" : Integer.toString(minLength);
    }
}
