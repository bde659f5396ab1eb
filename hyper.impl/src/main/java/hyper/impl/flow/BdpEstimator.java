package hyper.impl.flow;

/**
 * The bandwidth-delay arithmetic of {@link AutoTuningFlowControlManager}, apart from time and I/O so it can be
 * tested alone. Not thread-safe: one connection's reader thread uses it.
 */
final class BdpEstimator {
    /** How much larger than a window-limited sample the estimate becomes. */
    static final int GROWTH = 4;

    private final int max;
    private int estimate;
    private double bestBandwidth; // octets per nanosecond

    BdpEstimator(int initial, int max) {
        this.estimate = Math.min(initial, max);
        this.max = max;
    }

    /**
     * One round trip of {@code rttNanos} that carried {@code octets} while the streams' window was {@code window}:
     * grows the estimate, and returns true, when the window limited the sample (it carried at least 2/3 of the
     * window) and its bandwidth is the best yet. A window set larger than the estimate (by the options) counts as
     * the estimate.
     */
    boolean sample(long rttNanos, long octets, int window) {
        estimate = Math.max(estimate, window);
        if (rttNanos <= 0 || octets <= 0) {
            return false;
        }
        double bandwidth = (double) octets / rttNanos;
        boolean best = bandwidth >= bestBandwidth;
        if (best) {
            bestBandwidth = bandwidth;
        }
        if (!best || atCap() || octets * 3 < 2L * estimate) {
            return false;
        }
        int grown = (int) Math.min(max, GROWTH * octets);
        if (grown <= estimate) {
            return false;
        }
        estimate = grown;
        return true;
    }

    /**
     * A document of {@code size} octets is starting while the streams' window is {@code window}: grows the estimate
     * to the document's size, up to the cap, and returns true, when that is more than it was.
     */
    boolean document(long size, int window) {
        estimate = Math.max(estimate, window);
        int grown = (int) Math.min(max, size);
        if (grown <= estimate) {
            return false;
        }
        estimate = grown;
        return true;
    }

    int estimate() {
        return estimate;
    }

    /** The largest window the estimate may reach. */
    int cap() {
        return max;
    }

    /** Whether a stream window of {@code window} (or the estimate, if larger) has reached the cap. */
    boolean atCap(int window) {
        return Math.max(estimate, window) >= max;
    }

    boolean atCap() {
        return estimate >= max;
    }
}
