package hyper.impl.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.ConnectionOptions;
import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.Response;
import hyper.api.spi.FlowControlFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window managers against real servers (nghttpd with padded frames, h2o over TLS): the seed's
 * StupidFlowControlManager as the seed plugs it in, the {@code "auto"} policy, and what managers are told.
 */
class WindowManagerEndToEndTest {
    private static final int SIZE = 3 << 20; // 3 MiB: dozens of refills of 64 KiB windows
    private static Path work;
    private static byte[] file;
    private static final List<RealServer> servers = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        work = Files.createTempDirectory("hyper-flow-e2e");
        Path docroot = Files.createDirectory(work.resolve("www"));
        file = new byte[SIZE];
        new Random(7).nextBytes(file);
        Files.write(docroot.resolve("file.bin"), file);
        servers.add(RealServer.nghttpd(docroot, false, 64, work)); // padding: frame sizes exceed the data
        servers.add(RealServer.h2o(docroot, true, work));
    }

    @AfterAll
    static void stopServers() throws IOException {
        RealServer.stopAll(servers, work);
    }

    static Stream<RealServer> servers() {
        return servers.stream();
    }

    private static byte[] download(RealServer server, ConnectionOptions.Builder options) throws Exception {
        options.secure(server.tls()).readTimeout(Duration.ofSeconds(30));
        if (server.tls()) {
            options.sslContext(Hyper.tlsContext(RealServer.Certificates.get().cert()));
        }
        try (Http2Connection c = Hyper.http2("127.0.0.1:" + server.port(), options.build())) {
            Response r = c.getResponse(c.request("GET", "/file.bin"));
            assertEquals(200, r.status());
            return r.read();
        }
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void theSeedsStupidManagerPluggedInAsTheSeedShows(RealServer server) throws Exception {
        // HTTP20Connection('http2bin.org', window_manager=StupidFlowControlManager)
        assertArrayEquals(file, download(server, ConnectionOptions.builder().flowControl(StupidFlowControlManager::new)));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void managersAreToldEveryFrameAndTheDocumentSize(RealServer server) throws Exception {
        RecordingManager.Log log = new RecordingManager.Log();
        FlowControlFactory factory = w -> new RecordingManager(w, log, f -> f, () -> 0); // the stupid answer, recorded
        assertArrayEquals(file, download(server, ConnectionOptions.builder().flowControl(factory)));
        List<RecordingManager.Call> stream = log.of(1, "increase");
        long framed = stream.stream().mapToLong(RecordingManager.Call::frameSize).sum();
        assertTrue(framed >= SIZE, "frame sizes count the padding too: " + framed);
        assertEquals(server.name().contains("nghttpd"), framed > SIZE, "only nghttpd was told to pad: " + framed);
        assertEquals(framed, log.of(0, "increase").stream().mapToLong(RecordingManager.Call::frameSize).sum(),
                "the connection's manager hears of the same frames");
        assertTrue(stream.stream().allMatch(c -> c.documentSize() == SIZE && c.frameSize() <= 16_384 + 256
                && c.frameSize() <= c.windowSize()), "each frame fits the window it was told about");
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("servers")
    void theAutoPolicyDownloadsIntact(RealServer server) throws Exception {
        assertArrayEquals(file, download(server, ConnectionOptions.builder().flowControlProvider("auto")));
    }
}
