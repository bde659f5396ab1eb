package hyper.httpbin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2EventAdapter;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.util.concurrent.EventExecutor;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP/2 side (RFC 9113): collects each stream's HEADERS and DATA into a {@link Request}, routes it, and
 * streams the {@link Response} back, with PUSH_PROMISEs first when the endpoint asks for them and the client
 * allows them. Netty's codec does the framing, HPACK, flow control and the protocol checks.
 */
final class Http2Handler extends Http2ConnectionHandler {
  private static final System.Logger LOG = System.getLogger(Http2Handler.class.getName());

  private final Router router;
  private final String scheme;
  private final Http2Connection.PropertyKey incomingKey;
  /** The HTTP/1.1 request of an h2c Upgrade, waiting for the client's preface. */
  private Incoming upgradeRequest;
  /**
   * True while a batch of reads is being handled: what is written then is flushed once, by
   * {@code channelReadComplete}, so that a small response leaves as one TLS record instead of one per frame.
   */
  private boolean reading;

  /** A request whose HEADERS arrived and whose body is still coming. */
  private static final class Incoming {
    final Http2Headers headers;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean answered;
    long discarded;

    Incoming(Http2Headers headers) {
      this.headers = headers;
    }
  }

  private Http2Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings,
      Router router, String scheme) {
    super(decoder, encoder, settings);
    this.router = router;
    this.scheme = scheme;
    this.incomingKey = connection().newKey();
  }

  /** Builds the handler with our SETTINGS (RFC 9113 §6.5.2): bounded streams and header lists. */
  static Http2Handler create(Router router, String scheme) {
    return new Builder(router, scheme).build();
  }

  private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<Http2Handler, Builder> {
    private final Router router;
    private final String scheme;

    Builder(Router router, String scheme) {
      this.router = router;
      this.scheme = scheme;
      server(true);
      initialSettings(Http2Settings.defaultSettings()
          .maxConcurrentStreams(Limits.MAX_CONCURRENT_STREAMS)
          .maxHeaderListSize(Limits.MAX_HEADER_LIST));
    }

    @Override
    public Http2Handler build() {
      return super.build();
    }

    @Override
    protected Http2Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
        Http2Settings initialSettings) {
      Http2Handler handler = new Http2Handler(decoder, encoder, initialSettings, router, scheme);
      decoder.frameListener(handler.new Listener());
      return handler;
    }
  }

  /**
   * The h2c Upgrade (RFC 7540 §3.2): the HTTP/1.1 request that asked for it becomes stream 1, half-closed
   * (remote), and is answered over HTTP/2.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof HttpServerUpgradeHandler.UpgradeEvent upgrade) {
      FullHttpRequest request = upgrade.upgradeRequest();
      Http2Headers headers = new DefaultHttp2Headers()
          .method(request.method().name())
          .path(request.uri())
          .scheme(scheme);
      String host = request.headers().get(HttpHeaderNames.HOST);
      if (host != null) {
        headers.authority(host);
      }
      for (Map.Entry<String, String> header : request.headers()) {
        String name = header.getKey().toLowerCase(Locale.ROOT);
        if (!Http1Handler.isHopByHop(name) && !name.equals("http2-settings") && !name.equals("host")) {
          headers.add(name, header.getValue());
        }
      }
      byte[] body = new byte[request.content().readableBytes()];
      request.content().getBytes(request.content().readerIndex(), body);
      // Answered once the client's preface arrives, not now: curl 7.88 fails when more than 32 KiB of HTTP/2
      // follows the 101 in one read ("connection buffer size is too small"), and the client must send its
      // preface right after the 101 anyway (RFC 7540 §3.2).
      upgradeRequest = new Incoming(headers);
      upgradeRequest.body.writeBytes(body);
    }
    super.userEventTriggered(ctx, event);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    reading = true;
    super.channelRead(ctx, msg);
  }

  /**
   * Ends the read batch before the codec's own flush, so that the writes a write listener makes while that
   * flush completes earlier writes (the next chunk of a streamed body) are flushed at once, not left waiting.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    reading = false;
    super.channelReadComplete(ctx); // flushes the flow controller and the channel
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    reading = false;
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, "HTTP/2 connection error from " + ctx.channel().remoteAddress(), cause);
    }
    super.exceptionCaught(ctx, cause); // sends GOAWAY or RST_STREAM as the error requires
  }

  /**
   * A request whose header list is over our SETTINGS_MAX_HEADER_LIST_SIZE is answered 431 (RFC 6585 §5), as
   * Netty does, but without the RST_STREAM (PROTOCOL_ERROR) Netty sends after it: the 431 ends a stream the
   * request had ended, so the stream is closed, and nothing but PRIORITY may follow on it (RFC 9113 §5.1); a
   * client that reads the reset before it hands out the response loses the 431 (the JDK's client did, now and
   * then, once the two went out in one write). Other stream errors are Netty's to handle.
   */
  @Override
  protected void onStreamError(ChannelHandlerContext ctx, boolean outbound, Throwable cause,
      Http2Exception.StreamException e) {
    if (e instanceof Http2Exception.HeaderListSizeException size && size.duringDecode()
        && connection().stream(e.streamId()) == null) {
      Http2Stream stream;
      try {
        stream = connection().remote().createStream(e.streamId(), true);
      } catch (Http2Exception refused) { // an id the client may no longer open: Netty resets it
        super.onStreamError(ctx, outbound, cause, e);
        return;
      }
      handleServerHeaderDecodeSizeError(ctx, stream); // :status 431 with END_STREAM
      return;
    }
    super.onStreamError(ctx, outbound, cause, e);
  }

  /** Receives frames from Netty's decoder, which has already checked them against RFC 9113. */
  private final class Listener extends Http2EventAdapter {
    @Override
    public void onSettingsRead(ChannelHandlerContext ctx, Http2Settings settings) {
      if (upgradeRequest != null) { // the first SETTINGS is the client's preface
        Incoming upgraded = upgradeRequest;
        upgradeRequest = null;
        dispatch(ctx, 1, upgraded.headers, upgraded.body.toByteArray());
      }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
        boolean endOfStream) {
      Http2Stream stream = connection().stream(streamId);
      if (stream == null) {
        return;
      }
      Incoming incoming = stream.getProperty(incomingKey);
      if (incoming != null) {
        // a second HEADERS is the trailer section (RFC 9113 §8.1); the codec enforces its END_STREAM
        if (endOfStream && !incoming.answered) {
          incoming.answered = true;
          dispatch(ctx, streamId, incoming.headers, incoming.body.toByteArray());
        }
        return;
      }
      incoming = new Incoming(headers);
      stream.setProperty(incomingKey, incoming);
      String problem = checkRequestHeaders(headers);
      if (problem != null) {
        answerEarly(ctx, streamId, incoming, Router.error(400, problem, null));
        return;
      }
      CharSequence contentLength = headers.get(HttpHeaderNames.CONTENT_LENGTH);
      if (contentLength != null && declaresTooMuch(contentLength.toString())) {
        answerEarly(ctx, streamId, incoming, tooLarge());
        return;
      }
      if (endOfStream) {
        incoming.answered = true;
        dispatch(ctx, streamId, headers, new byte[0]);
      } else if (headers.contains(HttpHeaderNames.EXPECT, "100-continue", true)) {
        // RFC 9110 §10.1.1: tell the client to go ahead with the body
        encoder().writeHeaders(ctx, streamId, new DefaultHttp2Headers().status("100"), 0, false,
            ctx.newPromise());
      }
    }

    @Override
    public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
        short weight, boolean exclusive, int padding, boolean endOfStream) {
      onHeadersRead(ctx, streamId, headers, padding, endOfStream);
    }

    @Override
    public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding,
        boolean endOfStream) {
      int consumed = data.readableBytes() + padding; // always returned to the window (§6.9.1)
      Http2Stream stream = connection().stream(streamId);
      Incoming incoming = stream == null ? null : stream.getProperty(incomingKey);
      if (incoming == null) {
        return consumed;
      }
      if (incoming.answered) {
        // Answered early (413, 400): the rest of the body is read and dropped, so that a client that sends
        // its whole body before it reads the response still gets it. Past another maxRequestBody bytes we
        // ask it to stop with RST_STREAM(NO_ERROR), which §8.1 provides for exactly this.
        incoming.discarded += data.readableBytes();
        if (incoming.discarded > router.maxRequestBody() && !stream.isResetSent()) {
          resetStream(ctx, streamId, Http2Error.NO_ERROR.code(), ctx.newPromise());
        }
        return consumed;
      }
      if (incoming.body.size() + (long) data.readableBytes() > router.maxRequestBody()) {
        answerEarly(ctx, streamId, incoming, tooLarge());
        return consumed;
      }
      incoming.body.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(data));
      if (endOfStream) {
        incoming.answered = true;
        dispatch(ctx, streamId, incoming.headers, incoming.body.toByteArray());
      }
      return consumed;
    }
  }

  /** The checks RFC 9113 §8.3.1 leaves to the application: a request needs :method, :path and :scheme. */
  private static String checkRequestHeaders(Http2Headers headers) {
    if (headers.method() == null) {
      return "missing :method";
    }
    if ("CONNECT".contentEquals(headers.method())) {
      return "CONNECT is not supported";
    }
    if (headers.path() == null || headers.path().length() == 0) {
      return "missing :path";
    }
    if (headers.scheme() == null) {
      return "missing :scheme";
    }
    return null;
  }

  private boolean declaresTooMuch(String contentLength) {
    try {
      return Long.parseLong(contentLength.trim()) > router.maxRequestBody();
    } catch (NumberFormatException e) {
      return false; // the codec rejects a malformed content-length itself
    }
  }

  private Response tooLarge() {
    return Router.error(413, "request body larger than " + router.maxRequestBody() + " bytes", null);
  }

  /** Answers before the request body is complete; {@code onDataRead} drops the rest of the body. */
  private void answerEarly(ChannelHandlerContext ctx, int streamId, Incoming incoming, Response response) {
    incoming.answered = true;
    incoming.body.reset();
    ResponseStreamer.send(response, new StreamSink(ctx, streamId), false);
  }

  private void dispatch(ChannelHandlerContext ctx, int streamId, Http2Headers headers, byte[] body) {
    List<Map.Entry<String, String>> fields = new ArrayList<>(headers.size());
    for (Map.Entry<CharSequence, CharSequence> header : headers) {
      String name = header.getKey().toString();
      if (!name.startsWith(":")) {
        fields.add(Map.entry(name, header.getValue().toString()));
      }
    }
    String authority = headers.authority() != null ? headers.authority().toString() : null;
    if (authority == null) {
      CharSequence host = headers.get(HttpHeaderNames.HOST);
      authority = host != null ? host.toString() : localAuthority(ctx);
    }
    String requestScheme = headers.scheme() != null ? headers.scheme().toString() : scheme;
    String method = headers.method().toString();
    Request request = new Request("HTTP/2.0", method, requestScheme, authority,
        headers.path().toString(), fields, body, remoteAddress(ctx), connection().remote().allowPushTo());
    Response response = router.route(request);

    List<Integer> promised = new ArrayList<>();
    List<Response> pushed = new ArrayList<>();
    for (String path : response.pushPaths()) {
      int promisedId = promise(ctx, streamId, path, requestScheme, authority);
      if (promisedId < 0) {
        break;
      }
      promised.add(promisedId);
      pushed.add(router.route(new Request("HTTP/2.0", "GET", requestScheme, authority, path, List.of(),
          new byte[0], remoteAddress(ctx), true)));
    }
    ResponseStreamer.send(response, new StreamSink(ctx, streamId), method.equals("HEAD"));
    for (int i = 0; i < promised.size(); i++) {
      // A pushed response opens its stream, which counts against the client's SETTINGS_MAX_CONCURRENT_STREAMS
      // (RFC 9113 §5.1.2): what came before is flushed first, so that finished responses close their streams.
      flush(ctx);
      ResponseStreamer.send(pushed.get(i), new StreamSink(ctx, promised.get(i)), false);
    }
  }

  /**
   * Sends a PUSH_PROMISE for a GET of {@code path} on {@code streamId} (RFC 9113 §8.4), and returns the promised
   * stream's id, or -1 when the client refuses pushes or no more streams may be reserved.
   */
  private int promise(ChannelHandlerContext ctx, int streamId, String path, String scheme, String authority) {
    Http2Connection.Endpoint<?> local = connection().local();
    if (!connection().remote().allowPushTo() || !local.canOpenStream()) {
      return -1;
    }
    int promisedId = local.incrementAndGetNextStreamId();
    if (promisedId < 0) {
      return -1; // the stream ids are used up (§5.1.1)
    }
    Http2Headers request = new DefaultHttp2Headers()
        .method("GET").path(path).scheme(scheme).authority(authority);
    ChannelFuture written = encoder().writePushPromise(ctx, streamId, promisedId, request, 0, ctx.newPromise());
    if (written.isDone() && !written.isSuccess()) {
      LOG.log(Level.DEBUG, "push promise refused: " + written.cause());
      return -1;
    }
    return promisedId;
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

  /** Writes one response onto one stream. */
  private final class StreamSink implements ResponseStreamer.Sink {
    private final ChannelHandlerContext ctx;
    private final int streamId;

    StreamSink(ChannelHandlerContext ctx, int streamId) {
      this.ctx = ctx;
      this.streamId = streamId;
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
      Http2Stream stream = connection().stream(streamId);
      return ctx.channel().isActive() && stream != null && !stream.isResetSent()
          && stream.state() != Http2Stream.State.CLOSED && stream.state() != Http2Stream.State.HALF_CLOSED_LOCAL;
    }

    @Override
    public ChannelFuture head(int status, List<Map.Entry<String, String>> fields, long contentLength,
        boolean hasTrailers, boolean end) {
      Http2Headers headers = new DefaultHttp2Headers().status(Integer.toString(status));
      for (Map.Entry<String, String> field : fields) {
        headers.add(field.getKey(), field.getValue());
      }
      if (contentLength >= 0) {
        headers.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(contentLength));
      }
      headers.set(HttpHeaderNames.SERVER, HttpBin.SERVER_NAME);
      return written(encoder().writeHeaders(ctx, streamId, headers, 0, end, ctx.newPromise()));
    }

    @Override
    public ChannelFuture data(ByteBuf chunk, boolean end) {
      return written(encoder().writeData(ctx, streamId, chunk, 0, end, ctx.newPromise()));
    }

    @Override
    public ChannelFuture finish(List<Map.Entry<String, String>> trailers) {
      if (trailers.isEmpty()) {
        return data(Unpooled.EMPTY_BUFFER, true);
      }
      Http2Headers headers = new DefaultHttp2Headers();
      trailers.forEach(field -> headers.add(field.getKey(), field.getValue()));
      return written(encoder().writeHeaders(ctx, streamId, headers, 0, true, ctx.newPromise()));
    }

    /**
     * Flushes through the flow controller, which holds DATA back until the peer's window allows it; inside a
     * read batch the flush is left to {@code channelReadComplete}, which makes it once for every response
     * the batch produced. Writes from scheduled tasks (/delay, /drip) and write listeners flush at once.
     */
    private ChannelFuture written(ChannelFuture future) {
      if (!reading) {
        flush(ctx);
      }
      return future;
    }
  }
}
