/**
 * hyper's engine: pure-Java HPACK, framing, HTTP/2 and HTTP/1.1 connections, flow control and TLS (JSSE).
 * Nothing here is exported; everything is reached through the services of {@code hyper.api}.
 */
module hyper.impl {
    requires hyper.api;

    provides hyper.api.spi.HpackCodecProvider with hyper.impl.hpack.JavaHpackCodecProvider;
}
