package hyper.httpbin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Endpoints that produce bulk bytes: /bytes, /stream-bytes, /data and /drip. */
final class DataEndpoints {
  /** The size of the block /data repeats. */
  static final int DATA_BLOCK = 1024 * 1024;

  /** httpbin's default chunk size for /stream-bytes. */
  static final int DEFAULT_CHUNK_SIZE = 10 * 1024;

  /** Made on first use, so that start-up does not pay for it; read-only and shared by every connection. */
  private static final class DataBlock {
    static final ByteBuf BLOCK = make();

    private static ByteBuf make() {
      byte[] bytes = new byte[DATA_BLOCK];
      new SeededBytes(0).fill(bytes, 0, bytes.length);
      ByteBuf direct = Unpooled.directBuffer(DATA_BLOCK).writeBytes(bytes);
      // never freed: it lives as long as the class; readers only ever get retained slices of it
      return Unpooled.unreleasableBuffer(direct.asReadOnly());
    }
  }

  /** /bytes/{n}?seed=: n bytes of {@code new Random(seed).nextBytes}, with a Content-Length. */
  Response bytes(Request request, String[] segments) {
    long n = Router.parseLong(segments[1], "n", 0, Limits.MAX_BYTES);
    return octets(new Body.Seeded(seed(request), n, Body.CHUNK, true));
  }

  /** /stream-bytes/{n}?chunk_size=&seed=: the same bytes, one chunk or DATA frame per chunk_size, unsized. */
  Response streamBytes(Request request, String[] segments) {
    long n = Router.parseLong(segments[1], "n", 0, Limits.MAX_BYTES);
    int chunkSize = (int) Router.parseLong(
        request.arg("chunk_size", String.valueOf(DEFAULT_CHUNK_SIZE)), "chunk_size", 1, Limits.MAX_CHUNK_SIZE);
    return octets(new Body.Seeded(seed(request), n, chunkSize, false));
  }

  /**
   * /data/{n}: n bytes cut from one cached 1 MiB block that repeats (the block is /bytes/1048576?seed=0), for
   * benchmarks: the server does no per-request work but slicing.
   */
  Response data(Request request, String[] segments) {
    long n = Router.parseLong(segments[1], "n", 0, Limits.MAX_DATA);
    return octets(new Body.Repeated(DataBlock.BLOCK, n));
  }

  /** /drip?numbytes=10&duration=2&delay=2&code=200, httpbin's defaults; durations are clamped to 10 s. */
  Response drip(Request request, String[] segments) {
    long numbytes = Router.parseLong(request.arg("numbytes", "10"), "numbytes", 0, Limits.MAX_DRIP_BYTES);
    double duration = Router.parseSeconds(request.arg("duration", "2"), "duration");
    double delay = Router.parseSeconds(request.arg("delay", "2"), "delay");
    int code = (int) Router.parseLong(request.arg("code", "200"), "code", 200, 599);
    long nanosPerSecond = TimeUnit.SECONDS.toNanos(1);
    return new Response(code)
        .header("content-type", "application/octet-stream")
        .body(new Body.Drip(numbytes, (long) (duration * nanosPerSecond)))
        .delayNanos((long) (delay * nanosPerSecond));
  }

  private static long seed(Request request) {
    String seed = request.arg("seed", null);
    if (seed == null) {
      return ThreadLocalRandom.current().nextLong();
    }
    return Router.parseLong(seed, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private static Response octets(Body body) {
    return new Response(200).header("content-type", "application/octet-stream").body(body);
  }
}
