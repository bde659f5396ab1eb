/*
 * libhypertls.so: the JNI side of hyper.tls.openssl. TLS through OpenSSL (libssl 3) over memory BIOs: Java
 * moves ciphertext between the socket and the BIOs, OpenSSL only encrypts, decrypts and runs the handshake.
 *
 * Handles are SSL_CTX* and SSL* addresses. Java calls every function on one handle under that handle's lock and
 * never after the matching free (OpenSslTransport), so nothing here locks. OpenSSL's error queue is per thread:
 * every call clears it first and turns what it holds into the exception's message.
 *
 * Trust is Java's: OpenSSL does not verify the peer (SSL_VERIFY_NONE); the Java side passes the chain
 * (ht_peerChain) to the caller's X509TrustManager and checks the name (ht_checkHost) before any application
 * data is written.
 */
#include <jni.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "hyper_tls_openssl_OpenSslJni.h"

#define HT_ABI_VERSION 2
#define EXPORT __attribute__((visibility("default")))

/*
 * TLS 1.3 suites in nghttp2's (and so h2load's) order: AES-128-GCM first, the suite every TLS 1.3 peer must have
 * (RFC 8446 §9.1) and the cheapest to encrypt and decrypt on both ends (OpenSSL's own default puts AES-256 first).
 */
static const char TLS13_SUITES[] = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";

/* TLS 1.2 suites HTTP/2 allows: AEAD with ephemeral keys, off RFC 9113 Appendix A's block list (§9.2.2). */
static const char HTTP2_TLS12_CIPHERS[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305";

static SSL *ssl_of(jlong handle) { return (SSL *) (intptr_t) handle; }

/*
 * The read BIO: it serves OpenSSL straight from the Java array of ciphertext, pinned for the length of one call,
 * instead of copying it into a memory BIO first (which also zeroes what it grows). OpenSSL keeps a partial record
 * in its own buffer, so whatever it has asked for is consumed; what it has not asked for stays in the array, and the
 * call reports how much it took. The pointer never outlives the call (input_detach).
 */
typedef struct {
    const unsigned char *next;
    size_t left;
} input_window;

static BIO_METHOD *input_method;

static int input_read(BIO *b, char *out, size_t outl, size_t *readbytes) {
    input_window *w = BIO_get_data(b);
    BIO_clear_retry_flags(b);
    if (w->left == 0) {
        BIO_set_retry_read(b); /* "wait for more", never end of stream: the Java side sees the socket's end */
        *readbytes = 0;
        return 0;
    }
    size_t n = outl < w->left ? outl : w->left;
    memcpy(out, w->next, n);
    w->next += n;
    w->left -= n;
    *readbytes = n;
    return 1;
}

static long input_ctrl(BIO *b, int cmd, long num, void *ptr) {
    (void) num; (void) ptr;
    input_window *w = BIO_get_data(b);
    switch (cmd) {
    case BIO_CTRL_PENDING:
        return (long) w->left;
    case BIO_CTRL_FLUSH:
        return 1;
    default:
        return 0;
    }
}

static int input_create(BIO *b) {
    input_window *w = OPENSSL_zalloc(sizeof *w);
    if (w == NULL) {
        return 0;
    }
    BIO_set_data(b, w);
    BIO_set_init(b, 1);
    return 1;
}

static int input_destroy(BIO *b) {
    OPENSSL_free(BIO_get_data(b));
    BIO_set_data(b, NULL);
    return 1;
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved) {
    (void) vm; (void) reserved;
    input_method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "hyper ciphertext input");
    if (input_method == NULL || BIO_meth_set_read_ex(input_method, input_read) != 1
            || BIO_meth_set_ctrl(input_method, input_ctrl) != 1 || BIO_meth_set_create(input_method, input_create) != 1
            || BIO_meth_set_destroy(input_method, input_destroy) != 1) {
        return JNI_ERR; /* System.load fails: the provider reports itself unavailable */
    }
    return JNI_VERSION_1_8;
}

