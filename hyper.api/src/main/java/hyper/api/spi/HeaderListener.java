package hyper.api.spi;

/** Receives each field a {@link HpackDecoder} decodes, in order, as soon as it is complete. */
@FunctionalInterface
public interface HeaderListener {

    /**
     * One decoded field. The arrays are read-only: they may be shared constants (static-table entries) or
     * shared with the decoder's dynamic table and with later fields, so a receiver that wants to modify one
     * copies it first. Keeping them is fine; the decoder never changes them.
     *
     * @param neverIndexed the field came as "never indexed" (RFC 7541 §6.2.3) and must stay so if forwarded
     */
    void onHeader(byte[] name, byte[] value, boolean neverIndexed);
}
