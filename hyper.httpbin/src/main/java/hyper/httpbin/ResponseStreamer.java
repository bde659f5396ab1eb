package hyper.httpbin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a {@link Response} into a {@link Sink}: waits out its delay, sends the head, then the body one chunk
 * at a time, then trailers. The next chunk is made only when the previous write completed, so memory stays
 * bounded whatever the body size, and HTTP/2 flow control or a slow socket slows the producer down.
 *
 * <p>Everything runs on the connection's event loop; delays and pauses are scheduled tasks, never sleeps.
 */
final class ResponseStreamer {
  private static final System.Logger LOG = System.getLogger(ResponseStreamer.class.getName());

  /** One response's destination: an HTTP/2 stream, or an HTTP/1.1 exchange. */
  interface Sink {
    EventExecutor executor();

    ByteBufAllocator alloc();

    /** False once the stream was reset or the connection closed: stop producing. */
    boolean isOpen();

    /**
     * Sends status and fields. {@code contentLength} is -1 when unknown; {@code end} means nothing follows.
     */
    ChannelFuture head(int status, List<Map.Entry<String, String>> headers, long contentLength,
        boolean hasTrailers, boolean end);

    ChannelFuture data(ByteBuf chunk, boolean end);

    /** Ends the response with trailer fields, or with nothing when {@code trailers} is empty. */
    ChannelFuture finish(List<Map.Entry<String, String>> trailers);
  }

  private final Response response;
  private final Sink sink;
  private final boolean headOnly;
  private final Body body;

  private ResponseStreamer(Response response, Sink sink, boolean headOnly) {
    this.response = response;
    this.sink = sink;
    this.headOnly = headOnly;
    this.body = response.body();
  }

  /** Starts sending; {@code headOnly} for HEAD requests, whose responses have fields but no content. */
  static void send(Response response, Sink sink, boolean headOnly) {
    ResponseStreamer streamer = new ResponseStreamer(response, sink, headOnly);
    long delay = response.delayNanos();
    if (delay > 0) {
      sink.executor().schedule(streamer::begin, delay, TimeUnit.NANOSECONDS);
    } else {
      streamer.begin();
    }
  }

  private void begin() {
    if (!sink.isOpen()) {
      return;
    }
    boolean noContent = headOnly || Response.forbidsContent(response.status());
    List<Map.Entry<String, String>> trailers = noContent ? List.of() : response.trailers();
    long length = Response.forbidsContent(response.status()) ? -1 : body.length();
    if (noContent || (length == 0 && trailers.isEmpty())) {
      sink.head(response.status(), response.headers(), length, false, true).addListener(this::logFailure);
      return;
    }
    sink.head(response.status(), response.headers(), length, !trailers.isEmpty(), false)
        .addListener(this::logFailure);
    pump(nextChunk());
  }

  private ByteBuf nextChunk() {
    try {
      return body.next(sink.alloc());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "body failed; the response is cut short", e);
      return null;
    }
  }

  /** Writes {@code current} (null: the body is done), then schedules the next chunk once it is written. */
  private void pump(ByteBuf current) {
    if (current == null) {
      sink.finish(response.trailers()).addListener(this::logFailure);
      return;
    }
    long pause = body.pauseNanos();
    // Look one chunk ahead when there is no pause, so that the last DATA frame can carry END_STREAM.
    ByteBuf following = pause == 0 ? nextChunk() : null;
    boolean last = pause == 0 && following == null && response.trailers().isEmpty();
    sink.data(current, last).addListener(written -> {
      if (!written.isSuccess() || !sink.isOpen()) {
        if (following != null) {
          following.release();
        }
        return; // the peer went away or reset the stream: nothing more to do
      }
      if (last) {
        return;
      }
      if (pause == 0) {
        pump(following);
      } else {
        sink.executor().schedule(() -> {
          if (sink.isOpen()) {
            pump(nextChunk());
          }
        }, pause, TimeUnit.NANOSECONDS);
      }
    });
  }

  private void logFailure(io.netty.util.concurrent.Future<?> future) {
    if (!future.isSuccess() && LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "response write failed", future.cause());
    }
  }
}
