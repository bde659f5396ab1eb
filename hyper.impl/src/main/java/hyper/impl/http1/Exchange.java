package hyper.impl.http1;

/** One request sent on a wire, waiting for {@code getResponse()} to read its response. */
final class Exchange {
    final Wire wire;
    final String method;
    final String description;
    final boolean upgradeOffered;
    /** A final response read while waiting for 100 Continue (the body was then withheld), or null. */
    volatile ResponseHead earlyHead;

    Exchange(Wire wire, String method, String target, boolean upgradeOffered) {
        this.wire = wire;
        this.method = method;
        this.description = method + " " + (target.length() > 200 ? target.substring(0, 200) + "..." : target);
        this.upgradeOffered = upgradeOffered;
    }
}
