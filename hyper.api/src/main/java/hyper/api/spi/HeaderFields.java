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
}
