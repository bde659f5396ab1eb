package hyper.api.spi;

import java.util.Optional;

/**
 * What every hyper service provider says about itself, so {@link Providers} can choose one.
 *
 * <p>Selection follows SLF4J 2 / Log4j API: a system property naming a provider wins, otherwise the
 * available provider with the highest {@link #priority()}.
 */
public interface HyperProvider {

    /** Short, unique, lower-case name used by system properties and options, e.g. {@code "java"} or {@code "nghttp2"}. */
    String name();

    /** Higher wins when nothing names a provider explicitly. hyper's pure-Java providers use 0. */
    int priority();

    /** Empty when usable; otherwise why not (a native library that failed to load, say). Must not throw. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }
}
