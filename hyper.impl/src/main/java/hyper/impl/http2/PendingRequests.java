package hyper.impl.http2;

import hyper.api.HeaderMap;
import hyper.api.HyperException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests being built with the seed's {@code putrequest}/{@code putheader} (§6.1.2): their stream id is taken, their
 * headers are collected, and nothing is sent until {@code endheaders}.
 */
final class PendingRequests {
    /** A request whose headers are not sent yet. */
    record Request(String method, String selector, HeaderMap headers) {
    }

    private final Map<Integer, Request> byStream = new ConcurrentHashMap<>();

    void add(int streamId, String method, String selector) {
        byStream.put(streamId, new Request(method, selector, new HeaderMap()));
    }

    /** Queues a header; {@code replace} drops earlier values of that name. One thread builds a request at a time. */
    void putHeader(int streamId, String name, String value, boolean replace) throws HyperException {
        Request r = get(streamId, byStream.get(streamId));
        if (replace) {
            r.headers().replace(name, value);
        } else {
            r.headers().add(name, value);
        }
    }

    /** Removes and returns the request, to be sent. */
    Request take(int streamId) throws HyperException {
        return get(streamId, byStream.remove(streamId));
    }

    private static Request get(int streamId, Request r) throws HyperException {
        if (r == null) {
            throw new HyperException("no request is being built on stream " + streamId
                    + " (call putRequest first; its headers may have been sent already)");
        }
        return r;
    }
}
