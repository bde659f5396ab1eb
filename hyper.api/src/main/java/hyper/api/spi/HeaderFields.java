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
}
