package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ChartReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.pack.internal.OsImages;
import dev.palette.sdk.core.pack.internal.PackFiles;
import dev.palette.sdk.core.pack.internal.PackJson;
import dev.palette.sdk.core.pack.internal.SourceTree;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pack folder as packs are really published:
 * <ul>
 *   <li>{@code pack.json} with trailing commas, comments and odd white space; the folder's name may differ
 *       from the pack's name; {@code displayName}, {@code cloudTypes} and the lists are optional;</li>
 *   <li>{@code values.yaml}, which may be empty or missing;</li>
 *   <li>{@code schema.yaml} (Palette's schema expressions, or a JSON Schema), which may be empty;</li>
 *   <li>the manifest files {@code kubeManifests} lists, and the chart archives {@code charts} lists
 *       (referenced by path; a listed file that is absent is kept as a reference with no content);</li>
 *   <li>OS packs: image references per cloud from the annotations (see {@link Pack#images()}),
 *       {@code ansibleRoles}, and {@code skipK8sInstall} ({@code "true"}/{@code "false"});</li>
 *   <li>{@code presets.yaml} is not read.</li>
 * </ul>
 * A pack that cannot load fails with a {@link ValidationException} listing every problem at once, each
 * located by {@code folder/file:line:column}, e.g. {@code my-pack-1.0.0/pack.json:1:1: missing "name"}.
 */
public final class PackReader {
    private static final Pattern CHART_FILE = Pattern.compile("^(.+?)-(v?\\d[\\w.+-]*)$");

    private PackReader() {
    }

    /**
     * Reads a pack folder (a directory, or a folder inside a zip/jar file system).
     *
     * @param dir the folder
     * @return the pack
     * @throws ValidationException with every problem, located by file, line and column
     * @throws UncheckedIOException if a file exists but cannot be read
     */
    public static Pack read(Path dir) {
        return read(dir, null, null, null);
    }

    /**
     * Reads a pack folder whose name, version or layer the caller knows: a values-only pack published
     * without {@code pack.json} (as the values of a profile's pack often are), or a {@code pack.json} that
     * lacks them. What {@code pack.json} says wins; the given values fill what it lacks.
     *
     * @param dir the folder
     * @param name the pack name, or {@code null}
     * @param version the version, or {@code null}
     * @param layer the layer, or {@code null}
     * @return the pack
     * @throws ValidationException with every problem, located by file, line and column
     * @throws UncheckedIOException if a file exists but cannot be read
     */
    public static Pack read(Path dir, String name, String version, Layer layer) {
        String folder = PackFiles.folderName(dir);
        List<Violation> problems = new ArrayList<>();
        boolean identified = name != null && version != null && layer != null;

        String packJsonName = folder + "/pack.json";
        Optional<String> packJsonText = PackFiles.text(dir.resolve("pack.json"), packJsonName, problems);
        PackJson json = null;
        if (packJsonText.isPresent()) {
            try {
                json = new PackJson(SourceTree.parse(packJsonName, packJsonText.get(), SourceTree.Syntax.JSON), problems);
            } catch (ValidationException e) {
                problems.addAll(e.violations());
            }
        } else if (!Files.exists(dir.resolve("pack.json")) && !identified) {
            problems.add(Violation.of(packJsonName, "missing; a pack folder needs a pack.json (or, for a values-only "
                    + "pack, the caller must supply its name, version and layer)"));
        }

        String valuesYaml = PackFiles.text(dir.resolve("values.yaml"), folder + "/values.yaml", problems).orElse("");
        Map<String, Object> values = Map.of();
        try {
            values = ValuesYaml.parse(folder + "/values.yaml", valuesYaml);
        } catch (ValidationException e) {
            problems.addAll(e.violations());
        }

        String schemaFile = folder + "/schema.yaml";
        String schema = PackFiles.text(dir.resolve("schema.yaml"), schemaFile, problems).orElse("");
        if (schema.isBlank()) {
            schemaFile = folder + "/schema.json";
            schema = PackFiles.text(dir.resolve("schema.json"), schemaFile, problems).orElse("");
        }
        if (!schema.isBlank()) {
            try {
                PackSchema.parse(schemaFile, schema);
            } catch (ValidationException e) {
                problems.addAll(e.violations());
            }
        }

        Pack.Builder b = Pack.builder().valuesYaml(valuesYaml).values(values).schema(schema.isBlank() ? null : schema);
        Layer packLayer = layer;
        if (json != null) {
            String packName = json.text("name", true, name);
            String packVersion = json.text("version", true, version);
            packLayer = json.layer(layer);
            b.name(packName).version(packVersion).layer(packLayer).displayName(json.text("displayName", false, null));
            List<String> cloudTypes = json.strings("cloudTypes");
            Map<String, String> annotations = json.annotations();
            b.cloudTypes(cloudTypes).annotations(annotations).ansibleRoles(json.strings("ansibleRoles"));
            b.skipK8sInstall(skipK8sInstall(annotations, json, problems));
            for (String m : json.strings("kubeManifests")) {
                manifest(dir, folder, m, json, problems).ifPresent(b::addManifest);
            }
            for (String c : json.strings("charts")) {
                b.addChart(chart(c));
            }
            if (packLayer == Layer.OS) {
                b.images(OsImages.of(annotations, cloudTypes));
            }
        } else {
            b.name(name).version(version).layer(layer);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return b.build();
    }

    /**
     * Parses values YAML; empty text (or only comments) gives an empty tree. Same as
     * {@link ValuesYaml#parse(String)}.
     *
     * @param yaml the YAML text
     * @return the tree
     * @throws ValidationException if the YAML is malformed or not a mapping
     */
    public static Map<String, Object> parseValues(String yaml) {
        return ValuesYaml.parse(yaml);
    }

    private static boolean skipK8sInstall(Map<String, String> annotations, PackJson json, List<Violation> problems) {
        String v = annotations.getOrDefault("skipK8sInstall", "false").trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (!v.equals("false") && !v.isEmpty()) {
            problems.add(Violation.of(json.at("annotations.skipK8sInstall"),
                    "annotations.skipK8sInstall: must be \"true\" or \"false\", not '" + v + "'"));
        }
        return false;
    }

    private static Optional<Manifest> manifest(Path dir, String folder, String name, PackJson json, List<Violation> problems) {
        Path file = dir.resolve(name).normalize();
        if (Path.of(name).isAbsolute() || name.startsWith("/") || !file.startsWith(dir.normalize())) {
            problems.add(Violation.of(json.at("kubeManifests"), "kubeManifests: '" + name + "' is outside the pack folder"));
            return Optional.empty();
        }
        String content = PackFiles.text(file, folder + "/" + name, problems).orElse("");
        return Optional.of(new Manifest(name, content));
    }

    /** {@code charts/antrea-1.9.0.tgz} is chart antrea 1.9.0; {@code tigera-operator-v3.31.2.tgz} is tigera-operator v3.31.2. */
    static ChartReference chart(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.(tgz|tar\\.gz)$", "");
        Matcher m = CHART_FILE.matcher(file);
        return m.matches() ? new ChartReference(path, m.group(1), m.group(2)) : new ChartReference(path, file, "");
    }
}
