package hyper.api.spi;

/**
 * A named flow-control policy found by {@link java.util.ServiceLoader}: hyper's in {@code hyper.impl}
 * ({@code "seed"}, the seed's {@code FlowControlManager}; {@code "auto"}, the default, which tunes the windows to the
 * bandwidth-delay product), or a user module's ({@code provides hyper.api.spi.FlowControlProvider with ...}).
 *
 * <p>Chosen per connection: a factory in the options wins, then a provider named in the options, then one named
 * by the system property {@value #PROPERTY}, then the available provider with the highest priority.
 */
public interface FlowControlProvider extends HyperProvider, FlowControlFactory {

    /** The system property that names the provider, e.g. {@code -Dhyper.flowcontrol=auto}. */
    String PROPERTY = "hyper.flowcontrol";

    /** The provider {@link Providers} picks for {@code explicitName} (may be null), the property and priorities. */
    static FlowControlProvider select(String explicitName) {
        return Providers.select(FlowControlProvider.class, explicitName, PROPERTY);
    }
}
