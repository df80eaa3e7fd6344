package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pack registries a host configures, in order of preference (a private registry first, then a
 * public one, say), seen as one registry. A pack is looked up by name and an exact version or a range
 * ({@link VersionRange}): the first registry that has a version in the range gives its highest such
 * version. A lookup that finds nothing fails with a message naming what exists:
 * {@code kubernetes 1.40.0 not found; available: 1.27.5, 1.33.6}. Immutable and thread-safe when its
 * registries are.
 */
public final class PackRegistries implements PackRegistry {
    private static final int MAX_NAMES_SHOWN = 20;

    private final List<PackRegistry> registries;

    /**
     * Registries in order of preference.
     *
     * @param registries the registries
     */
    public PackRegistries(List<? extends PackRegistry> registries) {
        this.registries = List.copyOf(registries);
    }

    /**
     * Registries in order of preference.
     *
     * @param registries the registries
     * @return the set
     */
    public static PackRegistries of(PackRegistry... registries) {
        return new PackRegistries(List.of(registries));
    }

    /**
     * This set with one more registry, consulted after the others.
     *
     * @param registry the registry
     * @return a new set
     */
    public PackRegistries with(PackRegistry registry) {
        List<PackRegistry> all = new ArrayList<>(registries);
        all.add(registry);
        return new PackRegistries(all);
    }

    /**
     * The registries, in order of preference.
     *
     * @return the registries
     */
    public List<PackRegistry> registries() {
        return registries;
    }

    /**
     * Finds a pack by name and version or range.
     *
     * @param name the pack name
     * @param versionOrRange an exact version or a range ({@code 1.27.x}, {@code ^1.27.0}, {@code ~1.27.0},
     *     {@code >=1.27.0 <1.29.0})
     * @return the highest matching version of the first registry that has one
     * @throws NotFoundException naming the versions (or the packs) that exist
     * @throws dev.palette.sdk.api.error.ValidationException if the range is malformed
     */
    public Pack find(String name, String versionOrRange) {
        return find(name, versionOrRange, null);
    }

    /**
     * Finds a pack by name and version or range, looking first in the registry a profile names for it
     * (when this set has a registry of that name), then in the others in order.
     *
     * @param name the pack name
     * @param versionOrRange an exact version or a range
     * @param preferredRegistry the registry name a profile gives for the pack; {@code null} or empty for none
     * @return the pack
     * @throws NotFoundException naming the versions (or the packs) that exist
     * @throws dev.palette.sdk.api.error.ValidationException if the range is malformed
     */
    public Pack find(String name, String versionOrRange, String preferredRegistry) {
        VersionRange range = VersionRange.parse(versionOrRange);
        List<PackRegistry> order = new ArrayList<>(registries);
        if (preferredRegistry != null && !preferredRegistry.isEmpty()) {
            order.stream().filter(r -> r.name().equals(preferredRegistry)).findFirst().ifPresent(r -> {
                order.remove(r);
                order.add(0, r);
            });
        }
        List<String> seen = new ArrayList<>();
        for (PackRegistry r : order) {
            List<String> versions = r.versions(name);
            Optional<String> best = range.highest(versions);
            if (best.isPresent()) {
                return r.get(name, best.get()).orElseThrow(() -> new NotFoundException(
                        "registry '" + r.name() + "' lists " + name + " " + best.get() + " but could not return it"));
            }
            for (String v : versions) {
                seen.add(registries.size() > 1 ? v + " (" + r.name() + ")" : v);
            }
        }
        if (seen.isEmpty()) {
            Set<String> names = new TreeSet<>();
            registries.forEach(r -> names.addAll(r.packNames()));
            List<String> shown = names.stream().limit(MAX_NAMES_SHOWN).toList();
            String more = names.size() > shown.size() ? " and " + (names.size() - shown.size()) + " more" : "";
            throw new NotFoundException("pack '" + name + "' not found in " + describe() + "; available packs: "
                    + (names.isEmpty() ? "none" : String.join(", ", shown) + more));
        }
        throw new NotFoundException(name + " " + versionOrRange.trim() + " not found; available: " + String.join(", ", seen));
    }

    private String describe() {
        if (registries.isEmpty()) {
            return "no registry";
        }
        List<String> names = registries.stream().map(r -> "'" + r.name() + "'").toList();
        return (names.size() == 1 ? "registry " : "registries ") + String.join(", ", names);
    }

    /**
     * {@code registries}, or the one registry's name when there is one.
     *
     * @return the name
     */
    @Override
    public String name() {
        return registries.size() == 1 ? registries.get(0).name() : "registries";
    }

    @Override
    public Set<String> packNames() {
        Set<String> names = new TreeSet<>();
        registries.forEach(r -> names.addAll(r.packNames()));
        return names;
    }

    /**
     * Every version any registry has, lowest first, each once.
     *
     * @param packName the pack name
     * @return the versions
     */
    @Override
    public List<String> versions(String packName) {
        Set<String> all = new TreeSet<>(VersionRange.ORDER);
        registries.forEach(r -> all.addAll(r.versions(packName)));
        return List.copyOf(all);
    }

    /**
     * The exact version from the first registry that has it.
     *
     * @param packName the pack name
     * @param version the exact version
     * @return the pack, if any registry has it
     */
    @Override
    public Optional<Pack> get(String packName, String version) {
        for (PackRegistry r : registries) {
            Optional<Pack> p = r.get(packName, version);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }
}
