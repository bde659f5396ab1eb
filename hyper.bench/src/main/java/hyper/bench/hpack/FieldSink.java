package hyper.bench.hpack;

import java.util.Map;

/**
 * Where a decoder under test hands over what it decoded. Benchmarks pass one that feeds a JMH Blackhole;
 * the harness test passes one that collects the fields, so it checks exactly what the benchmarks run.
 */
interface FieldSink {

    /** One field, from decoders that deliver fields one by one (hyper's SPI, Twitter's listener). */
    void field(byte[] name, byte[] value);

    /** A whole block, from decoders that return a header collection (Netty's {@code Http2Headers}). */
    void block(Iterable<Map.Entry<CharSequence, CharSequence>> headers);
}
