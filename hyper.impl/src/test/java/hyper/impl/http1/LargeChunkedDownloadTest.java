package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB chunked response read in constant memory: the client runs in a child JVM whose heap is 32 MiB, so any
 * buffering of the body would end it with an OutOfMemoryError.
 */
class LargeChunkedDownloadTest {
    private static final long ONE_GIB = 1L << 30;
    private static final int CHUNK = 64 * 1024;

    @Test
    void oneGibibyteChunkedIsReadWithA32MibHeap() throws Exception {
        byte[] data = new byte[CHUNK];
        Arrays.fill(data, (byte) 'x');
        byte[] chunkHead = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] crlf = {'\r', '\n'};
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            OutputStream out = new java.io.BufferedOutputStream(c.out, 256 * 1024);
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (long sent = 0; sent < ONE_GIB; sent += CHUNK) {
                out.write(chunkHead);
                out.write(data);
                out.write(crlf);
            }
            out.write(("0\r\nX-Total: " + ONE_GIB + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            c.awaitClose();
        })) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    BigDownloadClient.class.getName(), String.valueOf(peer.port()))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the download did not finish");
            assertEquals(0, p.exitValue(), output);
            Matcher m = Pattern.compile("octets=(\\d+) chunks=(\\d+) trailer=(\\d+) heapAfterGc=(\\d+)").matcher(output);
            assertTrue(m.find(), output);
            System.out.println("child JVM (-Xmx32m): " + m.group());
            assertEquals(ONE_GIB, Long.parseLong(m.group(1)));
            assertEquals(ONE_GIB / CHUNK, Long.parseLong(m.group(2)), "one element per chunk");
            assertEquals(ONE_GIB, Long.parseLong(m.group(3)));
            assertTrue(Long.parseLong(m.group(4)) < 16L * 1024 * 1024, "heap after the download: " + m.group(4));
        }
    }
}