/* Points the read BIO at in[off, off+len), pinned; null when there is nothing to point at or pinning failed. */
static jbyte *input_attach(JNIEnv *env, SSL *ssl, jbyteArray array, jint off, jint len) {
    if (len <= 0) {
        return NULL;
    }
    jbyte *in = (*env)->GetPrimitiveArrayCritical(env, array, NULL);
    if (in != NULL) {
        input_window *w = BIO_get_data(SSL_get_rbio(ssl));
        w->next = (const unsigned char *) in + off;
        w->left = (size_t) len;
    }
    return in;
}

/* Unpins the array and returns how many of its len octets OpenSSL took. */
static jlong input_detach(JNIEnv *env, SSL *ssl, jbyteArray array, jbyte *pinned, jint len) {
    if (pinned == NULL) {
        return 0;
    }
    input_window *w = BIO_get_data(SSL_get_rbio(ssl));
    jlong taken = (jlong) len - (jlong) w->left;
    w->next = NULL;
    w->left = 0;
    (*env)->ReleasePrimitiveArrayCritical(env, array, pinned, JNI_ABORT);
    return taken;
}

/* Formats `what`, followed by OpenSSL's first queued error when there is one, into msg; clears the queue. */
static void describe_tls(char *msg, size_t size, const char *what) {
    char detail[256] = "";
    unsigned long e = ERR_get_error();
    if (e != 0) {
        ERR_error_string_n(e, detail, sizeof detail);
    }
    ERR_clear_error();
    snprintf(msg, size, "%s%s%s", what, detail[0] ? ": " : "", detail);
}

/* Throws `cls` with exactly `msg`. */
static void throw_message(JNIEnv *env, const char *cls, const char *msg) {
    jclass c = (*env)->FindClass(env, cls);
    if (c != NULL) {
        (*env)->ThrowNew(env, c, msg);
    }
}

/* Throws `cls` with `what`, followed by OpenSSL's first queued error when there is one. */
static void throw_tls(JNIEnv *env, const char *cls, const char *what) {
    char msg[512];
    describe_tls(msg, sizeof msg, what);
    throw_message(env, cls, msg);
}

/* What a failed SSL_* call was, by SSL_get_error's kind, into what. */
static void ssl_error_kind(char *what, size_t size, const char *op, int kind) {
    switch (kind) {
    case SSL_ERROR_ZERO_RETURN:
        snprintf(what, size, "%s: the peer closed the TLS session (close_notify)", op);
        break;
    case SSL_ERROR_SYSCALL:
        snprintf(what, size, "%s: TLS input ended unexpectedly", op);
        break;
    default:
        snprintf(what, size, "%s failed", op);
    }
}

/* Throws for a failed SSL_* call, by SSL_get_error's kind. */
static void throw_ssl_error(JNIEnv *env, const char *cls, const char *op, int kind) {
    char what[160];
    ssl_error_kind(what, sizeof what, op, kind);
    throw_tls(env, cls, what);
}

/*
 * A read that failed after it had decrypted some plaintext returns that plaintext, and its failure is kept here (the
 * session's app data, freed with it) for the next read to throw: OpenSSL does not repeat a fatal error's reason
 * (bad_record_mac, say), and a later call would only see the peer's close after our alert.
 */
static void keep_read_failure(SSL *ssl, int kind) {
    char what[160];
    char msg[512];
    ssl_error_kind(what, sizeof what, "TLS read", kind);
    describe_tls(msg, sizeof msg, what);
    if (SSL_get_app_data(ssl) == NULL) {
        SSL_set_app_data(ssl, OPENSSL_strdup(msg));
    }
}

EXPORT JNIEXPORT jint JNICALL Java_hyper_tls_openssl_OpenSslJni_abiVersion(JNIEnv *env, jclass cls) {
    (void) env; (void) cls;
    return HT_ABI_VERSION;
}

