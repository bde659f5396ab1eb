package hyper.api.spi;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds service providers with {@link ServiceLoader}: a name given by the caller or by a system property wins,
 * otherwise the available provider with the highest priority. A provider that fails to load
 * ({@link ServiceConfigurationError}) or reports itself unavailable is skipped, and the reason logged once.
 *
 * <p>Lookups happen here, in {@code hyper.api}, because that module declares the {@code uses} clauses.
 */
public final class Providers {
    private static final Logger LOG = System.getLogger("hyper.spi");
    private static final ConcurrentHashMap<Class<?>, List<? extends HyperProvider>> CACHE = new ConcurrentHashMap<>();
    private static final java.util.Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private Providers() {
    }

    /**
     * Chooses a provider of {@code service}.
     *
     * @param explicitName a name from the caller's options, or null
     * @param property the system property that may name one (it wins over priority, not over {@code explicitName})
     * @throws IllegalStateException when a name was given but no available provider has it, or none is available
     */
    public static <T extends HyperProvider> T select(Class<T> service, String explicitName, String property) {
        String wanted = explicitName != null ? explicitName : System.getProperty(property);
        List<T> all = all(service);
        if (wanted != null && !wanted.isBlank()) {
            String name = wanted.trim().toLowerCase(Locale.ROOT);
            for (T p : all) {
                if (p.name().equals(name)) {
                    Optional<String> why = p.unavailableReason();
                    if (why.isPresent()) {
                        throw new IllegalStateException(service.getSimpleName() + " '" + name
                                + "' was asked for but is unavailable: " + why.get());
                    }
                    return p;
                }
            }
            throw new IllegalStateException("no " + service.getSimpleName() + " named '" + name + "'; found "
                    + names(all) + (explicitName == null ? " (named by -D" + property + ")" : ""));
        }
        for (T p : all) { // sorted by priority, highest first
            Optional<String> why = p.unavailableReason();
            if (why.isEmpty()) {
                return p;
            }
            logOnce(Level.INFO, service.getSimpleName() + " '" + p.name() + "' skipped: " + why.get());
        }
        throw new IllegalStateException("no available " + service.getSimpleName() + " on the module or class path");
    }

    /** Every provider of {@code service} that loaded, highest priority first, available or not. */
    @SuppressWarnings("unchecked")
    public static <T extends HyperProvider> List<T> all(Class<T> service) {
        return (List<T>) CACHE.computeIfAbsent(service, Providers::load);
    }

    private static <T extends HyperProvider> List<T> load(Class<?> raw) {
        @SuppressWarnings("unchecked")
        Class<T> service = (Class<T>) raw;
        List<T> found = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Iterator<T> it = ServiceLoader.load(service, loader != null ? loader : Providers.class.getClassLoader()).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                // a broken provider must not take the others down with it
                logOnce(Level.WARNING, "a " + service.getSimpleName() + " provider failed to load and is skipped: " + e);
            }
        }
        found.sort(Comparator.comparingInt(HyperProvider::priority).reversed());
        return List.copyOf(found);
    }

    private static String names(List<? extends HyperProvider> all) {
        List<String> names = new ArrayList<>();
        for (HyperProvider p : all) {
            names.add(p.name());
        }
        return names.toString();
    }

    private static void logOnce(Level level, String message) {
        if (LOGGED.add(message)) {
            LOG.log(level, message);
        }
    }
}
