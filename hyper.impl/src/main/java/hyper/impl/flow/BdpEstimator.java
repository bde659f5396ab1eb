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
     * One round trip of {@code rttNanos} that carried {@code octets}: grows the estimate, and returns true, when the
     * window limited the sample (it carried at least 2/3 of the estimate) and its bandwidth is the best yet.
     */
    boolean sample(long rttNanos, long octets) {
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

    int estimate() {
        return estimate;
    }

    boolean atCap() {
        return estimate >= max;
    }
}
