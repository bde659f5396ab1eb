package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The read-ahead transport under TLS: fewer reads of the socket, the same octets, an honest {@code available}. */
@Timeout(30)
class ReadAheadSocketTest {

    /** Counts the reads made of it, each returning at most {@code chunk} octets, as a socket returns what it holds. */
    static class CountingStream extends InputStream {
        final ByteArrayInputStream in;
        final int chunk;
        int reads;

        CountingStream(byte[] data, int chunk) {
            this.in = new ByteArrayInputStream(data);
            this.chunk = chunk;
        }

        @Override
        public int read() throws IOException {
            reads++;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            reads++;
            return in.read(b, off, Math.min(len, chunk));
        }

        @Override
        public int available() {
            return in.available();
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reads exactly {@code len} octets the way JSSE reads a record: in as many reads as it takes. */
    static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new IOException("end of stream");
            }
            off += n;
            len -= n;
        }
    }

    @Test
    void recordHeadersAndBodiesComeFromOneReadOfTheTransport() throws IOException {
        // four "records" of 5 + 16,384 octets: what JSSE asks for, header then body, eight reads
        byte[] data = random(4 * (5 + 16_384), 1);
        CountingStream transport = new CountingStream(data, Integer.MAX_VALUE);
        InputStream in = new ReadAheadSocket.ReadAheadStream(transport, ReadAheadSocket.BUFFER_SIZE);
        byte[] got = new byte[data.length];
        int off = 0;
        for (int r = 0; r < 4; r++) {
            readFully(in, got, off, 5);
            readFully(in, got, off + 5, 16_384);
            off += 5 + 16_384;
        }
        assertArrayEquals(data, got);
        assertEquals(2, transport.reads, "the first 64 KiB in one read, the rest (20 octets) in a second");
        assertEquals(-1, in.read(new byte[1], 0, 1));
        assertEquals(-1, in.read());
    }

    @Test
    void everyOctetArrivesInOrderWhateverTheReadSizesOnEitherSide() throws IOException {
        byte[] data = random(1_000_003, 2);
        Random sizes = new Random(3);
        for (int chunk : new int[] {1, 7, 5_000, 70_000}) {
            InputStream in = new ReadAheadSocket.ReadAheadStream(new CountingStream(data, chunk), ReadAheadSocket.BUFFER_SIZE);
            byte[] got = new byte[data.length];
            int off = 0;
            while (off < data.length) {
                int want = sizes.nextInt(4) == 0 ? 1 : 1 + sizes.nextInt(100_000); // 100,000: past the buffer too
                if (want == 1 && sizes.nextBoolean()) {
                    got[off++] = (byte) in.read();
                    continue;
                }
                int n = in.read(got, off, Math.min(want, data.length - off));
                assertTrue(n > 0);
                off += n;
            }
            assertArrayEquals(data, got, "transport reads of " + chunk);
            assertEquals(-1, in.read(got, 0, 1));
        }
    }

    @Test
    void availableCountsWhatIsBufferedAndWhatTheTransportHolds() throws IOException {
        byte[] data = random(100_000, 4);
        CountingStream transport = new CountingStream(data, 10_000);
        InputStream in = new ReadAheadSocket.ReadAheadStream(transport, ReadAheadSocket.BUFFER_SIZE);
        assertEquals(100_000, in.available());
        readFully(in, new byte[5], 0, 5); // one transport read of 10,000
        assertEquals(1, transport.reads);
        assertEquals(100_000 - 5, in.available());
        readFully(in, new byte[9_995], 0, 9_995);
        assertEquals(90_000, in.available());
        assertEquals(0, in.read(new byte[0], 0, 0));
        assertEquals(1, transport.reads, "a read of nothing reads nothing");
    }

    @Test
    void theHookRunsBeforeEachReadOfTheTransportThatMayWaitAndOnlyThen() throws IOException {
        byte[] data = random(200_000, 7);
        CountingStream transport = new CountingStream(data, 10_000) {
            @Override
            public int available() {
                // the kernel holds the rest of the current 10,000-octet "segment" only: none at each boundary
                int done = data.length - in.available();
                return done % 10_000 == 0 ? 0 : 10_000 - done % 10_000;
            }
        };
        ReadAheadSocket.ReadAheadStream in = new ReadAheadSocket.ReadAheadStream(transport, ReadAheadSocket.BUFFER_SIZE);
        int[] warned = new int[1];
        int[] readsWhenWarned = new int[1];
        assertTrue(ReadAheadSocket.beforeBlocking(in, () -> {
            warned[0]++;
            readsWhenWarned[0] = transport.reads;
        }));
        byte[] got = new byte[data.length];
        readFully(in, got, 0, 5); // the first read: the kernel holds nothing yet by this count
        assertEquals(1, warned[0]);
        assertEquals(0, readsWhenWarned[0], "warned before the read, not after");
        readFully(in, got, 5, 9_995); // served from the buffer: no read, no warning
        assertEquals(1, warned[0]);
        readFully(in, got, 10_000, 190_000); // one read per 10,000 octets, each at a boundary: warned each time
        assertEquals(20, transport.reads);
        assertEquals(20, warned[0]);
        assertArrayEquals(data, got);
        assertFalse(ReadAheadSocket.beforeBlocking(new ByteArrayInputStream(data), () -> { }), "not a read-ahead stream");
    }

    static byte[] concatenated(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A TLS dial layers JSSE on the read-ahead socket; a 3 MiB body in records of every size arrives intact. */
    @Test
    void aTlsDialReadsThroughTheReadAheadSocket(@TempDir Path dir) throws Exception {
        TestTls tls = TestTls.create(dir);
        byte[] body = random(3 << 20, 5);
        try (SSLServerSocket server = (SSLServerSocket) tls.serverContext.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            AtomicBoolean sent = new AtomicBoolean();
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    Random sizes = new Random(6);
                    for (int off = 0; off < body.length; ) {
                        int n = Math.min(body.length - off, 1 + sizes.nextInt(40_000)); // small and full records
                        out.write(body, off, n);
                        off += n;
                    }
                    out.flush();
                    sent.set(true);
                    s.getInputStream().read(); // until the client closes
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            ConnectionOptions options = ConnectionOptions.builder().secure(true).sslContext(tls.clientContext)
                    .readTimeout(Duration.ofSeconds(10)).build();
            Dialer.Dialed d = Dialer.dial("localhost", server.getLocalPort(), options, List.of("http/1.1"), false);
            try (Socket s = d.socket()) {
                ReadAheadSocket transport = assertInstanceOf(ReadAheadSocket.class, d.transport());
                assertSame(transport.getInputStream(), transport.getInputStream(), "one stream: its buffer is the state");
                byte[] got = new byte[body.length];
                readFully(s.getInputStream(), got, 0, got.length);
                assertArrayEquals(body, got);
                assertTrue(sent.get());
            }
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCleartextDialKeepsThePlainSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ConnectionOptions options = ConnectionOptions.builder().readTimeout(Duration.ofSeconds(10)).build();
            Dialer.Dialed d = Dialer.dial("localhost", server.getLocalPort(), options, List.of(), false);
            try (Socket s = d.socket(); Socket accepted = server.accept()) {
                assertEquals(Socket.class, s.getClass(), "h2c and HTTP/1.1 buffer their own input");
            }
        }
    }
}
