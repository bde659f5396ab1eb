package hyper.bench.driver;

/**
 * How much to measure.
 *
 * @param requests small GETs per round (small and many workloads)
 * @param bulkBytes size of the bulk file
 * @param bulkRequests bulk GETs per round
 * @param connections connections of the many workload
 * @param streams requests in flight on each connection
 * @param threads threads of hyper's blocking client on each connection
 * @param rounds measured rounds; the median is reported
 * @param warmup small GETs before the rounds, per client and target
 */
record Plan(long requests, long bulkBytes, long bulkRequests, int connections, int streams, int threads, int rounds,
        long warmup) {
    static final long SMALL_BYTES = 1024;

    /** The plan: 100,000 requests, 100 MiB, 8 connections of 100 streams, 100 threads, 3 rounds. */
    static Plan full() {
        return new Plan(100_000, 100L << 20, 1, 8, 100, 100, 3, 20_000);
    }

    /** Tiny counts, for CI: checks that everything runs, measures nothing worth reading. */
    static Plan smoke() {
        return new Plan(400, 1L << 20, 1, 2, 10, 10, 1, 100);
    }
}
