package hyper.api;

/** A bounded wait ran out: connecting, reading, waiting for a stream slot or for flow-control credit. */
public class HyperTimeoutException extends HyperException {
    private static final long serialVersionUID = 1L;

    public HyperTimeoutException(String message) {
        super(message);
    }
}
