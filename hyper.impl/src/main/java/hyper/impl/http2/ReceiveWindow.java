package hyper.impl.http2;

/**
 * One receive window (a stream's or the connection's) managed by the seed's default {@code FlowControlManager}
 * algorithm (seed §6.1.7): when the window falls below a quarter of its maximum, or below 1 KiB, it is refilled
 * towards the maximum, batched, never one WINDOW_UPDATE per frame. Unlike the seed, the owner decides which octets
 * count as given back: a stream's only once the application has <em>consumed</em> them, so a slow reader holds the
 * peer back instead of filling memory. Not thread-safe: the owner guards it.
 */
final class ReceiveWindow {
    private static final int SMALL_WINDOW = 1024;

    private final int max;
    private int window;   // octets the peer may still send
    private int unacked;  // octets consumed (or discarded) but not yet returned with WINDOW_UPDATE

    ReceiveWindow(int initial, int max) {
        this.window = initial;
        this.max = max;
    }

    /** Charges a received flow-controlled frame; false if the peer sent more than the window allowed. */
    boolean receive(int flowControlled) {
        window -= flowControlled;
        return window >= 0;
    }

    /**
     * Credits {@code octets} the application consumed or we discarded, and returns the increment to announce now
     * (0 to keep batching). The window is counted as raised as soon as this returns non-zero.
     */
    int consume(int octets) {
        unacked += octets;
        return refill();
    }

    /** An increment to announce now, if the window is low and there is consumed credit; else 0. */
    int refill() {
        if (unacked > 0 && (window < max / 4 || window < SMALL_WINDOW)) {
            int increment = unacked;
            unacked = 0;
            window += increment;
            return increment;
        }
        return 0;
    }

    /** Raises the window by {@code increment} directly (the connection window's initial WINDOW_UPDATE). */
    void raise(int increment) {
        window += increment;
    }

    /** Octets the peer may still send. */
    int window() {
        return window;
    }
}
