package hyper.impl.http1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HttpConnection;
import hyper.api.Hyper;
import hyper.api.HyperException;
import hyper.api.Protocol;
import hyper.api.ProtocolException;
import hyper.api.Response;
import hyper.impl.HyperEngine;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link NegotiatingConnection} decides between HTTP/2 and HTTP/1.1: ALPN over TLS against JSSE servers that
 * offer what each case needs, the h2c upgrade over cleartext against scripted peers. A stand-in for the HTTP/2
 * engine records what it is handed.
 */
class NegotiationTest {
    static final ConnectionOptions OPTIONS = ConnectionOptions.builder().readTimeout(Duration.ofSeconds(10)).build();
    static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @TempDir
    static Path dir;
    static TestTls tls;

    @BeforeAll
    static void certificates() throws Exception {
        tls = TestTls.create(dir);
    }

    /** A JSSE server whose ALPN offers {@code serverProtocols}; records what each client offered. */
    static SSLServerSocket tlsServer(List<List<String>> offeredByClients, String... serverProtocols) throws Exception {
        SSLServerSocket server = (SSLServerSocket) tls.serverContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setSSLParameters(new SSLParameters() {
            {
                setApplicationProtocols(serverProtocols);
            }
        });
        return server;
    }

    static ScriptedPeer.Script alpnRecording(List<List<String>> offered, List<String> serverProtocols, ScriptedPeer.Script then) {
        return c -> {
            SSLSocket s = (SSLSocket) c.socket;
            s.setHandshakeApplicationProtocolSelector((socket, clientProtocols) -> {
                offered.add(List.copyOf(clientProtocols));
                for (String p : serverProtocols) {
                    if (clientProtocols.contains(p)) {
                        return p;
                    }
                }
                return ""; // JSSE: go on without a protocol (null would abort the handshake)
            });
            s.startHandshake();
            then.run(new ScriptedPeer.Conn(s));
        };
    }

    ConnectionOptions tlsOptions() {
        return OPTIONS.toBuilder().secure(true).sslContext(tls.clientContext).build();
    }

    @Test
    void overTlsAServerThatPicksHttp11GetsHttp11AfterH2WasOffered() throws Exception {
        List<List<String>> offered = new CopyOnWriteArrayList<>();
        RecordingBootstrap engine = new RecordingBootstrap();
        try (ScriptedPeer peer = new ScriptedPeer(tlsServer(offered), alpnRecording(offered, List.of("http/1.1"), c -> {
            assertEquals("GET /fallback HTTP/1.1", c.readRequest().line());
            c.write(OK);
        })); NegotiatingConnection conn = new NegotiatingConnection("localhost", peer.port(), tlsOptions(), engine)) {
            conn.connect();
            assertEquals(Protocol.HTTP_1_1, conn.protocol());
            assertEquals(OptionalInt.empty(), conn.request("GET", "/fallback"));
            assertEquals("ok", new String(conn.getResponse(OptionalInt.empty()).read(), StandardCharsets.US_ASCII));
            assertEquals(List.of(List.of("h2", "http/1.1")), offered);
            assertTrue(engine.starts.isEmpty(), "the HTTP/2 engine must not be started");
        }
    }

    @Test
    void overTlsAServerThatPicksH2GetsTheHandshakenSocketHandedToTheEngine() throws Exception {
        List<List<String>> offered = new CopyOnWriteArrayList<>();
        RecordingBootstrap engine = new RecordingBootstrap();
        try (ScriptedPeer peer = new ScriptedPeer(tlsServer(offered), alpnRecording(offered, List.of("h2", "http/1.1"),
                ScriptedPeer.Conn::awaitClose));
                NegotiatingConnection conn = new NegotiatingConnection("localhost", peer.port(), tlsOptions(), engine)) {
            conn.connect();
            assertEquals(Protocol.HTTP_2, conn.protocol());
            assertEquals(1, engine.starts.size());
            RecordingBootstrap.Start start = engine.starts.get(0);
            assertTrue(start.secure());
            assertNull(start.upgraded());
            assertEquals("h2", ((SSLSocket) start.socket()).getApplicationProtocol());
            OptionalInt id = conn.request("GET", "/", Body.empty(), Map.of());
            assertEquals(OptionalInt.of(3), id);
            assertEquals(3, conn.getResponse(id).streamId());
        }
    }

