package hyper.httpbin;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decides from a connection's first bytes which protocol it speaks, so that one port serves them all:
 * <pre>
 *   0x16 ...                             a TLS handshake record (RFC 8446 §5.1): TLS, then ALPN picks h2 or http/1.1
 *   "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"   the HTTP/2 connection preface (RFC 9113 §3.4): h2c with prior knowledge
 *   anything else                        HTTP/1.1, which may ask to upgrade to h2c (RFC 7540 §3.2)
 * </pre>
 * It replaces itself with the right handlers; the bytes it looked at are passed on to them.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int TLS_HANDSHAKE = 0x16;
  /** A client that says nothing for this long is dropped: an idle socket must not be held forever. */
  private static final long FIRST_BYTES_TIMEOUT_SECONDS = 30;

  private static final System.Logger LOG = System.getLogger(ProtocolDetector.class.getName());

  private final TlsSetup tls;
  private final Router router;
  private ScheduledFuture<?> timeout;

  /** @param tls the server's TLS, or null when TLS is off */
  ProtocolDetector(TlsSetup tls, Router router) {
    this.tls = tls;
    this.router = router;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    timeout = ctx.executor().schedule(() -> ctx.close(), FIRST_BYTES_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (timeout != null) {
      timeout.cancel(false);
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!in.isReadable()) {
      return;
    }
    ChannelPipeline pipeline = ctx.pipeline();
    int start = in.readerIndex();
    if (tls != null && in.getUnsignedByte(start) == TLS_HANDSHAKE) {
      pipeline.addAfter(ctx.name(), null, new AlpnHandler(router));
      pipeline.addAfter(ctx.name(), null, tls.newHandler());
      pipeline.remove(this);
      return;
    }
    int seen = Math.min(in.readableBytes(), PREFACE.length);
    for (int i = 0; i < seen; i++) {
      if (in.getByte(start + i) != PREFACE[i]) {
        addHttp1(pipeline, ctx.name(), router, "http", true);
        pipeline.remove(this);
        return;
      }
    }
    if (seen == PREFACE.length) {
      pipeline.addAfter(ctx.name(), null, Http2Handler.create(router, "http"));
      pipeline.remove(this);
    }
    // else: a prefix of the preface so far; wait for more bytes
  }

  /** HTTP/1.1 with bounded lines, headers and bodies, and on cleartext the h2c Upgrade. */
  static void addHttp1(ChannelPipeline pipeline, String after, Router router, String scheme, boolean upgrade) {
    HttpServerCodec codec = new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(Limits.MAX_REQUEST_LINE)
        .setMaxHeaderSize(Limits.MAX_HEADER_LIST)
        .setMaxChunkSize(Body.CHUNK));
    String name = after;
    pipeline.addAfter(name, "http1-codec", codec);
    name = "http1-codec";
    if (upgrade) {
      pipeline.addAfter(name, "upgrade-guard", new UpgradeGuard());
      name = "upgrade-guard";
      HttpServerUpgradeHandler.UpgradeCodecFactory factory = protocol ->
          AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
              ? new Http2ServerUpgradeCodec(Http2Handler.create(router, scheme))
              : null;
      pipeline.addAfter(name, "h2c-upgrade", new HttpServerUpgradeHandler(codec, factory, router.maxRequestBody()));
      name = "h2c-upgrade";
    }
    pipeline.addAfter(name, "http1-aggregator", new EchoingAggregator(router.maxRequestBody()));
    pipeline.addAfter("http1-aggregator", "http1", new Http1Handler(router, scheme));
  }

  /**
   * The last handler of every connection: an I/O error (a peer resetting the connection, say) that no protocol
   * handler consumed ends here, is logged at DEBUG, and closes the connection, instead of Netty warning about
   * an unhandled exception.
   */
  static final class LastResort extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.log(Level.DEBUG, "connection from " + ctx.channel().remoteAddress() + " failed", cause);
      ctx.close();
    }
  }

  /**
   * Keeps a request that failed to decode (say, its header section was too long) from being upgraded:
   * HttpServerUpgradeHandler looks only at the fields parsed so far and would switch to HTTP/2 and answer
   * a truncated request. Without its Upgrade field, the request reaches {@link Http1Handler}, which answers
   * the failure (431, 414 or 400) over HTTP/1.1.
   */
  private static final class UpgradeGuard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
        request.headers().remove(HttpHeaderNames.UPGRADE);
      }
      ctx.fireChannelRead(msg);
    }
  }

  /**
   * Aggregates a request without adding the Content-Length that the client did not send, so that the echo
   * endpoints show the fields as they arrived.
   */
  private static final class EchoingAggregator extends HttpObjectAggregator {
    EchoingAggregator(int maxContentLength) {
      super(maxContentLength);
    }

    @Override
    protected void finishAggregation(FullHttpMessage aggregated) {
      // deliberately nothing: HttpObjectAggregator would set Content-Length here
    }
  }

  /**
   * Waits for the TLS handshake, then installs h2 or HTTP/1.1 as ALPN decided (RFC 7301; a client without
   * ALPN gets HTTP/1.1). Application data that arrives with the handshake's last flight is held and replayed.
   */
  private static final class AlpnHandler extends ChannelInboundHandlerAdapter {
    private final Router router;
    private final List<Object> early = new ArrayList<>(2);

    AlpnHandler(Router router) {
      this.router = router;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      early.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
      if (!(event instanceof SslHandshakeCompletionEvent handshake)) {
        super.userEventTriggered(ctx, event);
        return;
      }
      if (!handshake.isSuccess()) {
        LOG.log(Level.DEBUG, "TLS handshake failed: " + handshake.cause());
        ctx.close(); // SslHandler has already sent its alert
        return;
      }
      String protocol = ctx.pipeline().get(SslHandler.class).engine().getApplicationProtocol();
      ChannelPipeline pipeline = ctx.pipeline();
      if (TlsSetup.H2.equals(protocol)) {
        pipeline.addAfter(ctx.name(), null, Http2Handler.create(router, "https"));
      } else {
        addHttp1(pipeline, ctx.name(), router, "https", false);
      }
      List<Object> held = new ArrayList<>(early);
      early.clear();
      for (Object msg : held) {
        ctx.fireChannelRead(msg); // to the handlers just added after us, not back through TLS
      }
      if (!held.isEmpty()) {
        ctx.fireChannelReadComplete();
      }
      pipeline.remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      early.forEach(ReferenceCountUtil::release); // only non-empty if the channel died mid-handshake
      early.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.log(Level.DEBUG, "TLS connection failed", cause);
      ctx.close();
    }
  }
}