EXPORT JNIEXPORT jstring JNICALL Java_hyper_tls_openssl_OpenSslJni_openSslVersion(JNIEnv *env, jclass cls) {
    (void) cls;
    return (*env)->NewStringUTF(env, OpenSSL_version(OPENSSL_VERSION));
}

static int password_cb(char *buf, int size, int rwflag, void *userdata) {
    (void) rwflag;
    const char *password = userdata;
    if (password == NULL) {
        return 0;
    }
    int n = (int) strlen(password);
    if (n > size) {
        return 0;
    }
    memcpy(buf, password, (size_t) n);
    return n;
}

EXPORT JNIEXPORT jlong JNICALL Java_hyper_tls_openssl_OpenSslJni_contextNew(JNIEnv *env, jclass cls,
        jstring chainFile, jstring keyFile, jbyteArray password) {
    (void) cls;
    ERR_clear_error();
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (ctx == NULL) {
        throw_tls(env, "javax/net/ssl/SSLException", "SSL_CTX_new failed");
        return 0;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL); /* Java's trust manager decides; see the top of this file */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    /* RFC 9113 §9.2.1: no renegotiation on an HTTP/2 connection; no TLS compression (§9.2.1 as well). */
    SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
    if (SSL_CTX_set_ciphersuites(ctx, TLS13_SUITES) != 1 || SSL_CTX_set_cipher_list(ctx, HTTP2_TLS12_CIPHERS) != 1) {
        SSL_CTX_free(ctx);
        throw_tls(env, "javax/net/ssl/SSLException", "no cipher suite for HTTP/2 is available");
        return 0;
    }
    if (chainFile != NULL) {
        const char *chain = (*env)->GetStringUTFChars(env, chainFile, NULL);
        const char *key = (*env)->GetStringUTFChars(env, keyFile, NULL);
        char *pw = NULL;
        if (password != NULL) {
            jsize n = (*env)->GetArrayLength(env, password);
            pw = OPENSSL_zalloc((size_t) n + 1);
            if (pw != NULL) {
                (*env)->GetByteArrayRegion(env, password, 0, n, (jbyte *) pw);
            }
        }
        SSL_CTX_set_default_passwd_cb(ctx, password_cb);
        SSL_CTX_set_default_passwd_cb_userdata(ctx, pw);
        const char *failed = NULL;
        if (chain == NULL || key == NULL || (password != NULL && pw == NULL)) {
            failed = "out of memory";
        } else if (SSL_CTX_use_certificate_chain_file(ctx, chain) != 1) {
            failed = "cannot use the client certificate chain";
        } else if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
            failed = "cannot use the client key";
        } else if (SSL_CTX_check_private_key(ctx) != 1) {
            failed = "the client key does not match the certificate";
        }
        SSL_CTX_set_default_passwd_cb_userdata(ctx, NULL);
        if (pw != NULL) {
            OPENSSL_clear_free(pw, strlen(pw));
        }
        if (chain != NULL) {
            (*env)->ReleaseStringUTFChars(env, chainFile, chain);
        }
        if (key != NULL) {
            (*env)->ReleaseStringUTFChars(env, keyFile, key);
        }
        if (failed != NULL) {
            SSL_CTX_free(ctx);
            throw_tls(env, "javax/net/ssl/SSLException", failed);
            return 0;
        }
    }
    return (jlong) (intptr_t) ctx;
}

EXPORT JNIEXPORT void JNICALL Java_hyper_tls_openssl_OpenSslJni_contextFree(JNIEnv *env, jclass cls, jlong ctx) {
    (void) env; (void) cls;
    SSL_CTX_free((SSL_CTX *) (intptr_t) ctx);
}

