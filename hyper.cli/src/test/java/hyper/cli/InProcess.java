package hyper.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command in this JVM through {@link Main#run(String[], PrintStream, PrintStream, Terminal)}. */
final class InProcess {
    private InProcess() {
    }

    /** What a run left: the exit status, stdout (as text and as octets) and stderr. */
    record Run(int status, String out, byte[] outBytes, String err) {
    }

    /** Runs with stdout and stderr taken for pipes. */
    static Run run(String... args) {
        return run(Terminal.NONE, args);
    }

    static Run run(Terminal terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
        return new Run(status, out.toString(StandardCharsets.UTF_8), out.toByteArray(),
                err.toString(StandardCharsets.UTF_8));
    }
}
