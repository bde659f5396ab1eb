package hyper.bench.driver;

/** The shapes of load the driver measures (issue 10), each over TLS and over h2c. */
enum Workload {
    /** 1 KiB GETs on one connection, {@code streams} in flight. */
    SMALL("small"),
    /** One big GET on one stream, its body read as a stream. */
    BULK("bulk"),
    /** 1 KiB GETs on {@code connections} connections, {@code streams} in flight on each. */
    MANY("many");

    final String label;

    Workload(String label) {
        this.label = label;
    }

    /** Connections a client opens for this workload. */
    int connections(Plan plan) {
        return this == MANY ? plan.connections() : 1;
    }

    /** Requests in flight on each connection. */
    int streams(Plan plan) {
        return this == BULK ? 1 : plan.streams();
    }

    /** Requests measured in one round. */
    long requests(Plan plan) {
        return this == BULK ? plan.bulkRequests() : plan.requests();
    }

    /** Requests of the warm-up before the rounds. */
    long warmup(Plan plan) {
        return this == BULK ? 1 : plan.warmup();
    }

    static Workload parse(String s) {
        for (Workload w : values()) {
            if (w.label.equals(s)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + s + "' (small, bulk, many)");
    }
}