EXPORT JNIEXPORT jlong JNICALL Java_hyper_tls_openssl_OpenSslJni_sessionNew(JNIEnv *env, jclass cls, jlong ctx,
        jstring serverName, jbyteArray alpn) {
    (void) cls;
    ERR_clear_error();
    SSL *ssl = SSL_new((SSL_CTX *) (intptr_t) ctx);
    BIO *in = BIO_new(input_method);
    BIO *out = BIO_new(BIO_s_mem());
    if (ssl == NULL || in == NULL || out == NULL) {
        SSL_free(ssl);
        BIO_free(in);
        BIO_free(out);
        throw_tls(env, "javax/net/ssl/SSLException", "cannot create a TLS session");
        return 0;
    }
    SSL_set_bio(ssl, in, out);     /* the SSL owns both BIOs from here */
    SSL_set_connect_state(ssl);
    const char *failed = NULL;
    if (serverName != NULL) {
        const char *name = (*env)->GetStringUTFChars(env, serverName, NULL);
        if (name == NULL || SSL_set_tlsext_host_name(ssl, name) != 1) {
            failed = "cannot set the server name (SNI)";
        }
        if (name != NULL) {
            (*env)->ReleaseStringUTFChars(env, serverName, name);
        }
    }
    if (failed == NULL && alpn != NULL) {
        jsize n = (*env)->GetArrayLength(env, alpn);
        jbyte *wire = (*env)->GetByteArrayElements(env, alpn, NULL);
        if (wire == NULL || SSL_set_alpn_protos(ssl, (const unsigned char *) wire, (unsigned) n) != 0) {
            failed = "cannot set the ALPN protocols";
        }
        if (wire != NULL) {
            (*env)->ReleaseByteArrayElements(env, alpn, wire, JNI_ABORT);
        }
    }
    if (failed != NULL) {
        SSL_free(ssl);
        throw_tls(env, "javax/net/ssl/SSLException", failed);
        return 0;
    }
    return (jlong) (intptr_t) ssl;
}

EXPORT JNIEXPORT void JNICALL Java_hyper_tls_openssl_OpenSslJni_sessionFree(JNIEnv *env, jclass cls, jlong ssl) {
    (void) env; (void) cls;
    OPENSSL_free(SSL_get_app_data(ssl_of(ssl))); /* a kept read failure (keep_read_failure), or NULL */
    SSL_free(ssl_of(ssl));
}

/*
 * Drives the handshake on in[off, off+len): bits 0..31 of the result are 0 when it is complete, 1 when it needs
 * more input; bits 32.. how many octets it took (the rest, e.g. the server's first records, is left for reads).
 */
EXPORT JNIEXPORT jlong JNICALL Java_hyper_tls_openssl_OpenSslJni_handshake(JNIEnv *env, jclass cls, jlong handle,
        jbyteArray in, jint off, jint len) {
    (void) cls;
    SSL *ssl = ssl_of(handle);
    ERR_clear_error();
    jbyte *pinned = input_attach(env, ssl, in, off, len);
    if (pinned == NULL && len > 0) {
        return 0; /* OutOfMemoryError pending */
    }
    int r = SSL_do_handshake(ssl);
    int kind = r == 1 ? SSL_ERROR_NONE : SSL_get_error(ssl, r);
    jlong taken = input_detach(env, ssl, in, pinned, len) << 32;
    if (r == 1) {
        return taken;
    }
    if (kind == SSL_ERROR_WANT_READ) {
        return taken | 1;
    }
    throw_ssl_error(env, "javax/net/ssl/SSLHandshakeException", "TLS handshake", kind);
    return 0;
}

/*
 * Decrypts the whole records in in[inOff, inOff+inLen) (and any OpenSSL holds) into out[off, off+len). Bits 0..31
 * of the result: the plaintext count, 0 when more input is needed, -1 after the peer's close_notify; bits 32..61:
 * how many input octets were taken; bit 62: OpenSSL queued output to send (an alert, a KeyUpdate answer).
 */
