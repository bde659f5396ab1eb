package hyper.tls.openssl;

import hyper.api.Hyper;
import hyper.impl.http1.TestTls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** What the tests against steered JDK servers share: a throw-away certificate, a trust made by this provider. */
abstract class JdkPeerTests {
    @TempDir
    static Path dir;
    static TestTls tls;
    static SSLContext trust;

    @BeforeAll
    static void setUp() throws Exception {
        NativeRequired.check();
        tls = TestTls.create(dir);
        trust = Hyper.tls("openssl").initContext(tls.certificate, null, null, null);
    }

    /** A TCP connection to {@code port} and this provider's handshake on it, offering h2 and http/1.1. */
    static SSLSocket connect(int port, String host, SSLContext context, Duration timeout) throws IOException {
        Socket tcp = new Socket();
        tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        try {
            return Hyper.tls("openssl").handshake(tcp, host, port, context, List.of("h2", "http/1.1"), timeout);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }
}
