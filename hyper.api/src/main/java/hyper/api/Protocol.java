package hyper.api;

/** The HTTP version a connection speaks, named as ALPN names it (RFC 7301; RFC 9113 §3.2, RFC 9112 §2.3). */
public enum Protocol {
    /** HTTP/2: {@code h2} over TLS, {@code h2c} over cleartext. */
    HTTP_2("h2"),
    /** HTTP/1.1: {@code http/1.1}. */
    HTTP_1_1("http/1.1");

    private final String alpnId;

    Protocol(String alpnId) {
        this.alpnId = alpnId;
    }

    /** The ALPN protocol identifier. */
    public String alpnId() {
        return alpnId;
    }
}
