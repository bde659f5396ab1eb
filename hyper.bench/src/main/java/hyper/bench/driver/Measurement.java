package hyper.bench.driver;

/**
 * One measured round.
 *
 * @param requests requests completed
 * @param octets body octets received
 * @param nanos wall-clock time
 * @param cpuNanos CPU time of the client's process (user + system), or -1 when unknown
 * @param allocatedBytes heap octets allocated by the client's threads, or -1 when unknown
 * @param serverCpuNanos CPU time of the server's processes during the round (user + system), or -1 when unknown
 */
record Measurement(long requests, long octets, long nanos, long cpuNanos, long allocatedBytes, long serverCpuNanos) {
    double requestsPerSecond() {
        return requests * 1e9 / nanos;
    }

    double mebibytesPerSecond() {
        return octets * 1e9 / nanos / (1 << 20);
    }

    /** CPU microseconds per request, or NaN. */
    double cpuMicrosPerRequest() {
        return cpuNanos < 0 ? Double.NaN : cpuNanos / 1e3 / requests;
    }

    /** The server's CPU microseconds per request, or NaN. */
    double serverCpuMicrosPerRequest() {
        return serverCpuNanos < 0 ? Double.NaN : serverCpuNanos / 1e3 / requests;
    }

    /** Octets allocated per request, or NaN. */
    double allocatedPerRequest() {
        return allocatedBytes < 0 ? Double.NaN : (double) allocatedBytes / requests;
    }
}
