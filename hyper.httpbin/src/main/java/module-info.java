/**
 * A local http2bin: a real HTTP/2 server on Netty codec-http2 with httpbin's endpoints, for tests, demos and
 * benchmarks. Start one with {@link hyper.httpbin.HttpBin#builder()}, or run {@link hyper.httpbin.Main}.
 */
module hyper.httpbin {
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.codec.http2;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport;

  exports hyper.httpbin;
}
