package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.registry.PackRegistry;
import dev.palette.sdk.core.pack.internal.PackFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link PackRegistry} of the pack folders directly under one folder: a directory on disk, a folder in
 * a zip or jar file system, or a resource folder on the class path (packs shipped inside a jar). Every
 * pack is read once, when the registry is opened; a folder holding a {@code pack.json} or a
 * {@code values.yaml} is a pack folder, other entries are ignored. Packs are known by the name and version
 * in their {@code pack.json}, whatever their folder is called.
 */
public final class DirectoryPackRegistry implements PackRegistry {
    private final InMemoryPackRegistry packs;
    private final String location;
    /** Chart archives by pack coordinates and chart path, read when the registry is opened (a jar is not kept open). */
    private final Map<String, byte[]> charts;

    private DirectoryPackRegistry(InMemoryPackRegistry packs, String location, Map<String, byte[]> charts) {
        this.packs = packs;
        this.location = location;
        this.charts = Map.copyOf(charts);
    }

    /**
     * Opens a folder of pack folders, named after the folder.
     *
     * @param root the folder (any file system)
     * @return the registry
     * @throws ValidationException listing every pack folder that failed to load (file, line, problem), and
     *     every name and version found in two folders
     * @throws UncheckedIOException if the folder cannot be listed
     */
    public static DirectoryPackRegistry open(Path root) {
        return open(PackFiles.folderName(root), root);
    }

    /**
     * Opens a folder of pack folders.
     *
     * @param name the registry name
     * @param root the folder (any file system)
     * @return the registry
     * @throws ValidationException listing every pack folder that failed to load, and every duplicate
     * @throws UncheckedIOException if the folder cannot be listed
     */
    public static DirectoryPackRegistry open(String name, Path root) {
        InMemoryPackRegistry packs = new InMemoryPackRegistry(name);
        List<Violation> problems = new ArrayList<>();
        Map<String, String> seen = new java.util.HashMap<>();
        Map<String, byte[]> charts = new java.util.HashMap<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : children.sorted().toList()) {
                if (!Files.isDirectory(dir) || !(Files.exists(dir.resolve("pack.json")) || Files.exists(dir.resolve("values.yaml")))) {
                    continue;
                }
                try {
                    Pack p = PackReader.read(dir);
                    String folder = PackFiles.folderName(dir);
                    String previous = seen.putIfAbsent(p.coordinates(), folder);
                    if (previous != null) {
                        problems.add(Violation.of(folder + "/pack.json", p.coordinates() + " is also in folder " + previous));
                    } else {
                        packs.add(p);
                        for (dev.palette.sdk.api.model.ChartReference c : p.charts()) {
                            Path archive = dir.resolve(c.path()).normalize();
                            if (archive.startsWith(dir) && Files.isRegularFile(archive)) {
                                charts.put(p.coordinates() + "/" + c.path(), Files.readAllBytes(archive));
                            }
                        }
                    }
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
        return new DirectoryPackRegistry(packs, root.toUri().toString(), charts);
    }

    /**
     * Opens a resource folder of pack folders on the class path, whether it is a directory (as in a build)
     * or inside a jar. A jar's file system is opened only while reading.
     *
     * @param name the registry name
     * @param resourceFolder the folder, e.g. {@code dev/palette/sdk/samples/packs}
     * @param loader the class loader to look in
     * @return the registry
     * @throws IllegalArgumentException if the folder is not on the class path
     * @throws ValidationException listing every pack folder that failed to load
     */
    public static DirectoryPackRegistry fromClasspath(String name, String resourceFolder, ClassLoader loader) {
        String folder = resourceFolder.startsWith("/") ? resourceFolder.substring(1) : resourceFolder;
        URL url = loader.getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException("resource folder " + folder + " is not on the class path");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return open(name, Path.of(uri));
            }
            try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                return open(name, fs.getPath("/" + folder));
            } catch (FileSystemAlreadyExistsException e) {
                // the host opened this jar itself: read through its file system and leave it open
                return open(name, FileSystems.getFileSystem(uri).getPath("/" + folder));
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad resource URL " + url, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + url, e);
        }
    }

    /**
     * Where the packs were read from.
     *
     * @return the folder's URI
     */
    public String location() {
        return location;
    }

    @Override
    public String name() {
        return packs.name();
    }

    @Override
    public Set<String> packNames() {
        return packs.packNames();
    }

    @Override
    public List<String> versions(String packName) {
        return packs.versions(packName);
    }

    @Override
    public Optional<Pack> get(String packName, String version) {
        return packs.get(packName, version);
    }

    /**
     * The archive of one of a pack's charts, read from the pack's folder when the registry was opened.
     *
     * @param pack the pack
     * @param chart the chart
     * @return the bytes, if the pack's folder had the file
     */
    @Override
    public Optional<byte[]> chartArchive(Pack pack, dev.palette.sdk.api.model.ChartReference chart) {
        return Optional.ofNullable(charts.get(pack.coordinates() + "/" + chart.path())).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "DirectoryPackRegistry[" + name() + " at " + location + "]";
    }
}
