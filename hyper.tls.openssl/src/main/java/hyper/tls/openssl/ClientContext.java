package hyper.tls.openssl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What the OpenSSL provider needs to connect for one {@link SSLContext}: the trust manager that verifies servers
 * and the native {@code SSL_CTX} (with the client certificate, if any), made on first use and freed with this.
 *
 * <p>Why a registry: an {@code SSLContext} does not give its trust managers back, so only contexts this provider
 * made (with {@code initContext}) and the JDK's default can be verified here; for any other the provider hands the
 * connection to JSSE, which can.
 */
final class ClientContext {
    private static final ReentrantLock REGISTRY_LOCK = new ReentrantLock();
    /** Weak keys: a context the application drops takes its native SSL_CTX with it. Guarded by REGISTRY_LOCK. */
    private static final Map<SSLContext, ClientContext> REGISTRY = new WeakHashMap<>();
    private static volatile ClientContext jdkDefault;

    final X509TrustManager trust;
    private final String chainFile;
    private final String keyFile;
    private final byte[] keyPassword;
    private final ReentrantLock lock = new ReentrantLock();
    /** The SSL_CTX, made by the first connection. Guarded by lock. */
    private NativeContext handle;

    ClientContext(X509TrustManager trust, Path chain, Path key, char[] password) {
        this.trust = trust;
        this.chainFile = chain == null ? null : chain.toAbsolutePath().toString();
        this.keyFile = chain == null ? null : (key != null ? key : chain).toAbsolutePath().toString();
        this.keyPassword = password == null ? null : new String(password).getBytes(StandardCharsets.UTF_8);
    }

    /** Remembers what {@code context} was made from. */
    static void register(SSLContext context, ClientContext settings) {
        REGISTRY_LOCK.lock();
        try {
            REGISTRY.put(context, settings);
        } finally {
            REGISTRY_LOCK.unlock();
        }
    }

    /**
     * The settings for {@code context}: null or the JDK's default context trust the JDK's CAs; a context this
     * provider made has its own; any other gives null.
     */
    static ClientContext of(SSLContext context) throws GeneralSecurityException {
        if (context == null || context == SSLContext.getDefault()) {
            ClientContext d = jdkDefault;
            if (d == null) {
                d = new ClientContext(trustManager(null), null, null, null);
                jdkDefault = d;
            }
            return d;
        }
        REGISTRY_LOCK.lock();
        try {
            return REGISTRY.get(context);
        } finally {
            REGISTRY_LOCK.unlock();
        }
    }

    /** The X509 trust manager of {@code store} (null: the JDK's cacerts). */
    static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager m : tmf.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("the JDK's TrustManagerFactory made no X509TrustManager");
    }

    /** The native SSL_CTX, made the first time (loading the client certificate then). */
    long nativeContext() throws SSLException {
        lock.lock();
        try {
            if (handle == null) {
                long ctx = OpenSslJni.contextNew(chainFile, keyFile, keyPassword);
                handle = new NativeContext(ctx);
                NativeLibrary.CLEANER.register(this, handle);
            }
            return handle.ctx;
        } finally {
            lock.unlock();
        }
    }

    /** Frees the SSL_CTX once its ClientContext is unreachable; sessions hold their own reference to it. */
    private record NativeContext(long ctx) implements Runnable {
        @Override
        public void run() {
            OpenSslJni.contextFree(ctx);
        }
    }
}
