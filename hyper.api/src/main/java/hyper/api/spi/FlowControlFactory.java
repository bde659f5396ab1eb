package hyper.api.spi;

/**
 * Creates the flow-control managers of one connection: one for the connection's window, then one per stream (the
 * seed passes a class for the same reason: "the connection object will spawn instances"). A constructor reference
 * is one: {@code MyManager::new}.
 */
@FunctionalInterface
public interface FlowControlFactory {

    /** A new manager of {@code window}; {@link FlowWindow#streamId()} is 0 for the connection's window. */
    BaseFlowControlManager create(FlowWindow window);

    /**
     * The stream window (our SETTINGS_INITIAL_WINDOW_SIZE) a connection starts with when its options set none. It
     * is also the most one stream buffers while its reader does not read, until the managers raise it. The default
     * is the protocol's 65,535 (RFC 9113 §6.9.2).
     */
    default int defaultInitialWindowSize() {
        return 65_535;
    }

    /**
     * The connection window a connection starts with when its options set none (at least 65,535, which needs no
     * WINDOW_UPDATE at the start). The default is the protocol's 65,535.
     */
    default int defaultConnectionWindowSize() {
        return 65_535;
    }
}