    @Test
    void forcingHttp11OverTlsOffersOnlyHttp11AndWithoutAnEngineH2IsNeverOffered() throws Exception {
        List<List<String>> offered = new CopyOnWriteArrayList<>();
        ScriptedPeer.Script serve = alpnRecording(offered, List.of("h2", "http/1.1"), c -> {
            c.readRequest();
            c.write(OK);
        });
        try (ScriptedPeer peer = new ScriptedPeer(tlsServer(offered), serve, serve)) {
            ConnectionOptions forced = tlsOptions().toBuilder().forceProtocol(Protocol.HTTP_1_1).build();
            try (NegotiatingConnection conn = new NegotiatingConnection("localhost", peer.port(), forced, new RecordingBootstrap())) {
                conn.request("GET", "/");
                assertEquals(200, conn.getResponse().status());
            }
            try (NegotiatingConnection conn = new NegotiatingConnection("localhost", peer.port(), tlsOptions(), null)) {
                conn.request("GET", "/");
                assertEquals(200, conn.getResponse().status());
                assertEquals(Protocol.HTTP_1_1, conn.protocol());
            }
        }
        assertEquals(List.of(List.of("http/1.1"), List.of("http/1.1")), offered);
    }

    @Test
    void forcingH2AgainstAnHttp11OnlyServerIsAProtocolError() throws Exception {
        List<List<String>> offered = new CopyOnWriteArrayList<>();
        try (ScriptedPeer peer = new ScriptedPeer(tlsServer(offered), alpnRecording(offered, List.of("http/1.1"),
                ScriptedPeer.Conn::awaitClose))) {
            ConnectionOptions forced = tlsOptions().toBuilder().forceProtocol(Protocol.HTTP_2).build();
            NegotiatingConnection conn = new NegotiatingConnection("localhost", peer.port(), forced, new RecordingBootstrap());
            ProtocolException e = assertThrows(ProtocolException.class, conn::connect);
            assertTrue(e.getMessage().contains("chose no protocol"), e.getMessage());
            assertEquals(List.of(List.of("h2")), offered);
        }
        NegotiatingConnection noEngine = new NegotiatingConnection("localhost", 1,
                OPTIONS.toBuilder().forceProtocol(Protocol.HTTP_2).build(), null);
        assertThrows(HyperException.class, noEngine::connect);
    }

