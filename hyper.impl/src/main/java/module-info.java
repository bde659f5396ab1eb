/**
 * hyper's engine: pure-Java HPACK, framing, HTTP/2 and HTTP/1.1 connections, flow control and TLS (JSSE).
 * Nothing here is exported; everything is reached through the services of {@code hyper.api}.
 */
module hyper.impl {
    requires hyper.api;

    uses hyper.impl.Http2Bootstrap;

    provides hyper.api.spi.ConnectionProvider with hyper.impl.HyperEngine;
    provides hyper.impl.Http2Bootstrap with hyper.impl.http2.Http2BootstrapProvider;
    provides hyper.api.spi.FlowControlProvider with hyper.impl.flow.SeedFlowControlProvider,
            hyper.impl.flow.AutoFlowControlProvider;
    provides hyper.api.spi.HpackCodecProvider with hyper.impl.hpack.JavaHpackCodecProvider;
    provides hyper.api.spi.TlsProvider with hyper.impl.tls.JsseTlsProvider;
}
