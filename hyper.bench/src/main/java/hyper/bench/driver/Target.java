package hyper.bench.driver;

/**
 * One server endpoint serving both files: a 1 KiB one at {@code smallPath} and a big one at {@code bulkPath}.
 *
 * @param server the server's name (h2o, nghttpd, httpbin)
 */
public record Target(String server, boolean tls, String host, int port, String smallPath, String bulkPath) {
    /** An absolute URL of a path on this target. */
    String url(String path) {
        return (tls ? "https://" : "http://") + host + ":" + port + path;
    }

    /** {@code host:port}. */
    String authority() {
        return host + ":" + port;
    }

    /** "TLS" or "h2c". */
    public String security() {
        return tls ? "TLS" : "h2c";
    }

    /** The path the workload GETs. */
    String path(Workload w) {
        return w == Workload.BULK ? bulkPath : smallPath;
    }
}
