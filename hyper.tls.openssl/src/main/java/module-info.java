/**
 * OpenSSL's TLS for hyper, through JNI: add this module and hyper's TLS connections (HTTP/2 and HTTP/1.1) use
 * libssl 3 instead of JSSE whenever {@code libhypertls.so} loads; when it does not, the provider reports itself
 * unavailable and hyper keeps JSSE. Nothing is exported; it is reached through {@link hyper.api.spi.TlsProvider}.
 */
module hyper.tls.openssl {
    requires hyper.api;

    provides hyper.api.spi.TlsProvider with hyper.tls.openssl.OpenSslTlsProvider;
}
