package hyper.impl.http2;

import static hyper.impl.http2.PushDeliveryTest.paths;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Http2Push;
import hyper.api.HttpConnection;
import hyper.api.Hyper;
import hyper.api.Protocol;
import hyper.api.Response;
import hyper.httpbin.HttpBin;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Server push from the in-process {@code hyper.httpbin}, whose {@code /push?n=} promises {@code /push/resource/0..n-1}
 * before answering: through {@link Http2Connection} and {@link HttpConnection} (ALPN, the h2c upgrade, HTTP/1.1),
 * and the authority check against a real certificate with a wildcard name.
 */
class HttpBinPushTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpBin tls;
    private static HttpBin clear;
    private static HttpBin wildcard;
    private static RealServer.Certificates wildcardCert;

    @BeforeAll
    static void start() throws Exception {
        tls = HttpBin.builder().start();
        clear = HttpBin.builder().tls(false).start();
        wildcardCert = RealServer.Certificates.create("localhost", "DNS:localhost,DNS:*.push.test,IP:127.0.0.1");
        wildcard = HttpBin.builder().certificate(wildcardCert.cert(), wildcardCert.key()).start();
    }

    @AfterAll
    static void stop() {
        tls.close();
        clear.close();
        wildcard.close();
    }

    private static ConnectionOptions.Builder withPush() {
        return ConnectionOptions.builder().enablePush(true).readTimeout(Duration.ofSeconds(20));
    }

    /** The README's example: the seed's §3.1.8 code in Java. */
    @Test
    void theSeedsExampleInJava() throws Exception {
        ConnectionOptions options = withPush().secure(true).sslContext(tls.clientSslContext()).build();
        List<String> paths = new ArrayList<>();
        try (Http2Connection conn = Hyper.http2("localhost:" + tls.port(), options)) {
            conn.request("GET", "/push?n=3");
            Response response = conn.getResponse();
            for (Http2Push push : conn.getPushes()) {      // all pushes promised before response headers
                paths.add(push.path());
            }
            response.read();
            for (Http2Push push : conn.getPushes()) {      // all other pushes
                paths.add(push.path());
            }
        }
        assertEquals(List.of("/push/resource/0", "/push/resource/1", "/push/resource/2"), paths);
    }

    @Test
    void pushedResponsesAreTheResourcesThemselves() throws Exception {
        ConnectionOptions options = withPush().secure(true).sslContext(tls.clientSslContext()).build();
        try (Http2Connection c = Hyper.http2("localhost:" + tls.port(), options)) {
            int id = c.request("GET", "/push?n=3");
            JsonNode body = json(c.getResponse(id));
            assertTrue(body.get("push_enabled").asBoolean());
            assertEquals(3, body.get("promised").size());
            int i = 0;
            for (Http2Push push : c.getPushes(id, true)) {
                assertEquals("https", push.scheme());
                assertEquals("localhost:" + tls.port(), push.authority());
                JsonNode resource = json(push.getResponse());
                assertEquals(i, resource.get("resource").asInt());
                assertEquals("https://localhost:" + tls.port() + "/push/resource/" + i, resource.get("url").asText());
                i++;
            }
            assertEquals(3, i);
            assertEquals(200, c.getResponse(c.request("GET", "/get")).status(), "the connection goes on");
        }
    }

    @Test
    void httpConnectionWithAlpnDeliversPushes() throws Exception {
        ConnectionOptions options = withPush().secure(true).sslContext(tls.clientSslContext()).build();
        try (HttpConnection c = Hyper.connect("localhost:" + tls.port(), options)) {
            OptionalInt id = c.request("GET", "/push?n=2");
            assertEquals(Protocol.HTTP_2, c.protocol());
            json(c.getResponse(id));
            assertEquals(List.of("/push/resource/0", "/push/resource/1"), paths(c.getPushes()));
            assertEquals(List.of(), paths(c.getPushes(id, true)), "each push once");
        }
    }

    @Test
    void theH2cUpgradeRequestsPushesArriveOnStreamOne() throws Exception {
        try (HttpConnection c = Hyper.connect("127.0.0.1:" + clear.port(), withPush().secure(false).build())) {
            OptionalInt first = c.request("GET", "/push?n=2");
            assertTrue(first.isEmpty(), "the upgrade request goes out as HTTP/1.1");
            List<Http2Push> pushes = new ArrayList<>();
            c.getPushes(first, true).forEach(pushes::add); // resolves the upgrade, then waits for stream 1 to end
            assertEquals(Protocol.HTTP_2, c.protocol());
            assertEquals(List.of("/push/resource/0", "/push/resource/1"), pushes.stream().map(Http2Push::path).toList());
            assertEquals(1, pushes.get(0).parentStreamId());
            assertEquals("http", pushes.get(0).scheme());
            assertEquals(1, json(pushes.get(1).getResponse()).get("resource").asInt());
            assertEquals(2, json(c.getResponse(first)).get("promised").size());
        }
    }

    @Test
    void http11HasNoPushes() throws Exception {
        ConnectionOptions options = withPush().secure(false).forceProtocol(Protocol.HTTP_1_1).build();
        try (HttpConnection c = Hyper.connect("127.0.0.1:" + clear.port(), options)) {
            OptionalInt id = c.request("GET", "/push?n=2");
            JsonNode body = json(c.getResponse(id));
            assertFalse(body.get("push_enabled").asBoolean());
            assertEquals(List.of(), paths(c.getPushes(id, true)));
        }
    }

    @Test
    void promisesBeyondTheLimitAreRefused() throws Exception {
        ConnectionOptions options = withPush().secure(true).sslContext(tls.clientSslContext()).maxPushedStreams(2).build();
        try (Http2Connection c = Hyper.http2("localhost:" + tls.port(), options)) {
            int id = c.request("GET", "/push?n=5");
            assertEquals(5, json(c.getResponse(id)).get("promised").size(), "the server promised five");
            assertEquals(List.of("/push/resource/0", "/push/resource/1"), paths(c.getPushes(id, true)));
        }
    }

    /**
     * The certificate names localhost, *.push.test and 127.0.0.1; the connection goes to 127.0.0.1. The server
     * promises under whatever authority the request named, so the request's Host decides what is pushed for.
     */
    @ParameterizedTest(name = "{0} -> accepted: {1}")
    @CsvSource({
        "127.0.0.1:PORT, true",
        "localhost:PORT, true",
        "localhost, true",
        "cdn.push.test, true",
        "CDN.Push.Test:8443, true",
        "deep.cdn.push.test, false",
        "push.test, false",
        "other.example, false",
        "127.0.0.2:PORT, false",
    })
    void overTlsTheCertificateDecidesWhichAuthoritiesArePushedFor(String authority, boolean accepted) throws Exception {
        ConnectionOptions options = withPush().secure(true).sslContext(Hyper.tlsContext(wildcardCert.cert())).build();
        String host = authority.replace("PORT", Integer.toString(wildcard.port()));
        try (Http2Connection c = Hyper.http2("127.0.0.1:" + wildcard.port(), options)) {
            int id = c.request("GET", "/push?n=2", Body.empty(), HeaderMap.of("host", host));
            assertEquals(2, json(c.getResponse(id)).get("promised").size(), "the server promised two for " + host);
            List<Http2Push> pushes = new ArrayList<>();
            c.getPushes(id, true).forEach(pushes::add);
            assertEquals(accepted ? 2 : 0, pushes.size(), host);
            for (Http2Push push : pushes) {
                assertEquals(host, push.authority());
                assertEquals(200, push.getResponse().status());
            }
        }
    }

    @Test
    void overH2cOnlyTheDialedHostAndPortArePushedFor() throws Exception {
        try (Http2Connection c = Hyper.http2("127.0.0.1:" + clear.port(), withPush().secure(false).build())) {
            int refused = c.request("GET", "/push?n=2", Body.empty(), HeaderMap.of("host", "localhost:" + clear.port()));
            assertEquals(2, json(c.getResponse(refused)).get("promised").size());
            assertEquals(List.of(), paths(c.getPushes(refused, true)), "localhost is not what we dialed: not authoritative");
            int accepted = c.request("GET", "/push?n=2");
            json(c.getResponse(accepted));
            assertEquals(2, paths(c.getPushes(accepted, true)).size());
        }
    }

    private static JsonNode json(Response r) throws IOException {
        return JSON.readTree(r.read());
    }
}
