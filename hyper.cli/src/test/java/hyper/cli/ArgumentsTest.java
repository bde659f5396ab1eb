package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void theMethodDefaultsToGetAndToPostWithData() throws Exception {
        assertEquals("GET", parse("localhost/get").method);
        assertEquals("GET", parse("localhost/get", "X-A:1", "q==1").method);
        assertEquals("POST", parse("localhost/post", "name=Hyper").method);
        assertEquals("POST", parse("localhost/post", "n:=1").method);
    }

    @Test
    void anExplicitMethodIsUpperCased() throws Exception {
        Arguments a = parse("put", "localhost/put", "a=b");
        assertEquals("PUT", a.method);
        assertEquals("/put", a.url.pathAndQuery());
        assertEquals("DELETE", parse("DELETE", "localhost/x").method);
    }

    @Test
    void anExtensionMethodIsAWordInCapitals() throws Exception {
        assertEquals("PROPFIND", parse("PROPFIND", "example.org/dav").method);
        assertEquals("PROPFIND", parse("PROPFIND", "localhost:8443/dav").method);
        Arguments hostFirst = parse("localhost", "a==b");
        assertEquals("GET", hostFirst.method);
        assertEquals("localhost", hostFirst.url.host());
    }

    @Test
    void aLoneWordIsTheUrlNotTheMethod() throws Exception {
        Arguments a = parse("localhost");
        assertEquals("GET", a.method);
        assertEquals("localhost", a.url.host());
        assertEquals("post", parse("post").url.host()); // alone, only a method in capitals is taken as one
    }

    @Test
    void optionsMayComeAnywhereAndDoubleDashEndsThem() throws Exception {
        Arguments a = parse("POST", "-i", "localhost", "--debug", "a=b", "--check-status");
        assertTrue(a.include && a.debug && a.checkStatus);
        assertTrue(a.items.hasData());
        Arguments b = parse("-o", "out.bin", "--", "localhost", "-weird=1");
        assertEquals(Path.of("out.bin"), b.output);
        assertEquals("{\"-weird\": \"1\"}", b.items.jsonBody());
    }

    @Test
    void theSeedsExamplesParse() throws Exception {
        Arguments get = parse("GET", "https://http2bin.org/get", "User-Agent:hyper/0.2.0", "X-Totally-Real-Header:someval");
        assertEquals(2, get.items.headers().size());
        Arguments query = parse("GET", "https://http2bin.org/get", "search==hyper");
        assertEquals("/get?search=hyper", query.url.withQuery(query.items.query()).pathAndQuery());
        Arguments post = parse("POST", "https://http2bin.org/post", "name=Hyper", "language=Java",
                "description=CLI HTTP client");
        assertEquals("{\"name\": \"Hyper\", \"language\": \"Java\", \"description\": \"CLI HTTP client\"}",
                post.items.jsonBody());
    }

    @Test
    void protocolAndTlsOptions() throws Exception {
        assertTrue(parse("--h2", "h").http2);
        assertTrue(parse("--http1.1", "h").http1);
        assertEquals(Path.of("pom.xml"), parse("--cacert", "pom.xml", "h").cacert);
    }

    private static Arguments parse(String... args) throws UsageException {
        return Arguments.parse(args);
    }
}