EXPORT JNIEXPORT jlong JNICALL Java_hyper_tls_openssl_OpenSslJni_read(JNIEnv *env, jclass cls, jlong handle,
        jbyteArray in, jint inOff, jint inLen, jbyteArray out, jint off, jint len) {
    (void) cls;
    SSL *ssl = ssl_of(handle);
    const char *kept = SSL_get_app_data(ssl);
    if (kept != NULL) {
        throw_message(env, "javax/net/ssl/SSLException", kept);
        return 0;
    }
    ERR_clear_error();
    jbyte *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (dst == NULL) {
        return 0;
    }
    jbyte *pinned = input_attach(env, ssl, in, inOff, inLen);
    if (pinned == NULL && inLen > 0) {
        (*env)->ReleasePrimitiveArrayCritical(env, out, dst, JNI_ABORT);
        return 0;
    }
    size_t total = 0;
    int kind = SSL_ERROR_NONE;
    while (total < (size_t) len) {
        size_t got = 0;
        if (SSL_read_ex(ssl, dst + off + total, (size_t) len - total, &got) == 1) {
            total += got;
            continue;
        }
        kind = SSL_get_error(ssl, 0);
        break;
    }
    jlong taken = input_detach(env, ssl, in, pinned, inLen) << 32;
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    jlong status = taken | (BIO_ctrl_pending(SSL_get_wbio(ssl)) > 0 ? (jlong) 1 << 62 : 0);
    if (total > 0) {
        if (kind != SSL_ERROR_NONE && kind != SSL_ERROR_WANT_READ && kind != SSL_ERROR_ZERO_RETURN) {
            keep_read_failure(ssl, kind); /* the next read throws it */
        } else {
            ERR_clear_error(); /* close_notify repeats at the next call, which reports it */
        }
        return status | (jlong) total;
    }
    switch (kind) {
    case SSL_ERROR_WANT_READ:
        return status;
    case SSL_ERROR_ZERO_RETURN:
        return status | 0xffffffffL;
    default:
        throw_ssl_error(env, "javax/net/ssl/SSLException", "TLS read", kind);
        return 0;
    }
}

