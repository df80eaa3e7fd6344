package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The pack registries a host configures, in order of preference (a private registry first, say):
 * a pack is taken from the first registry that has a version in the requested range, the highest
 * such version.
 */
public final class PackRegistries {
    private final List<PackRegistry> registries;

    /**
     * Registries in order of preference.
     *
     * @param registries the registries
     */
    public PackRegistries(List<PackRegistry> registries) {
        this.registries = List.copyOf(registries);
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
     * @param versionOrRange an exact version or a range ({@code 1.27.x}, {@code ^1.27.0}, {@code >=1.27 <1.29})
     * @return the highest matching version of the first registry that has one
     * @throws NotFoundException naming the versions (or packs) that exist
     */
    public Pack resolve(String name, String versionOrRange) {
        VersionRange range = VersionRange.parse(versionOrRange);
        List<String> seen = new ArrayList<>();
        for (PackRegistry r : registries) {
            List<String> versions = r.versions(name);
            String best = range.highest(versions);
            if (best != null) {
                return r.get(name, best).orElseThrow(() -> new NotFoundException(
                        "registry '" + r.name() + "' listed " + name + " " + best + " but could not return it"));
            }
            versions.forEach(v -> seen.add(v + (registries.size() > 1 ? " (" + r.name() + ")" : "")));
        }
        if (seen.isEmpty()) {
            TreeSet<String> names = new TreeSet<>();
            registries.forEach(r -> names.addAll(r.packNames()));
            throw new NotFoundException("pack '" + name + "' not found; available packs: " + String.join(", ", names));
        }
        throw new NotFoundException("pack '" + name + "' version " + versionOrRange + " not found; available: "
                + String.join(", ", seen));
    }
}
