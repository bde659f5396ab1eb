package hyper.api.spi;

/** Receives each field a {@link HpackDecoder} decodes, in order, as soon as it is complete. */
@FunctionalInterface
public interface HeaderListener {

    /**
     * One decoded field. The arrays belong to the receiver (they may be shared constants for static-table
     * names, so must not be modified).
     *
     * @param neverIndexed the field came as "never indexed" (RFC 7541 §6.2.3) and must stay so if forwarded
     */
    void onHeader(byte[] name, byte[] value, boolean neverIndexed);
}
