package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.Pack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Stream;

/**
 * Packs by name and version: filled by hand or from a folder of pack folders. Looking up a missing pack
 * or version fails with a message that names what exists.
 */
public final class PackCatalog {
    /** Orders versions the way people read them: 1.9 before 1.10, 1.27.5 before 1.33.6. */
    public static final Comparator<String> VERSION_ORDER = PackCatalog::compareVersions;

    private final Map<String, ConcurrentSkipListMap<String, Pack>> packs = new ConcurrentHashMap<>();

    /** An empty catalog. */
    public PackCatalog() {
    }

    /**
     * A catalog of every pack folder (a folder holding a {@code pack.json}) directly under a folder.
     *
     * @param root the folder of pack folders (a directory, or one inside a zip/jar file system)
     * @return the catalog
     * @throws ValidationException listing every pack that failed to load, with its file and line
     */
    public static PackCatalog fromDirectory(Path root) {
        PackCatalog catalog = new PackCatalog();
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
        packs.computeIfAbsent(pack.name(), k -> new ConcurrentSkipListMap<>(VERSION_ORDER)).put(pack.version(), pack);
        return this;
    }

    /**
     * A pack by name and exact version.
     *
     * @param name the pack name
     * @param version the version
     * @return the pack
     * @throws NotFoundException naming the versions (or packs) that exist
     */
    public Pack get(String name, String version) {
        ConcurrentSkipListMap<String, Pack> versions = packs.get(name);
        if (versions == null) {
            throw new NotFoundException("pack '" + name + "' not found; available packs: " + String.join(", ", new TreeMap<>(packs).keySet()));
        }
        Pack p = versions.get(version);
        if (p == null) {
            throw new NotFoundException("pack '" + name + "' version " + version + " not found; available: "
                    + String.join(", ", versions.keySet()));
        }
        return p;
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

    static int compareVersions(String a, String b) {
        String[] x = a.split("[.\\-+]");
        String[] y = b.split("[.\\-+]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "";
            String q = i < y.length ? y[i] : "";
            boolean pn = p.matches("\\d+");
            boolean qn = q.matches("\\d+");
            int c;
            if (pn && qn) {
                c = new java.math.BigInteger(p).compareTo(new java.math.BigInteger(q));
            } else if (p.isEmpty() || q.isEmpty()) {
                c = p.isEmpty() ? (qn ? -1 : 1) : (pn ? 1 : -1); // 1.0 < 1.0.1, but 1.0-rc1 < 1.0
            } else {
                c = p.compareTo(q);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
