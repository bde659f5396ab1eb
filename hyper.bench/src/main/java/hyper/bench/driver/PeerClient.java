package hyper.bench.driver;

/** A Java HTTP/2 client under test, run inside the driver's JVM so its CPU time and allocation can be measured. */
interface PeerClient {
    /** The name in the table. */
    String name();

    /** Why this client cannot run {@code w} against {@code t}, or null when it can. */
    default String unsupported(Target t, Workload w) {
        return null;
    }

    /** Opens the workload's connections to {@code t}, ready to run requests. */
    Session open(Target t, Workload w, Plan plan, Trust trust) throws Exception;

    /** Open connections that run requests at the workload's concurrency. */
    interface Session extends AutoCloseable {
        /**
         * Runs {@code requests} GETs of the workload's path, reading every body in full (bulk: as a stream), and
         * returns the body octets received.
         */
        long run(long requests) throws Exception;

        @Override
        void close() throws Exception;
    }
}
