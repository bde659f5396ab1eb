package hyper.api.spi;

/**
 * An indexed, read-only view of the fields of one header block, handed to {@link HpackEncoder#encode}.
 * A view rather than a list of objects, so the encoder allocates nothing per field.
 *
 * <p>Names are lower-case octets; values are the octets to send. Pseudo-headers come first.
 */
public interface HeaderFields {

    /** How many fields. */
    int size();

    /** The name of field {@code i}. */
    byte[] name(int i);

    /** The value of field {@code i}. */
    byte[] value(int i);

    /** Whether field {@code i} must use the never-indexed representation (RFC 7541 §7.1.3). */
    default boolean sensitive(int i) {
        return false;
    }

    /**
     * Whether the two arrays of field {@code i} are constants: never changed, by anyone, for as long as any
     * encoder that saw them lives. An encoder may then keep references to them and recognise the field by
     * identity on later blocks, without reading its octets (a connection's fixed pseudo-header values, a
     * client's fixed {@code user-agent}). Arrays of {@code false} fields are not retained after the call.
     */
    default boolean constant(int i) {
        return false;
    }

    /**
     * Whether name {@code i} is known to have no upper-case ASCII letter (RFC 9113 §8.2.1) because the caller
     * checked or lower-cased it when it built the fields, as hyper's request fields are validated. An encoder
     * then need not read the name to check it again, just as a Netty {@code Http2Headers} is validated when it
     * is filled, not when it is encoded. A wrong {@code true} puts an invalid name on the wire (the peer treats
     * the request as malformed); {@code false}, the default, has the encoder check (and refuse the block).
     */
    default boolean lowerCase(int i) {
        return false;
    }
}
