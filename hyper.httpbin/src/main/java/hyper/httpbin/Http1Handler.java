package hyper.httpbin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP/1.1 side (RFC 9112), after Netty's codec and aggregator: turns each request into a {@link Request},
 * routes it and streams the {@link Response} back with Content-Length or chunked coding. Requests are answered
 * strictly in order, one at a time, as pipelining requires (RFC 9112 §9.3.2): reading pauses while a response
 * is in progress and pipelined requests already decoded wait in a queue.
 */
final class Http1Handler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(Http1Handler.class.getName());

  /** Fields that describe one connection and mean nothing to the endpoints (RFC 9110 §7.6.1). */
  private static final Set<String> HOP_BY_HOP = Set.of(
      "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "http2-settings");

  private final Router router;
  private final String scheme;
  private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
  private boolean busy;
  /** True while a batch of reads is being handled: writes made then are flushed once, at its end. */
  private boolean reading;
  /** Something was written during the current read batch and waits for {@code channelReadComplete}. */
  private boolean flushPending;

  /** A request waiting for its turn, with how the connection continues after it. */
  private record Exchange(Request request, Response early, boolean keepAlive) {}

  Http1Handler(Router router, String scheme) {
    this.router = router;
    this.scheme = scheme;
  }

  static boolean isHopByHop(String lowerCaseName) {
    return HOP_BY_HOP.contains(lowerCaseName);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      waiting.add(toExchange(ctx, request));
    } finally {
      request.release();
    }
    if (busy) {
      ctx.channel().config().setAutoRead(false); // back-pressure: no more requests until this one is done
    } else {
      next(ctx);
    }
  }

  /**
   * Ends the read batch and flushes what it wrote, as one write (one TLS record for a small response). The
   * batch ends first, so that writes made by the listeners this flush completes are flushed at once.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    if (flushPending) {
      flushPending = false;
      ctx.flush();
    }
    ctx.fireChannelReadComplete();
  }

  /** Flushes now, or at the end of the read batch when one is being handled. */
  private void flush(ChannelHandlerContext ctx) {
    if (reading) {
      flushPending = true;
    } else {
      ctx.flush();
    }
  }

  /** After an h2c Upgrade (RFC 7540 §3.2) the connection speaks HTTP/2: this side steps out. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HttpServerUpgradeHandler.UpgradeEvent) {
      if (ctx.pipeline().get("http1-aggregator") != null) {
        ctx.pipeline().remove("http1-aggregator");
      }
      ctx.pipeline().remove(this);
      ctx.fireUserEventTriggered(event); // the pipeline's tail releases the event and its request
      return;
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.DEBUG, "HTTP/1.1 connection closed after an error", cause);
    ctx.close();
  }

  private Exchange toExchange(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      int status = cause instanceof TooLongHttpLineException ? 414
          : cause instanceof TooLongHttpHeaderException ? 431
          : cause instanceof TooLongFrameException ? 413 : 400;
      return new Exchange(null, Router.error(status, "malformed request: " + cause.getMessage(), null), false);
    }
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    String version = request.protocolVersion().text();
    List<Map.Entry<String, String>> fields = new ArrayList<>(request.headers().size());
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!isHopByHop(name)) {
        fields.add(Map.entry(name, header.getValue()));
      }
    }
    String host = request.headers().get(HttpHeaderNames.HOST);
    if (host == null && request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
      return new Exchange(null, Router.error(400, "HTTP/1.1 request without Host (RFC 9112 §3.2)", null), false);
    }
    String target = request.uri();
    int schemeEnd = target.indexOf("://");
    if (schemeEnd > 0 && !target.startsWith("/")) { // absolute-form (RFC 9112 §3.2.2)
      int pathStart = target.indexOf('/', schemeEnd + 3);
      target = pathStart < 0 ? "/" : target.substring(pathStart);
    }
    if (!target.startsWith("/")) {
      return new Exchange(null, Router.error(400, "unsupported request target: " + target, null), keepAlive);
    }
    byte[] body = new byte[request.content().readableBytes()];
    request.content().getBytes(request.content().readerIndex(), body);
    String authority = host != null ? host : localAuthority(ctx);
    Request parsed = new Request(version, request.method().name(), scheme, authority, target, fields, body,
        remoteAddress(ctx), false);
    return new Exchange(parsed, null, keepAlive);
  }

  /** Answers the oldest waiting request, if no response is in progress. */
  private void next(ChannelHandlerContext ctx) {
    Exchange exchange = waiting.poll();
    if (exchange == null) {
      busy = false;
      ctx.channel().config().setAutoRead(true);
      return;
    }
    busy = true;
    Response response = exchange.early != null ? exchange.early : router.route(exchange.request);
    boolean head = exchange.request != null && exchange.request.method().equals("HEAD");
    boolean http10 = exchange.request != null && exchange.request.protocol().equals("HTTP/1.0");
    ResponseStreamer.send(response, new ExchangeSink(ctx, exchange.keepAlive, http10), head);
  }

  private static String remoteAddress(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof InetSocketAddress address && address.getAddress() != null) {
      return address.getAddress().getHostAddress();
    }
    return "unknown";
  }

  private static String localAuthority(ChannelHandlerContext ctx) {
    if (ctx.channel().localAddress() instanceof InetSocketAddress address) {
      return "localhost:" + address.getPort();
    }
    return "localhost";
  }

  /** Writes one response; when it is complete, the connection closes or the next request is answered. */
  private final class ExchangeSink implements ResponseStreamer.Sink {
    private final ChannelHandlerContext ctx;
    private final boolean http10;
    private boolean keepAlive;
    private boolean chunked;

    ExchangeSink(ChannelHandlerContext ctx, boolean keepAlive, boolean http10) {
      this.ctx = ctx;
      this.keepAlive = keepAlive;
      this.http10 = http10;
    }

    @Override
    public EventExecutor executor() {
      return ctx.executor();
    }

    @Override
    public ByteBufAllocator alloc() {
      return ctx.alloc();
    }

    @Override
    public boolean isOpen() {
      return ctx.channel().isActive();
    }

    @Override
    public ChannelFuture head(int status, List<Map.Entry<String, String>> fields, long contentLength,
        boolean hasTrailers, boolean end) {
      HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
      for (Map.Entry<String, String> field : fields) {
        response.headers().add(field.getKey(), field.getValue());
      }
      response.headers().set(HttpHeaderNames.SERVER, HttpBin.SERVER_NAME);
      if (contentLength >= 0 && !hasTrailers) {
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
      } else if (!end) {
        if (http10) {
          keepAlive = false; // HTTP/1.0 has no chunked coding: the end of the connection ends the body
        } else {
          chunked = true; // RFC 9112 §7.1; trailers need it too (§7.1.2)
          response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
      }
      HttpUtil.setKeepAlive(response, keepAlive);
      ChannelFuture written = ctx.write(response);
      if (end) {
        return complete(flushed(ctx.write(LastHttpContent.EMPTY_LAST_CONTENT)));
      }
      flush(ctx);
      return written;
    }

    @Override
    public ChannelFuture data(ByteBuf chunk, boolean end) {
      if (end) {
        return complete(flushed(ctx.write(new DefaultLastHttpContent(chunk))));
      }
      return flushed(ctx.write(new DefaultHttpContent(chunk)));
    }

    @Override
    public ChannelFuture finish(List<Map.Entry<String, String>> trailers) {
      LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
      if (chunked) {
        trailers.forEach(field -> last.trailingHeaders().add(field.getKey(), field.getValue()));
      }
      return complete(flushed(ctx.write(last)));
    }

    private ChannelFuture flushed(ChannelFuture written) {
      flush(ctx);
      return written;
    }

    private ChannelFuture complete(ChannelFuture written) {
      written.addListener(done -> {
        if (done.isSuccess() && keepAlive) {
          next(ctx);
        } else {
          ctx.close();
        }
      });
      return written;
    }
  }
}
