package hyper.bench.hpack;

/**
 * Which fields an encoder must never add to the dynamic table (RFC 7541 §7.1.3). hyper's encoder applies
 * this rule by itself; the benchmarks give the same rule to Netty's {@code SensitivityDetector} and to
 * Twitter's {@code sensitive} flag, so all three index the same fields and the table work is comparable.
 *
 * <p>The rule: {@code authorization}, {@code proxy-authorization}, {@code set-cookie}, and {@code cookie}
 * values shorter than {@value #SHORT_COOKIE} octets (short cookies are cheap to guess, §7.1.3).
 */
final class IndexingPolicy {
    static final int SHORT_COOKIE = 20;

    private static final byte[] AUTHORIZATION = ascii("authorization");
    private static final byte[] PROXY_AUTHORIZATION = ascii("proxy-authorization");
    private static final byte[] SET_COOKIE = ascii("set-cookie");
    private static final byte[] COOKIE = ascii("cookie");

    private IndexingPolicy() {
    }

    /** Whether the field must not be indexed; names are lower-case octets. */
    static boolean neverIndex(byte[] name, int valueLength) {
        return switch (name.length) {
            case 6 -> valueLength < SHORT_COOKIE && same(name, COOKIE);
            case 10 -> same(name, SET_COOKIE);
            case 13 -> same(name, AUTHORIZATION);
            case 19 -> same(name, PROXY_AUTHORIZATION);
            default -> false;
        };
    }

    /** The same rule over the character sequences Netty's header map holds (one octet per char). */
    static boolean neverIndex(CharSequence name, int valueLength) {
        return switch (name.length()) {
            case 6 -> valueLength < SHORT_COOKIE && same(name, COOKIE);
            case 10 -> same(name, SET_COOKIE);
            case 13 -> same(name, AUTHORIZATION);
            case 19 -> same(name, PROXY_AUTHORIZATION);
            default -> false;
        };
    }

    private static boolean same(byte[] a, byte[] b) {
        return java.util.Arrays.equals(a, b);
    }

    private static boolean same(CharSequence a, byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (a.charAt(i) != b[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
