/**
 * hyper's pure-Java HPACK codec (RFC 7541), offered as the {@code "java"} {@link hyper.api.spi.HpackCodecProvider}.
 *
 * <p>{@link hyper.impl.hpack.JavaHpackDecoder} decodes incrementally, field by field, and enforces
 * {@link hyper.api.spi.HpackLimits} before allocating; {@link hyper.impl.hpack.JavaHpackEncoder} follows
 * {@link hyper.impl.hpack.IndexingPolicy} and allocates nothing once warm. Dynamic table changes are logged
 * to the {@code hyper.hpack} {@link java.lang.System.Logger} at DEBUG (names and value lengths, never values).
 */
package hyper.impl.hpack;
