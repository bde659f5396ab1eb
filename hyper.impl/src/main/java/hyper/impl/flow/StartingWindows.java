package hyper.impl.flow;

import hyper.api.ConnectionOptions;
import hyper.api.spi.FlowControlFactory;
import hyper.api.spi.FlowControlProvider;

/**
 * A connection's flow-control policy and the receive windows it starts with: the sizes set in the options, else the
 * policy's defaults ({@link FlowControlFactory#defaultInitialWindowSize()}). One place decides, so the h2c upgrade's
 * HTTP2-Settings and the connection's first SETTINGS carry the same value.
 *
 * @param policy the factory of the connection's window managers
 * @param stream our SETTINGS_INITIAL_WINDOW_SIZE
 * @param connection the connection's receive window (65,535 or more)
 */
public record StartingWindows(FlowControlFactory policy, int stream, int connection) {
    private static final int PROTOCOL_DEFAULT_WINDOW = 65_535;

    /**
     * The policy {@code options} choose (a factory, else a provider by name, property or priority) and its windows.
     *
     * @throws IllegalArgumentException the policy's default sizes are out of range (a bug in the policy)
     */
    public static StartingWindows of(ConnectionOptions options) {
        FlowControlFactory policy = options.flowControl() != null ? options.flowControl()
                : FlowControlProvider.select(options.flowControlProvider());
        int stream = options.initialWindowSize() != ConnectionOptions.POLICY_DEFAULT ? options.initialWindowSize()
                : check(policy, "defaultInitialWindowSize", policy.defaultInitialWindowSize(), 0);
        int connection = options.connectionWindowSize() != ConnectionOptions.POLICY_DEFAULT ? options.connectionWindowSize()
                : check(policy, "defaultConnectionWindowSize", policy.defaultConnectionWindowSize(), PROTOCOL_DEFAULT_WINDOW);
        return new StartingWindows(policy, stream, connection);
    }

    private static int check(FlowControlFactory policy, String method, int value, int min) {
        if (value < min) { // at most 2^31-1 holds for any int (§6.9.2)
            throw new IllegalArgumentException("the flow-control policy " + policy.getClass().getName() + "'s " + method
                    + "() returned " + value + ", below " + min);
        }
        return value;
    }
}
