package hyper.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostAndPortTest {

    @Test
    void parsesTheSeedsForms() {
        assertEquals(new HostAndPort("http2bin.org", 443), HostAndPort.parse("http2bin.org", 443));
        assertEquals(new HostAndPort("http2bin.org", 8080), HostAndPort.parse("http2bin.org:8080", 443));
        assertEquals(new HostAndPort("127.0.0.1", 80), HostAndPort.parse("127.0.0.1", 80));
        assertEquals(new HostAndPort("::1", 8443), HostAndPort.parse("[::1]:8443", 443));
        assertEquals(new HostAndPort("::1", 443), HostAndPort.parse("::1", 443));
        assertEquals("[::1]:8443", HostAndPort.parse("[::1]:8443", 443).authority());
    }

    @Test
    void rejectsBadInputWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse("", 443));
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse("host:http", 443));
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse("host:70000", 443));
        assertThrows(IllegalArgumentException.class, () -> HostAndPort.parse("[::1", 443));
    }

    @Test
    void optionsChooseTlsByPortUnlessSet() {
        assertEquals(true, ConnectionOptions.DEFAULTS.secureFor(443));
        assertEquals(false, ConnectionOptions.DEFAULTS.secureFor(80));
        assertEquals(true, ConnectionOptions.builder().secure(true).build().secureFor(8443));
        assertThrows(IllegalArgumentException.class, () -> ConnectionOptions.builder().maxFrameSize(100));
    }
}
