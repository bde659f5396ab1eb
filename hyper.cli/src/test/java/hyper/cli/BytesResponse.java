package hyper.cli;

import hyper.api.HeaderMap;
import hyper.api.Response;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** A response held in memory, its body handed out in the chunks given, for output tests without a server. */
final class BytesResponse implements Response {
    private final int status;
    private final String reason;
    private final HeaderMap headers;
    private final HeaderMap trailers;
    private final Deque<byte[]> chunks;

    BytesResponse(int status, String reason, HeaderMap headers, HeaderMap trailers, List<byte[]> chunks) {
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.trailers = trailers;
        this.chunks = new ArrayDeque<>(chunks);
    }

    static BytesResponse of(String contentType, byte[]... chunks) {
        HeaderMap h = new HeaderMap();
        if (contentType != null) {
            h.add("content-type", contentType);
        }
        return new BytesResponse(200, "", h, new HeaderMap(), List.of(chunks));
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public HeaderMap headers() {
        return headers;
    }

    @Override
    public int streamId() {
        return 1;
    }

    @Override
    public byte[] read() {
        return read(true);
    }

    @Override
    public byte[] read(boolean decodeContent) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (!chunks.isEmpty()) {
            all.writeBytes(chunks.poll());
        }
        return all.toByteArray();
    }

    @Override
    public byte[] read(int amount) {
        return read(amount, true);
    }

    @Override
    public byte[] read(int amount, boolean decodeContent) {
        byte[] next = chunks.poll();
        if (next == null) {
            return new byte[0];
        }
        if (next.length > amount) {
            chunks.push(Arrays.copyOfRange(next, amount, next.length));
            return Arrays.copyOf(next, amount);
        }
        return next;
    }

    @Override
    public Iterable<byte[]> readChunked() {
        return List.copyOf(chunks);
    }

    @Override
    public Iterable<byte[]> readChunked(boolean decodeContent) {
        return readChunked();
    }

    @Override
    public HeaderMap trailers() {
        read();
        return trailers;
    }

    @Override
    public void close() {
        chunks.clear();
    }
}
