/**
 * hyper's public API and service-provider interfaces.
 *
 * <p>A user's module {@code requires hyper.api;}. Implementations are found with {@link java.util.ServiceLoader}:
 * the engine, the JSSE TLS provider, the pure-Java HPACK codec and the flow-control managers in {@code hyper.impl},
 * the nghttp2 HPACK codec in {@code hyper.hpack.nghttp2}, window managers in a user's own module.
 */
module hyper.api {
    exports hyper.api;
    exports hyper.api.spi;

    uses hyper.api.spi.ConnectionProvider;
    uses hyper.api.spi.FlowControlProvider;
    uses hyper.api.spi.HpackCodecProvider;
    uses hyper.api.spi.TlsProvider;
}
