package hyper.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The download progress bar of {@code -o FILE} on a terminal: redrawn in place on stderr at most ten times a
 * second, with bytes so far, rate and, when the length is known, percentage and ETA.
 *
 * <pre>
 *  42% [===========&gt;                ]  1.4 MiB / 3.3 MiB   812.0 KiB/s  ETA 0:03
 *  1.4 MiB   812.0 KiB/s                                     (length unknown)
 * </pre>
 */
final class Progress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final long total;
    private final int columns;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastDraw = Long.MIN_VALUE;
    private long bytes;

    /**
     * @param total the expected length, or -1 when unknown
     * @param nanoClock {@link System#nanoTime} outside tests
     */
    Progress(PrintStream err, long total, int columns, LongSupplier nanoClock) {
        this.err = err;
        this.total = total;
        this.columns = columns;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    /** Counts {@code n} more bytes; redraws when the last drawing is old enough. */
    void advance(long n) {
        bytes += n;
        long now = nanoClock.getAsLong();
        if (lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(line(bytes, now - start, false));
        }
    }

    /** Draws the final state and ends the line. */
    void finish() {
        draw(line(bytes, nanoClock.getAsLong() - start, true));
        err.print('\n');
        err.flush();
    }

    private void draw(String line) {
        // '\r' returns to the line's start; padding erases what a longer previous line left
        StringBuilder sb = new StringBuilder(columns + 1).append('\r').append(line);
        while (sb.length() < columns) {
            sb.append(' ');
        }
        err.print(sb);
        err.flush();
    }

    /** One line of progress, {@code columns - 1} characters at most so the terminal never wraps it. */
    String line(long done, long elapsedNanos, boolean finished) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String rateText = size(Math.round(rate)) + "/s";
        String text;
        if (total > 0) {
            int percent = (int) Math.min(100, done * 100 / total);
            String tail = "  " + size(done) + " / " + size(total) + "  " + rateText
                    + (finished ? "  in " + duration(seconds) : "  ETA " + eta(done, rate));
            int barWidth = Math.max(10, columns - 1 - 5 - tail.length()); // 5: "100% "
            text = String.format(Locale.ROOT, "%3d%% %s%s", percent, bar(done, barWidth), tail);
        } else {
            text = size(done) + "  " + rateText + (finished ? "  in " + duration(seconds) : "");
        }
        return text.length() >= columns ? text.substring(0, columns - 1) : text;
    }

    private String bar(long done, int width) {
        int inner = width - 2;
        int filled = (int) Math.min(inner, done * inner / total);
        StringBuilder sb = new StringBuilder(width).append('[');
        for (int i = 0; i < inner; i++) {
            sb.append(i < filled - 1 || (i == filled - 1 && done >= total) ? '=' : i == filled - 1 ? '>' : ' ');
        }
        return sb.append(']').toString();
    }

    private String eta(long done, double rate) {
        if (rate <= 0 || done >= total) {
            return "--:--";
        }
        return duration((total - done) / rate);
    }

    /** {@code m:ss}, or {@code h:mm:ss} past an hour. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Bytes in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 3.3 MiB}. */
    static String size(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
