package dev.palette.sdk.api.registry;

import dev.palette.sdk.api.model.Pack;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A source of packs by name and version: a folder of pack folders, packs held in memory, or a host's
 * private registry behind its own API. Implementations must be thread-safe.
 */
public interface PackRegistry {

    /**
     * The registry's name, used in messages and in {@code Pack.registry}.
     *
     * @return the name
     */
    String name();

    /**
     * The pack names this registry has.
     *
     * @return the names
     */
    Set<String> packNames();

    /**
     * The versions of a pack this registry has, lowest first.
     *
     * @param packName the pack name
     * @return the versions; empty if the registry lacks the pack
     */
    List<String> versions(String packName);

    /**
     * A pack by name and exact version.
     *
     * @param packName the pack name
     * @param version the version
     * @return the pack, if the registry has it
     */
    Optional<Pack> get(String packName, String version);

    /**
     * The archive ({@code .tgz}) of one of a pack's Helm charts, as the pack lists it. The default, for
     * registries that hold no chart files, is none.
     *
     * @param pack the pack, as this registry gave it
     * @param chart one of its charts
     * @return the archive's bytes, if this registry has them
     */
    default Optional<byte[]> chartArchive(Pack pack, dev.palette.sdk.api.model.ChartReference chart) {
        return Optional.empty();
    }
}
