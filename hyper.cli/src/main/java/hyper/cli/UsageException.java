package hyper.cli;

/** The command line is wrong: the message says what and how to fix it; the command exits with {@link Main#USAGE}. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
