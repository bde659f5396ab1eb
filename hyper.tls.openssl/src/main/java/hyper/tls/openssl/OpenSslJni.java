package hyper.tls.openssl;

import javax.net.ssl.SSLException;

/**
 * The JNI entry points of {@code libhypertls.so} (sources in {@code src/main/c/ht_tls.c}). Call only after
 * {@link NativeLibrary} reported the library loaded.
 *
 * <p>Handles are the addresses of OpenSSL's {@code SSL_CTX} and {@code SSL}. A session handle is used under its
 * owner's lock only, and never after {@link #sessionFree} ({@link OpenSslTransport} guarantees both). Ciphertext
 * moves through memory BIOs: Java reads and writes the socket, OpenSSL never touches it.
 */
final class OpenSslJni {
    /** Must equal HT_ABI_VERSION in ht_tls.c; guards against a stale library named by a system property. */
    static final int ABI_VERSION = 2;

    /** {@link #negotiated} selectors. */
    static final int ALPN = 0;
    static final int PROTOCOL = 1;
    static final int CIPHER_SUITE = 2;

    private OpenSslJni() {
    }

    /** {@link #ABI_VERSION} of the loaded library. */
    static native int abiVersion();

    /** The version of the libssl actually loaded, e.g. {@code "OpenSSL 3.0.19 ..."}. */
    static native String openSslVersion();

    /**
     * A client {@code SSL_CTX}: TLS 1.2 or 1.3, HTTP/2's TLS 1.2 suites only (RFC 9113 §9.2.2), no renegotiation,
     * no verification by OpenSSL (Java's trust manager does it), and the client certificate when {@code chainFile}
     * is not null.
     */
    static native long contextNew(String chainFile, String keyFile, byte[] password) throws SSLException;

    static native void contextFree(long ctx);

    /** A client session of {@code ctx} with SNI {@code serverName} (null: none) and ALPN in wire format (null: none). */
    static native long sessionNew(long ctx, String serverName, byte[] alpn) throws SSLException;

    static native void sessionFree(long ssl);

    /**
     * Drives the handshake on the ciphertext {@code in[off, off+len)}. The low 32 bits of the result: 0 when it is
     * complete, 1 when it needs more input; the high bits: how many octets of {@code in} it took (see {@link #taken}).
     */
    static native long handshake(long ssl, byte[] in, int off, int len) throws SSLException;

    /**
     * Decrypts the whole records of the ciphertext {@code in[inOff, inOff+inLen)} (and any OpenSSL holds) into
     * {@code out[off, off+len)}. The low 32 bits of the result: the plaintext count, 0 when more input is needed, -1
     * after the peer's close_notify; {@link #taken}: how many octets of {@code in} it took; {@link #outputQueued}:
     * OpenSSL queued output to send (an alert, a KeyUpdate answer).
     */
    static native long read(long ssl, byte[] in, int inOff, int inLen, byte[] out, int off, int len) throws SSLException;

    /** The input octets a {@link #read} or {@link #handshake} result says were taken. */
    static int taken(long result) {
        return (int) ((result >>> 32) & 0x3fffffff);
    }

    /** Whether a {@link #read} result says OpenSSL queued output. */
    static boolean outputQueued(long result) {
        return (result & (1L << 62)) != 0;
    }

    /** Plaintext OpenSSL holds that the next read returns without more input. */
    static native int pending(long ssl);

    /** Encrypts {@code b[off, off+len)} into the output BIO; returns {@code len}. */
    static native int write(long ssl, byte[] b, int off, int len) throws SSLException;

    /** Moves up to {@code len} octets of queued ciphertext into {@code out[off...)}; how many (0: none queued). */
    static native int drain(long ssl, byte[] out, int off, int len);

    /** Queues close_notify. */
    static native void shutdown(long ssl);

    /** The peer's certificate chain, leaf first, DER. */
    static native byte[][] peerChain(long ssl) throws SSLException;

    /** Whether the peer's certificate names {@code host} (an IP address when {@code ip}), RFC 6125. */
    static native boolean checkHost(long ssl, String host, boolean ip);

    /** {@link #ALPN} ("" for none), {@link #PROTOCOL} ("TLSv1.3") or {@link #CIPHER_SUITE} (IANA name). */
    static native String negotiated(long ssl, int what);
}
