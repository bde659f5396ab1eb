package hyper.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * What the output goes to: whether stdout and stderr are terminals (binary bodies are not dumped to one; the
 * progress bar is drawn only on one), and how wide the terminal is. Tests pass their own.
 */
record Terminal(boolean stdoutIsTerminal, boolean stderrIsTerminal, int columns) {
    /** Neither stream is a terminal: output as for a pipe. */
    static final Terminal NONE = new Terminal(false, false, 80);

    /**
     * Asks the JVM. {@link System#console()} is non-null when stdin and stdout are a terminal on JDK 17; from JDK 22
     * it may be non-null anyway, and {@code Console.isTerminal()} tells. stderr cannot be asked from Java: it is
     * taken to be the terminal when stdout is, which is how a command is run interactively.
     */
    static Terminal detect() {
        Console console = System.console();
        boolean tty = console != null && isTerminal(console);
        return new Terminal(tty, tty, terminalColumns());
    }

    private static boolean isTerminal(Console console) {
        try {
            Method m = Console.class.getMethod("isTerminal"); // JDK 22+
            return (Boolean) m.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static int terminalColumns() {
        String env = System.getenv("COLUMNS");
        if (env != null) {
            try {
                int n = Integer.parseInt(env.strip());
                if (n >= 20 && n <= 1000) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // not a number: use the classic width
            }
        }
        return 80;
    }
}
