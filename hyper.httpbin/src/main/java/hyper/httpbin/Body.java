package hyper.httpbin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;

/**
 * A response body, produced one chunk at a time on the event loop.
 *
 * <p>Large bodies are generated lazily and the next chunk is asked for only when the previous one reached the
 * socket (see {@link ResponseStreamer}), so a 100 MiB response never sits in memory and a slow reader slows the
 * producer instead of filling the heap. A body is used once.
 */
abstract class Body {
  /** Chunk size for generated bodies: large enough for throughput, small enough to interleave streams. */
  static final int CHUNK = 64 * 1024;

  /** The total length when known in advance (it becomes Content-Length), else -1. */
  abstract long length();

  /** The next chunk, or null when the body is complete. */
  abstract ByteBuf next(ByteBufAllocator alloc);

  /** How long to wait after the chunk just returned before asking for the next one. */
  long pauseNanos() {
    return 0;
  }

  static Body empty() {
    return new Fixed(new byte[0]);
  }

  static Body of(byte[] bytes) {
    return new Fixed(bytes);
  }

  /** A body sent whole, as a single chunk. */
  static final class Fixed extends Body {
    private final byte[] bytes;
    private boolean sent;

    Fixed(byte[] bytes) {
      this.bytes = bytes;
    }

    byte[] bytes() {
      return bytes;
    }

    @Override
    long length() {
      return bytes.length;
    }

    @Override
    ByteBuf next(ByteBufAllocator alloc) {
      if (sent || bytes.length == 0) {
        return null;
      }
      sent = true;
      return Unpooled.wrappedBuffer(bytes);
    }
  }

  /** {@code length} bytes of the {@link SeededBytes} stream, in chunks of {@code chunkSize}. */
  static final class Seeded extends Body {
    private final SeededBytes source;
    private final long length;
    private final int chunkSize;
    private final boolean announceLength;
    private long produced;

    Seeded(long seed, long length, int chunkSize, boolean announceLength) {
      this.source = new SeededBytes(seed);
      this.length = length;
      this.chunkSize = chunkSize;
      this.announceLength = announceLength;
    }

    @Override
    long length() {
      return announceLength ? length : -1;
    }

    @Override
    ByteBuf next(ByteBufAllocator alloc) {
      int size = (int) Math.min(chunkSize, length - produced);
      if (size <= 0) {
        return null;
      }
      byte[] chunk = new byte[size];
      source.fill(chunk, 0, size);
      produced += size;
      return Unpooled.wrappedBuffer(chunk);
    }
  }

  /**
   * {@code length} bytes cut from a shared, read-only block that repeats: no per-request work but slicing,
   * which is what a throughput benchmark wants to measure the client and not the server.
   */
  static final class Repeated extends Body {
    private final ByteBuf block;
    private final long length;
    private long produced;

    Repeated(ByteBuf block, long length) {
      this.block = block;
      this.length = length;
    }

    @Override
    long length() {
      return length;
    }

    @Override
    ByteBuf next(ByteBufAllocator alloc) {
      if (produced >= length) {
        return null;
      }
      int offset = (int) (produced % block.capacity());
      int size = (int) Math.min(Math.min(CHUNK, length - produced), block.capacity() - offset);
      produced += size;
      return block.retainedSlice(offset, size);
    }
  }

  /** {@code total} asterisks spread evenly over {@code duration}, as httpbin's /drip does. */
  static final class Drip extends Body {
    /** More pieces than this would only add timer wake-ups; bytes are grouped instead. */
    static final int MAX_PIECES = 1000;

    private final long total;
    private final int pieces;
    private final long pauseNanos;
    private int piecesSent;
    private long bytesSent;

    Drip(long total, long durationNanos) {
      this.total = total;
      this.pieces = (int) Math.min(total, MAX_PIECES);
      this.pauseNanos = pieces == 0 ? 0 : durationNanos / pieces;
    }

    @Override
    long length() {
      return total;
    }

    @Override
    ByteBuf next(ByteBufAllocator alloc) {
      if (piecesSent >= pieces) {
        return null;
      }
      piecesSent++;
      long upTo = total * piecesSent / pieces; // spreads the remainder instead of piling it at the end
      int size = (int) (upTo - bytesSent);
      bytesSent = upTo;
      ByteBuf piece = alloc.buffer(size);
      for (int i = 0; i < size; i++) {
        piece.writeByte('*');
      }
      return piece;
    }

    @Override
    long pauseNanos() {
      return pauseNanos;
    }

    @Override
    public String toString() {
      return "Drip[" + total + " bytes, " + TimeUnit.NANOSECONDS.toMillis(pauseNanos) + " ms apart]";
    }
  }
}
