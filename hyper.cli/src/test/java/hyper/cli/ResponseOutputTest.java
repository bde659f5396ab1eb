package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.api.HeaderMap;
import hyper.cli.ResponseOutput.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseOutputTest {
    private static final Terminal TTY = new Terminal(true, true, 80);

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void mediaTypesSayWhatABodyIs() {
        assertEquals(Kind.JSON, ResponseOutput.classify("application/json"));
        assertEquals(Kind.JSON, ResponseOutput.classify("Application/JSON; charset=utf-8"));
        assertEquals(Kind.JSON, ResponseOutput.classify("application/problem+json"));
        assertEquals(Kind.TEXT, ResponseOutput.classify("text/html; charset=iso-8859-1"));
        assertEquals(Kind.TEXT, ResponseOutput.classify("application/atom+xml"));
        assertEquals(Kind.BINARY, ResponseOutput.classify("image/png"));
        assertEquals(Kind.BINARY, ResponseOutput.classify("application/octet-stream"));
        assertEquals(Kind.UNKNOWN, ResponseOutput.classify("application/x-custom"));
        assertEquals(Kind.UNKNOWN, ResponseOutput.classify(null));
        assertEquals(Kind.UNKNOWN, ResponseOutput.classify(" "));
    }

    @Test
    void sniffingTellsTextFromBinary() {
        assertFalse(binary("plain text\r\n\ttabbed \u001b[1mbold\u001b[0m\f"));
        assertFalse(binary("héllo wörld ✓ 😀"));
        assertTrue(binary("nul\0inside"));
        assertTrue(binary("bell\u0007"));
        assertTrue(binary("del\u007f"));
        assertTrue(bytesBinary(new byte[] {'a', (byte) 0xff, 'b'}, true)); // never in UTF-8
        assertTrue(bytesBinary(new byte[] {'a', (byte) 0xc3, 'b'}, true)); // lead byte without continuation
        assertTrue(bytesBinary(new byte[] {(byte) 0x80}, true)); // continuation without lead byte
        assertTrue(bytesBinary(new byte[] {(byte) 0xc0, (byte) 0xaf}, true)); // overlong encoding of '/'
    }

    @Test
    void aCharacterCutByTheSniffingWindowIsNotBinaryUnlessTheBodyEndsThere() {
        byte[] cut = {'a', (byte) 0xe2, (byte) 0x9c}; // the first two octets of U+2713
        assertFalse(bytesBinary(cut, false));
        assertTrue(bytesBinary(cut, true));
    }

    @Test
    void jsonIsPrettyPrinted() throws Exception {
        print(BytesResponse.of("application/json", utf8("{\"args\":{},"), utf8("\"url\":\"https://h/get\"}")), TTY);
        assertEquals("{\n    \"args\": {},\n    \"url\": \"https://h/get\"\n}\n", stdout());
    }

    @Test
    void jsonWithoutAContentTypeIsRecognisedByItsLooks() throws Exception {
        print(BytesResponse.of(null, utf8(" [1,2]")), Terminal.NONE);
        assertEquals("[\n    1,\n    2\n]\n", stdout());
    }

    @Test
    void bodiesLabelledJsonThatAreNotJsonArePrintedAsTheyCame() throws Exception {
        print(BytesResponse.of("application/json", utf8("<html>oops</html>")), TTY);
        assertEquals("<html>oops</html>\n", stdout());
        assertEquals("", stderr());
    }

    @Test
    void textIsPrintedAsItCameWithANewlineAddedOnlyForATerminal() throws Exception {
        print(BytesResponse.of("text/plain", utf8("no newline")), TTY);
        assertEquals("no newline\n", stdout());
        outBytes.reset();
        print(BytesResponse.of("text/plain", utf8("no newline")), Terminal.NONE);
        assertEquals("no newline", stdout());
    }

    @Test
    void largeTextIsStreamedWhole() throws Exception {
        byte[] big = utf8("line\n".repeat(50_000));
        print(BytesResponse.of("text/plain", big), Terminal.NONE);
        assertArrayEquals(big, outBytes.toByteArray());
    }

    @Test
    void aBinaryBodyIsNotDumpedToATerminalButDescribed() throws Exception {
        byte[] png = new byte[5000];
        png[0] = (byte) 0x89;
        print(BytesResponse.of("image/png", png, new byte[3000]), TTY);
        assertEquals("", stdout());
        assertEquals("hyper: binary body not shown (image/png, 7.8 KiB, 8000 bytes); use -o FILE to save it, "
                + "or redirect stdout\n", stderr());
    }

    @Test
    void aLargeBinaryBodyOfAnnouncedLengthIsNotDownloadedJustToBeDescribed() throws Exception {
        HeaderMap h = HeaderMap.of("content-type", "application/octet-stream", "content-length", "3000000");
        BytesResponse r = new BytesResponse(200, "", h, new HeaderMap(),
                List.of(new byte[2000], new byte[1_000_000], new byte[1_998_000]));
        print(r, TTY);
        assertEquals("hyper: binary body not shown (application/octet-stream, 2.9 MiB, 3000000 bytes); use -o FILE to "
                + "save it, or redirect stdout\n", stderr());
        assertEquals(0, r.read().length); // closed: the rest was never read
    }

    @Test
    void anUnlabelledBinaryBodyIsDescribedToo() throws Exception {
        print(BytesResponse.of(null, new byte[] {1, 2, 3, 0}), TTY);
        assertEquals("", stdout());
        assertEquals("hyper: binary body not shown (no content-type, 4 B); use -o FILE to save it, "
                + "or redirect stdout\n", stderr());
    }

    @Test
    void aBinaryBodyGoesToAPipeUntouched() throws Exception {
        byte[] data = new byte[70_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        print(BytesResponse.of("application/octet-stream", data), Terminal.NONE);
        assertArrayEquals(data, outBytes.toByteArray());
        assertEquals("", stderr());
    }

    @Test
    void statusLineAndHeadersAsReceived() {
        HeaderMap h = HeaderMap.of("content-type", "application/json", "x-a", "1, 2");
        ResponseOutput.printHead("h2", new BytesResponse(200, "", h, new HeaderMap(), List.of()), out);
        assertEquals("HTTP/2 200\ncontent-type: application/json\nx-a: 1, 2\n\n", stdout());
        outBytes.reset();
        ResponseOutput.printHead("http/1.1", new BytesResponse(404, "Not Found", new HeaderMap(), new HeaderMap(),
                List.of()), out);
        assertEquals("HTTP/1.1 404 Not Found\n\n", stdout());
    }

    @Test
    void trailersArePrintedWhenThereAreAny() throws Exception {
        ResponseOutput.printTrailers(new BytesResponse(200, "", new HeaderMap(), HeaderMap.of("grpc-status", "0"),
                List.of()), out);
        assertEquals("grpc-status: 0\n", stdout());
        outBytes.reset();
        ResponseOutput.printTrailers(BytesResponse.of("text/plain"), out);
        assertEquals("", stdout());
    }

    @Test
    void savingWritesTheWholeBodyAndDrawsProgressOnlyOnATerminal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.bin");
        HeaderMap h = HeaderMap.of("content-length", "6");
        long n = ResponseOutput.save(new BytesResponse(200, "", h, new HeaderMap(), List.of(utf8("abc"), utf8("def"))),
                file, Terminal.NONE, err);
        assertEquals(6, n);
        assertEquals("abcdef", Files.readString(file));
        assertEquals("", stderr());

        ResponseOutput.save(new BytesResponse(200, "", h, new HeaderMap(), List.of(utf8("abc"), utf8("def"))),
                file, TTY, err);
        assertEquals("abcdef", Files.readString(file));
        assertTrue(stderr().contains("100% ["), stderr());
        assertTrue(stderr().endsWith("\n"), stderr());
    }

    @Test
    void aFileThatCannotBeWrittenIsAnOutputFileError(@TempDir Path dir) {
        Path file = dir.resolve("missing-dir").resolve("out.bin");
        ResponseOutput.OutputFileException e = assertThrows(ResponseOutput.OutputFileException.class,
                () -> ResponseOutput.save(BytesResponse.of("text/plain", utf8("x")), file, Terminal.NONE, err));
        assertEquals("cannot write " + file + ": no such directory", e.getMessage());
    }

    private void print(BytesResponse r, Terminal t) throws Exception {
        ResponseOutput.printBody(r, t, out, err);
    }

    private static boolean binary(String s) {
        byte[] b = utf8(s);
        return ResponseOutput.looksBinary(b, b.length, true);
    }

    private static boolean bytesBinary(byte[] b, boolean complete) {
        return ResponseOutput.looksBinary(b, b.length, complete);
    }

    private String stdout() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
