/**
 * hyper's public API and service-provider interfaces.
 *
 * <p>A user's module {@code requires hyper.api;}. Implementations are found with {@link java.util.ServiceLoader}:
 * the engine, the JSSE TLS provider and the pure-Java HPACK codec in {@code hyper.impl}, the nghttp2 HPACK codec
 * in {@code hyper.hpack.nghttp2}.
 */
module hyper.api {
    exports hyper.api;
    exports hyper.api.spi;

    uses hyper.api.spi.ConnectionProvider;
    uses hyper.api.spi.HpackCodecProvider;
    uses hyper.api.spi.TlsProvider;
}
