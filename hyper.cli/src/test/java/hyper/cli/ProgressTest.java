package hyper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aKnownLengthShowsPercentBarSizesRateAndEta() {
        Progress p = new Progress(err, 4 * 1024 * 1024, 80, clock::get);
        String line = p.line(1024 * 1024, 2 * SECOND, false);
        // 79 columns: 5 for the percentage, a 32-column bar (a quarter of its 30 inner columns is 7), the rest
        assertEquals(" 25% [" + "=".repeat(6) + ">" + " ".repeat(23) + "]  1.0 MiB / 4.0 MiB  512.0 KiB/s  ETA 0:06", line);
        assertEquals(79, line.length());
    }

    @Test
    void theFinalLineShowsTheTimeTaken() {
        Progress p = new Progress(err, 2048, 60, clock::get);
        assertEquals("100% [" + "=".repeat(13) + "]  2.0 KiB / 2.0 KiB  1.0 KiB/s  in 0:02", p.line(2048, 2 * SECOND, true));
    }

    @Test
    void anUnknownLengthShowsBytesAndRate() {
        Progress p = new Progress(err, -1, 80, clock::get);
        assertEquals("3.0 MiB  1.5 MiB/s", p.line(3 * 1024 * 1024, 2 * SECOND, false));
        assertEquals("3.0 MiB  1.5 MiB/s  in 0:02", p.line(3 * 1024 * 1024, 2 * SECOND, true));
    }

    @Test
    void aNarrowTerminalNeverGetsAWrappedLine() {
        Progress p = new Progress(err, 10L * 1024 * 1024 * 1024, 40, clock::get);
        assertEquals(39, p.line(1, SECOND, false).length());
    }

    @Test
    void redrawsInPlaceAtMostTenTimesASecondAndEndsTheLine() {
        Progress p = new Progress(err, 1000, 30, clock::get);
        p.advance(100); // first update: drawn
        clock.addAndGet(SECOND / 20);
        p.advance(100); // 50 ms later: skipped
        clock.addAndGet(SECOND / 10);
        p.advance(100); // 150 ms after the first: drawn
        p.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(3, out.chars().filter(c -> c == '\r').count(), out);
        assertTrue(out.endsWith("\n"), out);
        assertTrue(out.contains(" 10%"), out);
        assertTrue(out.contains(" 30%"), out);
        assertTrue(!out.contains(" 20%"), out);
    }

    @Test
    void sizesAndDurationsInHumanUnits() {
        assertEquals("0 B", Progress.size(0));
        assertEquals("1023 B", Progress.size(1023));
        assertEquals("1.0 KiB", Progress.size(1024));
        assertEquals("1.5 GiB", Progress.size(3L * 512 * 1024 * 1024));
        assertEquals("0:59", Progress.duration(59.4));
        assertEquals("1:00", Progress.duration(59.6));
        assertEquals("1:01:01", Progress.duration(3661));
    }
}
