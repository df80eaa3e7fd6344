package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link PackRegistry} held in memory, filled by the host. Thread-safe; packs may be added while others
 * read. A pack added here is marked as coming from this registry ({@link Pack#registry()}).
 */
public final class InMemoryPackRegistry implements PackRegistry {
    private final String name;
    private final Map<String, ConcurrentSkipListMap<String, Pack>> packs = new ConcurrentHashMap<>();

    /**
     * An empty registry.
     *
     * @param name the registry name, used in messages and in {@link Pack#registry()}
     */
    public InMemoryPackRegistry(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * A registry holding some packs.
     *
     * @param name the registry name
     * @param packs the packs
     * @return the registry
     */
    public static InMemoryPackRegistry of(String name, Collection<Pack> packs) {
        InMemoryPackRegistry r = new InMemoryPackRegistry(name);
        packs.forEach(r::add);
        return r;
    }

    /**
     * Adds a pack, replacing one of the same name and version.
     *
     * @param pack the pack
     * @return this registry
     */
    public InMemoryPackRegistry add(Pack pack) {
        Pack own = pack.registry().equals(name) ? pack : pack.toBuilder().registry(name).build();
        packs.computeIfAbsent(pack.name(), k -> new ConcurrentSkipListMap<>(VersionRange.ORDER)).put(pack.version(), own);
        return this;
    }

    /**
     * Removes a pack version.
     *
     * @param packName the pack name
     * @param version the version
     * @return whether it was there
     */
    public boolean remove(String packName, String version) {
        ConcurrentSkipListMap<String, Pack> v = packs.get(packName);
        return v != null && v.remove(version) != null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> packNames() {
        Set<String> out = new TreeSet<>();
        packs.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.add(k);
            }
        });
        return out;
    }

    @Override
    public List<String> versions(String packName) {
        ConcurrentSkipListMap<String, Pack> v = packs.get(packName);
        return v == null ? List.of() : List.copyOf(v.keySet());
    }

    @Override
    public Optional<Pack> get(String packName, String version) {
        ConcurrentSkipListMap<String, Pack> v = packs.get(packName);
        return v == null || version == null ? Optional.empty() : Optional.ofNullable(v.get(version));
    }

    @Override
    public String toString() {
        return "InMemoryPackRegistry[" + name + "]";
    }
}
