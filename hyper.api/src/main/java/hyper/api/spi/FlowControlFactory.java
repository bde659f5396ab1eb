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
}