    @Test
    void overCleartextThe101HandsTheSocketAndWhatFollowsToTheEngine() throws Exception {
        RecordingBootstrap bootstrap = new RecordingBootstrap((socket, upgraded) -> {
            DataInputStream in = RecordingBootstrap.serverOctets(socket, upgraded);
            assertEquals("server preface follows", new String(in.readNBytes(22), StandardCharsets.US_ASCII));
        });
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            ScriptedPeer.Request r = c.readRequest();
            assertEquals("GET /first HTTP/1.1", r.line());
            assertEquals("Upgrade, HTTP2-Settings", r.header("connection"));
            assertEquals("h2c", r.header("upgrade"));
            assertArrayEquals(bootstrapSettings(), Base64.getUrlDecoder().decode(r.header("http2-settings")));
            c.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\nserver preface follows");
            c.awaitClose();
        }); NegotiatingConnection conn = new NegotiatingConnection("127.0.0.1", peer.port(), OPTIONS, bootstrap)) {
            conn.connect();
            assertEquals(Protocol.HTTP_1_1, conn.protocol(), "nothing is known before the first response");
            OptionalInt first = conn.request("GET", "/first");
            assertEquals(OptionalInt.empty(), first, "the upgrade offer goes out as HTTP/1.1");
            Response r = conn.getResponse(first);
            assertEquals(1, r.streamId(), "the upgraded request's response is on stream 1");
            assertEquals(Protocol.HTTP_2, conn.protocol());
            assertEquals("GET", bootstrap.starts.get(0).upgraded().method());
            assertEquals(OptionalInt.of(3), conn.request("GET", "/second"));
        }
    }

    @Test
    void overCleartextAServerThatIgnoresTheUpgradeStaysOnHttp11AndIsAskedOnlyOnce() throws Exception {
        RecordingBootstrap bootstrap = new RecordingBootstrap();
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            assertEquals("h2c", c.readRequest().header("upgrade"));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
            // the second request waits for the first response's status, which says whether the upgrade happened
            ScriptedPeer.Request second = c.readRequest();
            assertNull(second.header("upgrade"));
            assertNull(second.header("http2-settings"));
            c.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
        }); NegotiatingConnection conn = new NegotiatingConnection("127.0.0.1", peer.port(), OPTIONS, bootstrap)) {
            assertEquals(OptionalInt.empty(), conn.request("GET", "/1"));
            assertEquals(OptionalInt.empty(), conn.request("GET", "/2"));
            assertEquals(Protocol.HTTP_1_1, conn.protocol());
            assertEquals("first", new String(conn.getResponse().read(), StandardCharsets.US_ASCII));
            assertEquals("second", new String(conn.getResponse().read(), StandardCharsets.US_ASCII));
            assertTrue(bootstrap.starts.isEmpty());
        }
    }

    @Test
    void noUpgradeIsOfferedWhenHttp11IsForcedOrThereIsNoEngine() throws Exception {
        ScriptedPeer.Script noUpgrade = c -> {
            assertNull(c.readRequest().header("upgrade"));
            c.write(OK);
        };
        try (ScriptedPeer peer = new ScriptedPeer(noUpgrade, noUpgrade)) {
            ConnectionOptions forced = OPTIONS.toBuilder().forceProtocol(Protocol.HTTP_1_1).build();
            try (NegotiatingConnection conn = new NegotiatingConnection("127.0.0.1", peer.port(), forced, new RecordingBootstrap())) {
                conn.request("GET", "/");
                assertEquals(200, conn.getResponse().status());
            }
            try (NegotiatingConnection conn = new NegotiatingConnection("127.0.0.1", peer.port(), OPTIONS, null)) {
                conn.request("GET", "/");
                assertEquals(200, conn.getResponse().status());
            }
        }
    }

    @Test
    void anHttp2StreamIdOnAnHttp11ConnectionIsRefused() throws Exception {
        try (ScriptedPeer peer = new ScriptedPeer(c -> {
            c.readRequest();
            c.write(OK);
        }); NegotiatingConnection conn = new NegotiatingConnection("127.0.0.1", peer.port(), OPTIONS, null)) {
            conn.request("GET", "/");
            assertThrows(IllegalStateException.class, () -> conn.getResponse(OptionalInt.of(1)));
            assertEquals(200, conn.getResponse().status());
        }
    }

    @Test
    void theEntryPointFindsTheEngineThroughTheServiceLoader() throws Exception {
        ScriptedPeer.Script serve = c -> {
            ScriptedPeer.Request r = c.readRequest();
            assertEquals("127.0.0.1:" + c.socket.getLocalPort(), r.header("host"));
            c.write(OK);
        };
        try (ScriptedPeer peer = new ScriptedPeer(serve, serve)) {
            assertInstanceOf(HyperEngine.class, Hyper.engine());
            try (HttpConnection c = Hyper.connect("127.0.0.1:" + peer.port(), OPTIONS)) {
                c.request("GET", "/");
                assertEquals(200, c.getResponse().status());
            }
            try (hyper.api.Http11Connection c = Hyper.http11("127.0.0.1:" + peer.port())) {
                c.request("GET", "/");
                assertEquals("ok", new String(c.getResponse().read(), StandardCharsets.US_ASCII));
            }
        }
    }

    private static byte[] bootstrapSettings() {
        return new RecordingBootstrap().upgradeSettings(OPTIONS);
    }
}
