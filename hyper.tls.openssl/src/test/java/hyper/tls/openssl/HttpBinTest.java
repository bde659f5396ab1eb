package hyper.tls.openssl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.HttpConnection;
import hyper.api.Hyper;
import hyper.api.Protocol;
import hyper.api.Response;
import hyper.httpbin.HttpBin;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** hyper.httpbin (Netty's TLS and HTTP/2) through the OpenSSL provider, chosen by priority: no option names it. */
@Timeout(60)
class HttpBinTest {
    static HttpBin bin;
    static SSLContext trust;

    @BeforeAll
    static void start() throws Exception {
        NativeRequired.check();
        bin = HttpBin.builder().start();
        trust = Hyper.tlsContext(bin.caCertificatePemPath()); // made by the provider priority picks: OpenSSL
    }

    @AfterAll
    static void stop() {
        if (bin != null) {
            bin.close();
        }
    }

    @Test
    void requestsAndAnUploadOverOneConnection() throws Exception {
        ConnectionOptions options = ConnectionOptions.builder().secure(true).sslContext(trust).build();
        int before = OpenSslTransport.liveSessions();
        try (Http2Connection c = Hyper.http2("localhost:" + bin.port(), options)) {
            assertEquals(before + 1, OpenSslTransport.liveSessions(), "the connection runs on an OpenSSL session");
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(c.request("GET", "/headers?i=" + i, Body.empty(), HeaderMap.of("x-counter", Integer.toString(i))));
            }
            for (int i = 0; i < ids.size(); i++) {
                try (Response r = c.getResponse(ids.get(i))) {
                    assertEquals(200, r.status());
                    assertTrue(new String(r.read(), UTF_8).contains("\"" + i + "\""));
                }
            }
            byte[] upload = new byte[300_000]; // several TLS records and DATA frames out
            java.util.Arrays.fill(upload, (byte) 'u');
            int post = c.request("POST", "/post", Body.of(upload), HeaderMap.of("content-type", "text/plain"));
            try (Response r = c.getResponse(post)) {
                assertEquals(200, r.status());
                String echoed = new String(r.read(), UTF_8);
                assertTrue(echoed.contains("u".repeat(1000)), echoed.substring(0, Math.min(200, echoed.length())));
            }
        }
        // close() sends GOAWAY and closes the socket within about 500 ms (the engine's graceful close)
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (OpenSslTransport.liveSessions() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before, OpenSslTransport.liveSessions(), "closing the connection frees the OpenSSL session");
    }

    @Test
    void pushesAreAcceptedForAnAuthorityTheCertificateCovers() throws Exception {
        // the push authority check reads the server's certificate from this provider's session (RFC 9113 §8.4)
        ConnectionOptions options = ConnectionOptions.builder().secure(true).sslContext(trust).enablePush(true).build();
        List<String> paths = new ArrayList<>();
        try (Http2Connection c = Hyper.http2("localhost:" + bin.port(), options)) {
            c.request("GET", "/push?n=3");
            try (Response r = c.getResponse()) {
                r.read();
            }
            for (hyper.api.Http2Push push : c.getPushes()) {
                paths.add(push.path());
                try (Response pushed = push.getResponse()) {
                    assertEquals(200, pushed.status());
                }
            }
        }
        assertEquals(List.of("/push/resource/0", "/push/resource/1", "/push/resource/2"), paths);
    }

    @Test
    void theNegotiatingConnectionPicksH2ByAlpn() throws Exception {
        ConnectionOptions options = ConnectionOptions.builder().secure(true).sslContext(trust).build();
        try (HttpConnection c = Hyper.connect("localhost:" + bin.port(), options)) {
            java.util.OptionalInt id = c.request("GET", "/get");
            assertTrue(id.isPresent(), "the request went out on HTTP/2");
            try (Response r = c.getResponse(id)) {
                assertEquals(200, r.status());
            }
            assertEquals(Protocol.HTTP_2, c.protocol());
        }
    }
}
