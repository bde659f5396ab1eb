package hyper.hpack.nghttp2;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.Body;
import hyper.api.ConnectionOptions;
import hyper.api.HeaderMap;
import hyper.api.Http2Connection;
import hyper.api.Hyper;
import hyper.api.Response;
import hyper.httpbin.HttpBin;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real HTTP/2 exchange with hyper.httpbin (Netty) while nghttp2's HPACK encodes our requests and decodes the responses. */
class NativeEndToEndTest {
    static HttpBin bin;

    @BeforeAll
    static void start() throws Exception {
        Codecs.nghttp2(); // fails, saying why, when the library was not built; loads it otherwise
        bin = HttpBin.builder().start();
    }

    @AfterAll
    static void stop() {
        if (bin != null) {
            bin.close();
        }
    }

    @Test
    void theNativeCodecIsChosenByPriorityAndCarriesAWholeConversation() throws Exception {
        assertEquals("nghttp2", Hyper.hpackCodec(null).name(), "with the module present, priority picks nghttp2");
        long before = Nghttp2Jni.liveHandles();
        ConnectionOptions options = ConnectionOptions.builder().secure(true).sslContext(bin.clientSslContext()).build();
        try (Http2Connection c = Hyper.http2("localhost:" + bin.port(), options)) {
            assertEquals(before + 2, Nghttp2Jni.liveHandles(), "the connection holds a native deflater and inflater");
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) { // repeated fields exercise both dynamic tables
                ids.add(c.request("GET", "/headers?i=" + i, Body.empty(),
                        HeaderMap.of("x-repeated", "same value every time", "x-counter", Integer.toString(i))));
            }
            for (int i = 0; i < ids.size(); i++) {
                try (Response r = c.getResponse(ids.get(i))) {
                    assertEquals(200, r.status());
                    assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
                    String body = new String(r.read(), UTF_8);
                    assertTrue(body.contains("same value every time"), body);
                    assertTrue(body.contains("\"" + i + "\""), body);
                }
            }
            int post = c.request("POST", "/post", Body.of("{\"codec\":\"nghttp2\"}"), HeaderMap.of("content-type", "application/json"));
            try (Response r = c.getResponse(post)) {
                assertEquals(200, r.status());
                String echoed = new String(r.read(), UTF_8);
                assertTrue(echoed.contains("nghttp2"), echoed);
            }
        }
        // the encoder is freed by close(); the decoder by the reader thread once the socket has closed behind
        // the GOAWAY (the engine half-closes and waits up to 500 ms for the peer), so allow it a moment
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (Nghttp2Jni.liveHandles() > before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before, Nghttp2Jni.liveHandles(), "closing the connection frees the native codec");
    }

    @Test
    void namingTheJavaCodecInTheOptionsOverridesPriority() throws Exception {
        long before = Nghttp2Jni.liveHandles();
        ConnectionOptions options = ConnectionOptions.builder().secure(false).hpackCodec("java").build();
        try (Http2Connection c = Hyper.http2("localhost:" + bin.port(), options)) {
            int id = c.request("GET", "/get");
            try (Response r = c.getResponse(id)) {
                assertEquals(200, r.status());
            }
            assertEquals(before, Nghttp2Jni.liveHandles(), "no native codec was made for this connection");
        }
    }
}
