package hyper.impl.http1;

import hyper.api.ConnectionOptions;
import hyper.api.Http11Response;

/**
 * Run in a child JVM with a small heap by {@link LargeChunkedDownloadTest}: downloads a chunked body from
 * {@code 127.0.0.1:<port>}, discarding it, and prints {@code octets=<n> chunks=<n> heapAfterGc=<n>}.
 */
public final class BigDownloadClient {
    private BigDownloadClient() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long octets = 0;
        long chunks = 0;
        try (Http1Connection conn = Http1Connection.open("127.0.0.1", port, ConnectionOptions.DEFAULTS)) {
            conn.request("GET", "/one-gibibyte");
            Http11Response r = conn.getResponse();
            for (byte[] chunk : r.readChunked()) {
                octets += chunk.length;
                chunks++;
            }
            String trailer = r.trailers().firstValue("x-total").orElse("none");
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.println("octets=" + octets + " chunks=" + chunks + " trailer=" + trailer + " heapAfterGc=" + heap);
        }
    }
}
