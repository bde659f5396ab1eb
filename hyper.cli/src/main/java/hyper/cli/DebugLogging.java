package hyper.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * {@code --debug}: shows hyper's DEBUG and TRACE logging on stderr (seed §3.2.2). hyper logs through
 * {@link System.Logger} under the names {@code hyper.*} (frames under {@code hyper.http2}, HPACK table changes under
 * {@code hyper.hpack}); without a logging library that is java.util.logging, whose DEBUG is FINE and TRACE FINER,
 * both hidden by the default INFO threshold. This opens the {@code hyper} logger to ALL and gives it a handler
 * on stderr with one compact line per record.
 */
final class DebugLogging implements AutoCloseable {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private final Logger logger = Logger.getLogger("hyper");
    private final Level previousLevel;
    private final boolean previousUseParent;
    private final Handler handler;

    private DebugLogging(PrintStream err) {
        long start = System.nanoTime();
        previousLevel = logger.getLevel();
        previousUseParent = logger.getUseParentHandlers();
        handler = new StreamHandler(err, new Formatter() {
            @Override
            public String format(LogRecord r) {
                StringBuilder sb = new StringBuilder(128);
                sb.append('[').append(String.format("%6.1f", (System.nanoTime() - start) / 1e6)).append(" ms] ")
                        .append(levelName(r.getLevel())).append(' ').append(r.getLoggerName()).append(": ")
                        .append(formatMessage(r)).append('\n');
                if (r.getThrown() != null) {
                    sb.append("    ").append(r.getThrown()).append('\n');
                }
                return sb.toString();
            }
        }) {
            @Override
            public void publish(LogRecord r) {
                super.publish(r);
                flush(); // interleave with the command's own stderr lines in order
            }

            @Override
            public void close() {
                flush(); // never close the stream: it is the command's stderr
            }
        };
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false); // no second copy through the root ConsoleHandler
        logger.addHandler(handler);
    }

    /** Turns debug logging on until {@link #close()}. */
    static DebugLogging enable(PrintStream err) {
        return new DebugLogging(err);
    }

    /** The System.Logger name of a java.util.logging level, as the user asked for DEBUG. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** Restores the logger as it was (in-process runs, such as the tests, share the JVM's logging). */
    @Override
    public void close() {
        handler.flush();
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParent);
    }
}
