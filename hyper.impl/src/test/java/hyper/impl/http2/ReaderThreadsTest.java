package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reader threads: platform daemons by default; virtual when asked for and the JDK has them (21+). */
class ReaderThreadsTest extends PeerTestBase {

    @AfterEach
    void clearProperty() {
        System.clearProperty(ReaderThreads.PROPERTY);
    }

    @Test
    void platformDaemonThreadByDefault() throws Exception {
        Thread t = ReaderThreads.newThread(() -> { }, "reader");
        assertTrue(t.isDaemon());
        assertEquals("reader", t.getName());
        assertEquals(false, isVirtual(t));
    }

    @Test
    void virtualThreadWhenAskedForOnJava21AndLater() throws Exception {
        System.setProperty(ReaderThreads.PROPERTY, "true");
        CountDownLatch ran = new CountDownLatch(1);
        Thread t = ReaderThreads.newThread(ran::countDown, "reader");
        assertEquals(Runtime.version().feature() >= 21, isVirtual(t), "virtual threads exist from Java 21");
        assertEquals("reader", t.getName());
        t.start();
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aConnectionWorksWithAVirtualReaderThread() throws Exception {
        System.setProperty(ReaderThreads.PROPERTY, "true");
        connectAndHandshake();
        int id = client.request("GET", "/");
        peer.wantHeaders(id);
        peer.writeHeaders(id, ":status", "200");
        peer.writeData(id, true, "virtual");
        assertEquals("virtual", new String(client.getResponse(id).read(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean isVirtual(Thread t) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false; // Java 17-20
        }
    }
}
