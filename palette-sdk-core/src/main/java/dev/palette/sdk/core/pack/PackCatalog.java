package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * A {@link PackRegistry} held in memory: filled by hand, or from a folder of pack folders (the
 * directory-backed registry). Looking up a missing pack or version fails with a message that names what
 * exists.
 */
public final class PackCatalog implements PackRegistry {

    private final Map<String, ConcurrentSkipListMap<String, Pack>> packs = new ConcurrentHashMap<>();
    private final String name;

    /** An empty catalog named {@code memory}. */
    public PackCatalog() {
        this("memory");
    }

    /**
     * An empty catalog.
     *
     * @param name the registry name
     */
    public PackCatalog(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> packNames() {
        return new TreeSet<>(packs.keySet());
    }

    @Override
    public List<String> versions(String packName) {
        ConcurrentSkipListMap<String, Pack> v = packs.get(packName);
        return v == null ? List.of() : List.copyOf(v.keySet());
    }

    @Override
    public Optional<Pack> get(String packName, String version) {
        ConcurrentSkipListMap<String, Pack> v = packs.get(packName);
        return v == null ? Optional.empty() : Optional.ofNullable(v.get(version));
    }

    /**
     * A catalog of every pack folder (a folder holding a {@code pack.json}) directly under a folder.
     *
     * @param root the folder of pack folders (a directory, or one inside a zip/jar file system)
     * @return the catalog
     * @throws ValidationException listing every pack that failed to load, with its file and line
     */
    public static PackCatalog fromDirectory(Path root) {
        PackCatalog catalog = new PackCatalog(root.toString());
        List<Violation> problems = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.sorted().toList()) {
                if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("pack.json"))) {
                    continue;
                }
                try {
                    catalog.add(PackReader.read(dir));
                } catch (ValidationException e) {
                    problems.addAll(e.violations());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list packs in " + root, e);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return catalog;
    }

    /**
     * Adds (or replaces) a pack.
     *
     * @param pack the pack
     * @return this catalog
     */
    public PackCatalog add(Pack pack) {
        packs.computeIfAbsent(pack.name(), k -> new ConcurrentSkipListMap<>(VersionRange.ORDER)).put(pack.version(), pack);
        return this;
    }

    /**
     * A pack by name and version or range.
     *
     * @param name the pack name
     * @param version the version, or a range such as {@code 1.27.x}
     * @return the pack
     * @throws NotFoundException naming the versions (or packs) that exist
     */
    public Pack require(String name, String version) {
        return new PackRegistries(List.of(this)).resolve(name, version);
    }

    /**
     * The highest version of a pack.
     *
     * @param name the pack name
     * @return the pack, if any version exists
     */
    public Optional<Pack> latest(String name) {
        ConcurrentSkipListMap<String, Pack> versions = packs.get(name);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    /**
     * Every pack, by name then version.
     *
     * @return the packs
     */
    public List<Pack> all() {
        List<Pack> out = new ArrayList<>();
        new TreeMap<>(packs).values().forEach(v -> out.addAll(v.values()));
        return out;
    }
}
