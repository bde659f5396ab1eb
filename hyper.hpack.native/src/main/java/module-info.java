/**
 * nghttp2's HPACK codec for hyper, through JNI: add this module and hyper uses it instead of the pure-Java
 * codec whenever {@code libhyperhpack.so} and libnghttp2 load; when they do not, it reports itself
 * unavailable and hyper falls back silently. Nothing is exported; the codec is reached through
 * {@link hyper.api.spi.HpackCodecProvider}.
 */
module hyper.hpack.nghttp2 {
    requires hyper.api;

    provides hyper.api.spi.HpackCodecProvider with hyper.hpack.nghttp2.Nghttp2CodecProvider;
}
