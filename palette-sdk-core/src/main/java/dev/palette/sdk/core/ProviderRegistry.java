package dev.palette.sdk.core;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.provider.CloudProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The cloud providers an engine can use, by id: the ones handed to the engine's builder, plus (unless
 * turned off) every {@link CloudProvider} found on the class path with {@link ServiceLoader}. A provider
 * given explicitly wins over a discovered one with the same id; two discovered (or two explicit)
 * providers with one id are an error at start-up, naming both classes.
 */
public final class ProviderRegistry {
    private final Map<String, CloudProvider> byId;
    private final List<CloudProvider> discovered;

    private ProviderRegistry(Map<String, CloudProvider> byId, List<CloudProvider> discovered) {
        this.byId = Collections.unmodifiableMap(byId);
        this.discovered = List.copyOf(discovered);
    }

    /**
     * Builds a registry.
     *
     * @param explicit providers handed over by the host
     * @param discover whether to add providers found with {@link ServiceLoader}
     * @param loader the class loader to discover with
     * @return the registry
     * @throws IllegalStateException if two providers of the same origin share an id
     */
    public static ProviderRegistry of(Collection<CloudProvider> explicit, boolean discover, ClassLoader loader) {
        Map<String, CloudProvider> result = new TreeMap<>();
        if (discover) {
            for (CloudProvider p : ServiceLoader.load(CloudProvider.class, loader)) {
                putUnique(result, p, "discovered");
            }
        }
        Map<String, CloudProvider> given = new TreeMap<>();
        for (CloudProvider p : explicit) {
            putUnique(given, p, "given to the builder");
        }
        List<CloudProvider> found = new ArrayList<>(result.values());
        result.putAll(given);
        return new ProviderRegistry(result, found);
    }

    private static void putUnique(Map<String, CloudProvider> map, CloudProvider p, String origin) {
        String id = p.metadata().id();
        CloudProvider earlier = map.putIfAbsent(id, p);
        if (earlier != null) {
            throw new IllegalStateException("two cloud providers " + origin + " have the id '" + id + "': "
                    + earlier.getClass().getName() + " and " + p.getClass().getName());
        }
    }

    /**
     * Every provider, sorted by id.
     *
     * @return the providers
     */
    public List<CloudProvider> all() {
        return List.copyOf(byId.values());
    }

    /**
     * The ids of every provider, sorted.
     *
     * @return the ids
     */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * A provider by id.
     *
     * @param id the provider id
     * @return the provider
     * @throws NotFoundException naming the known ids if there is none with that id
     */
    public CloudProvider get(String id) {
        CloudProvider p = byId.get(id);
        if (p == null) {
            throw new NotFoundException("unknown cloud provider '" + id + "' (known: " + String.join(", ", ids()) + ")");
        }
        return p;
    }

    /**
     * Whether a provider with that id exists.
     *
     * @param id the provider id
     * @return {@code true} if it does
     */
    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    /**
     * Closes the providers this registry discovered (the host closes the ones it handed over), collecting
     * failures.
     */
    void closeDiscovered() {
        List<RuntimeException> failures = new ArrayList<>();
        for (CloudProvider p : discovered) {
            try {
                p.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