/* Encrypts b[off, off+len) into the output BIO (which grows as needed); returns len. */
EXPORT JNIEXPORT jint JNICALL Java_hyper_tls_openssl_OpenSslJni_write(JNIEnv *env, jclass cls, jlong handle,
        jbyteArray b, jint off, jint len) {
    (void) cls;
    SSL *ssl = ssl_of(handle);
    ERR_clear_error();
    jbyte *src = (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    if (src == NULL) {
        return 0;
    }
    size_t done = 0;
    int kind = SSL_ERROR_NONE;
    while (done < (size_t) len) {
        size_t wrote = 0;
        if (SSL_write_ex(ssl, src + off + done, (size_t) len - done, &wrote) != 1) {
            kind = SSL_get_error(ssl, 0);
            break;
        }
        done += wrote;
    }
    (*env)->ReleasePrimitiveArrayCritical(env, b, src, JNI_ABORT);
    if (done < (size_t) len) {
        throw_ssl_error(env, "javax/net/ssl/SSLException", "TLS write", kind);
    }
    return (jint) done;
}

/* Moves up to len octets of pending ciphertext into out[off...); returns how many (0: nothing pending). */
EXPORT JNIEXPORT jint JNICALL Java_hyper_tls_openssl_OpenSslJni_drain(JNIEnv *env, jclass cls, jlong handle,
        jbyteArray out, jint off, jint len) {
    (void) cls;
    BIO *wbio = SSL_get_wbio(ssl_of(handle));
    if (BIO_ctrl_pending(wbio) == 0) {
        return 0;
    }
    jbyte *dst = (*env)->GetPrimitiveArrayCritical(env, out, NULL);
    if (dst == NULL) {
        return 0;
    }
    int n = BIO_read(wbio, dst + off, len);
    (*env)->ReleasePrimitiveArrayCritical(env, out, dst, 0);
    return n > 0 ? n : 0;
}

/* Queues close_notify (RFC 8446 §6.1) in the output BIO. */
EXPORT JNIEXPORT void JNICALL Java_hyper_tls_openssl_OpenSslJni_shutdown(JNIEnv *env, jclass cls, jlong handle) {
    (void) env; (void) cls;
    ERR_clear_error();
    SSL_shutdown(ssl_of(handle));
    ERR_clear_error();
}

/* The peer's certificate chain, leaf first, DER-encoded; an empty array when it sent none. */
EXPORT JNIEXPORT jobjectArray JNICALL Java_hyper_tls_openssl_OpenSslJni_peerChain(JNIEnv *env, jclass cls,
        jlong handle) {
    (void) cls;
    STACK_OF(X509) *chain = SSL_get_peer_cert_chain(ssl_of(handle));
    int n = chain == NULL ? 0 : sk_X509_num(chain);
    jclass bytes = (*env)->FindClass(env, "[B");
    if (bytes == NULL) {
        return NULL;
    }
    jobjectArray result = (*env)->NewObjectArray(env, n, bytes, NULL);
    for (int i = 0; result != NULL && i < n; i++) {
        unsigned char *der = NULL;
        int len = i2d_X509(sk_X509_value(chain, i), &der);
        if (len <= 0) {
            throw_tls(env, "javax/net/ssl/SSLException", "cannot encode the peer's certificate");
            return NULL;
        }
        jbyteArray one = (*env)->NewByteArray(env, len);
        if (one != NULL) {
            (*env)->SetByteArrayRegion(env, one, 0, len, (const jbyte *) der);
            (*env)->SetObjectArrayElement(env, result, i, one);
            (*env)->DeleteLocalRef(env, one);
        }
        OPENSSL_free(der);
        if (one == NULL) {
            return NULL;
        }
    }
    return result;
}

/*
 * Whether the peer's certificate names `host` (RFC 6125 as OpenSSL implements it: subjectAltName first, a
 * wildcard only as a whole left-most label) or, when `ip`, carries it as an iPAddress.
 */
EXPORT JNIEXPORT jboolean JNICALL Java_hyper_tls_openssl_OpenSslJni_checkHost(JNIEnv *env, jclass cls, jlong handle,
        jstring host, jboolean ip) {
    (void) cls;
    X509 *leaf = SSL_get0_peer_certificate(ssl_of(handle));
    if (leaf == NULL) {
        return JNI_FALSE;
    }
    const char *name = (*env)->GetStringUTFChars(env, host, NULL);
    if (name == NULL) {
        return JNI_FALSE;
    }
    int r = ip ? X509_check_ip_asc(leaf, name, 0)
               : X509_check_host(leaf, name, strlen(name), X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL);
    (*env)->ReleaseStringUTFChars(env, host, name);
    ERR_clear_error();
    return r == 1 ? JNI_TRUE : JNI_FALSE;
}

/* What was negotiated: 0 the ALPN protocol ("" for none), 1 the protocol version, 2 the cipher suite's IANA name. */
EXPORT JNIEXPORT jstring JNICALL Java_hyper_tls_openssl_OpenSslJni_negotiated(JNIEnv *env, jclass cls, jlong handle,
        jint what) {
    (void) cls;
    SSL *ssl = ssl_of(handle);
    char buf[256] = "";
    if (what == 0) {
        const unsigned char *proto = NULL;
        unsigned int len = 0;
        SSL_get0_alpn_selected(ssl, &proto, &len);
        if (proto != NULL && len < sizeof buf) {
            memcpy(buf, proto, len);
            buf[len] = 0;
        }
    } else if (what == 1) {
        snprintf(buf, sizeof buf, "%s", SSL_get_version(ssl));
    } else {
        const SSL_CIPHER *c = SSL_get_current_cipher(ssl);
        const char *name = c == NULL ? NULL : SSL_CIPHER_standard_name(c);
        snprintf(buf, sizeof buf, "%s", name == NULL ? "SSL_NULL_WITH_NULL_NULL" : name);
    }
    return (*env)->NewStringUTF(env, buf);
}

/* Plaintext OpenSSL holds that a read would return without more input (what is left of a record). */
EXPORT JNIEXPORT jint JNICALL Java_hyper_tls_openssl_OpenSslJni_pending(JNIEnv *env, jclass cls, jlong handle) {
    (void) env; (void) cls;
    return SSL_pending(ssl_of(handle));
}
