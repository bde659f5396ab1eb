package hyper.cli;

import static hyper.cli.InProcess.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hyper.cli.InProcess.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every usage error: exit status 2, the message on stderr with the usage line, nothing on stdout. */
class UsageErrorsTest {
    private static final String TAIL = "\n" + Arguments.USAGE + "\nTry 'hyper --help' for more information.\n";

    @TempDir
    Path dir;

    @Test
    void unknownOption() {
        assertUsageError("unknown option '--frobnicate' (see hyper --help)", "--frobnicate", "localhost");
        assertUsageError("unknown option '-x' (see hyper --help)", "-x", "localhost");
    }

    @Test
    void missingUrl() {
        assertUsageError("missing URL");
        assertUsageError("missing URL", "--debug", "-i");
        assertUsageError("missing URL after the method GET", "GET");
        assertUsageError("missing URL after the method POST", "POST", "--");
    }

    @Test
    void badItemSyntax() {
        assertUsageError("bad request item 'nonsense': expected Name:Value (header), name==value (query parameter), "
                + "name=value (JSON field) or name:=json (raw JSON field)", "GET", "localhost", "nonsense");
        assertUsageError("bad header 'Bad Name:v': ' ' is not allowed in a header name", "localhost", "Bad Name:v");
        assertUsageError("bad raw JSON field 'n:={': unexpected end of input, expected a member name at character 2",
                "localhost", "n:={");
    }

    @Test
    void badUrl() {
        assertUsageError("unsupported URL scheme 'ftp' in 'ftp://h/': hyper speaks http and https", "ftp://h/");
        assertUsageError("bad URL 'h:99999': port 99999 is out of range 1-65535", "h:99999");
    }

    @Test
    void http1WithHttp2() {
        assertUsageError("--h1 and --h2 cannot be used together: choose one protocol", "--h1", "--h2", "localhost");
    }

    @Test
    void jsonWithForm() {
        assertUsageError("--json and --form cannot be used together", "--json", "--form", "localhost", "a=b");
    }

    @Test
    void rawJsonFieldWithForm() {
        assertUsageError("raw JSON field 'n:=' cannot be sent with --form", "--form", "localhost", "n:=1");
    }

    @Test
    void badTimeout() {
        assertUsageError("bad --timeout 'soon': expected a number of seconds, such as 5 or 0.5",
                "--timeout", "soon", "localhost");
        assertUsageError("bad --timeout '0': must be more than 0 and at most 2000000 seconds", "--timeout=0", "localhost");
        assertUsageError("bad --timeout '-1': must be more than 0 and at most 2000000 seconds", "--timeout", "-1", "h");
        assertUsageError("bad --timeout '1e9': must be more than 0 and at most 2000000 seconds", "--timeout", "1e9", "h");
        assertUsageError("--timeout needs a value: SECONDS", "localhost", "--timeout");
    }

    @Test
    void goodTimeoutsAreParsedToDurations() throws Exception {
        assertEquals(Duration.ofMillis(1500), Arguments.parse(new String[] {"--timeout", "1.5", "h"}).timeout);
        assertEquals(Duration.ofMillis(1), Arguments.parse(new String[] {"--timeout=0.0000001", "h"}).timeout);
    }

    @Test
    void unreadableCertificateFiles() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertUsageError("cannot read --cacert " + missing + ": no such file", "--cacert", missing.toString(), "h");
        assertUsageError("cannot read --cacert " + dir + ": not a regular file", "--cacert=" + dir, "h");
        assertUsageError("--cacert needs a value: FILE", "h", "--cacert");
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        assertUsageError("--cert needs --key: the private key of that certificate (PEM, PKCS#8)",
                "--cert", cert.toString(), "h");
        assertUsageError("--key needs --cert: the client certificate for that key", "--key", cert.toString(), "h");
        assertUsageError("--key-password needs --key", "--key-password", "pw", "h");
    }

    @Test
    void certificateFilesThatAreNotPemAreUsageErrors() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");
        assertUsageError("cannot use --cacert " + junk + ": cannot set up TLS: No certificate data found",
                "--cacert", junk.toString(), "https://localhost:1/");
        Path ca = Files.writeString(dir.resolve("ca.pem"), CA_PEM);
        assertUsageError("cannot use --cacert " + ca + ", --cert " + ca + " --key " + junk + ": cannot set up TLS: "
                + "no PKCS#8 'PRIVATE KEY' block in " + junk + " (convert with: openssl pkcs8 -topk8 -nocrypt -in "
                + "key.pem)", "--cacert", ca.toString(), "--cert", ca.toString(), "--key", junk.toString(),
                "https://localhost:1/");
    }

    @Test
    void optionsWithoutValuesRefuseOne() {
        assertUsageError("--debug takes no value, but got 'yes'", "--debug=yes", "h");
    }

    @Test
    void emptyOutputFileName() {
        assertUsageError("-o needs a file name", "-o", "", "h");
    }

    @Test
    void helpWinsOverEverythingElse() {
        Run r = run("--frobnicate", "-h");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith(Arguments.USAGE + "\n"), r.out());
        assertTrue(r.out().contains("  4  HTTP 4xx, with --check-status\n"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void versionPrintsTheBuildsVersion() {
        Run r = run("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().matches("hyper \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n"), r.out());
        assertEquals("", r.err());
    }

    /** A self-signed certificate (made with keytool for this test; its key was thrown away). */
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBOjCB4qADAgECAgkA8o++jfyFAtcwCgYIKoZIzj0EAwIwEjEQMA4GA1UEAxMH
            dGVzdC1jYTAeFw0yNjExMjUxNTI2MzBaFw0zNjExMjIxNTI2MzBaMBIxEDAOBgNV
            BAMTB3Rlc3QtY2EwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATKDV83ThPOo11W
            C6qRThENrln29nIP1LcZU605WgHmQCLFLWKZ3Q1svYKXg1ZhpAm+XpMn1CyUcPzz
            Lxz7EF14oyEwHzAdBgNVHQ4EFgQU1gHtACBp/39Xma9R43aTxUadJv8wCgYIKoZI
            zj0EAwIDRwAwRAIgJPkxWl1eOv/GXAg8l2AxT1jxnbvFseU55i1I4eLJHBYCIB9l
            TLXy6+bSUbFy1f327b8BELkScsgNMtSqDwK/0Z+7
            -----END CERTIFICATE-----
            """;

    private static void assertUsageError(String message, String... args) {
        Run r = run(args);
        assertEquals("hyper: error: " + message + TAIL, r.err(), String.join(" ", args));
        assertEquals(Main.USAGE, r.status());
        assertEquals("", r.out());
    }
}
