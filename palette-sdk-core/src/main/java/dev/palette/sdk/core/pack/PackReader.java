package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ChartReference;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Manifest;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.pack.internal.PackMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a pack folder as packs are published: {@code pack.json} (trailing commas and comments allowed),
 * {@code values.yaml} (may be empty), optional {@code schema.yaml}, and the manifests it lists. A pack
 * that cannot be read fails with a {@link ValidationException} whose paths name the file, line and
 * column, listing every problem found.
 *
 * <p>OS packs: image references come from the annotations, per cloud: {@code imageId} +
 * {@code cloudRegion} (+ {@code imageOwner}) for AWS, {@code imagePublisher}/{@code imageOffer}/
 * {@code imageSKU} for Azure, {@code ovaUrl} (or {@code imageId}) for vSphere and other clouds; and
 * {@code skipK8sInstall} ("true"/"false").
 */
public final class PackReader {
    private PackReader() {
    }

    /**
     * Reads a pack folder (a plain directory, or a directory inside a zip/jar file system).
     *
     * @param dir the folder
     * @return the pack
     * @throws ValidationException with every problem, located by file, line and column
     * @throws UncheckedIOException if a file exists but cannot be read
     */
    public static Pack read(Path dir) {
        String folder = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString().replace("/", "");
        Path packJson = dir.resolve("pack.json");
        List<Violation> problems = new ArrayList<>();
        Map<String, Object> json = Map.of();
        if (!Files.exists(packJson)) {
            problems.add(Violation.of(folder + "/pack.json", "missing"));
        } else {
            try {
                json = PackMappers.JSON.readValue(text(packJson), new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (JsonProcessingException e) {
                problems.add(Violation.of(PackMappers.location(folder + "/pack.json", e), PackMappers.reason(e)));
            }
        }
        String valuesYaml = Files.exists(dir.resolve("values.yaml")) ? text(dir.resolve("values.yaml")) : "";
        Map<String, Object> values = Map.of();
        try {
            values = parseValues(valuesYaml);
        } catch (JsonProcessingException e) {
            problems.add(Violation.of(PackMappers.location(folder + "/values.yaml", e), PackMappers.reason(e)));
        }
        String name = string(json, "name");
        String version = string(json, "version");
        String layerName = string(json, "layer");
        Layer layer = null;
        boolean parsed = Files.exists(packJson) && problems.stream().noneMatch(v -> v.path().startsWith(folder + "/pack.json"));
        if (parsed) {
            if (name.isEmpty()) {
                problems.add(Violation.of(folder + "/pack.json", "missing \"name\""));
            }
            if (version.isEmpty()) {
                problems.add(Violation.of(folder + "/pack.json", "missing \"version\""));
            }
            if (layerName.isEmpty()) {
                problems.add(Violation.of(folder + "/pack.json", "missing \"layer\" (one of os, k8s, cni, csi, addon)"));
            } else {
                try {
                    layer = Layer.fromPackJsonName(layerName);
                } catch (IllegalArgumentException e) {
                    problems.add(Violation.of(folder + "/pack.json", e.getMessage()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Map<String, String> annotations = annotations(json.get("annotations"));
        List<String> cloudTypes = strings(json.get("cloudTypes"));
        Pack.Builder b = Pack.builder().name(name).version(version).layer(layer).displayName(string(json, "displayName"))
                .cloudTypes(cloudTypes).annotations(annotations).valuesYaml(valuesYaml).values(values)
                .ansibleRoles(strings(json.get("ansibleRoles")))
                .skipK8sInstall("true".equalsIgnoreCase(annotations.getOrDefault("skipK8sInstall", "false")));
        if (Files.exists(dir.resolve("schema.yaml"))) {
            String schema = text(dir.resolve("schema.yaml"));
            PackSchema.parse(folder + "/schema.yaml", schema); // a malformed schema fails here, with its line
            b.schema(schema.isBlank() ? null : schema);
        }
        for (String m : strings(json.get("kubeManifests"))) {
            Path file = dir.resolve(m);
            b.addManifest(new Manifest(m, Files.exists(file) ? text(file) : ""));
        }
        for (String c : strings(json.get("charts"))) {
            b.addChart(chart(c));
        }
        if (layer == Layer.OS) {
            images(annotations, cloudTypes).forEach(b::addImage);
        }
        return b.build();
    }

    /**
     * Parses values YAML; empty text (or only comments) gives an empty tree.
     *
     * @param yaml the YAML text
     * @return the tree
     * @throws JsonProcessingException if the YAML is malformed or not a mapping
     */
    public static Map<String, Object> parseValues(String yaml) throws JsonProcessingException {
        if (yaml.isBlank()) {
            return Map.of();
        }
        Object tree = PackMappers.YAML.readValue(yaml, Object.class);
        if (tree == null) {
            return Map.of();
        }
        if (!(tree instanceof Map<?, ?> m)) {
            throw new com.fasterxml.jackson.databind.JsonMappingException(null, "values must be a YAML mapping, found "
                    + tree.getClass().getSimpleName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** {@code charts/antrea-1.9.0.tgz} is chart antrea 1.9.0; {@code tigera-operator-v3.31.2.tgz} is tigera-operator v3.31.2. */
    private static ChartReference chart(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.tgz$", "");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.+?)-(v?\\d.*)$").matcher(file);
        return m.matches() ? new ChartReference(path, m.group(1), m.group(2)) : new ChartReference(path, file, "");
    }

    private static List<ImageReference> images(Map<String, String> a, List<String> cloudTypes) {
        List<ImageReference> out = new ArrayList<>();
        for (String cloud : cloudTypes) {
            String c = cloud.toLowerCase(Locale.ROOT);
            if (c.equals("azure") && a.containsKey("imagePublisher")) {
                Map<String, String> attrs = new LinkedHashMap<>();
                attrs.put("publisher", a.get("imagePublisher"));
                attrs.put("offer", a.getOrDefault("imageOffer", ""));
                attrs.put("sku", a.getOrDefault("imageSKU", ""));
                out.add(new ImageReference("azure", a.getOrDefault("location", ""),
                        a.get("imagePublisher") + ":" + a.getOrDefault("imageOffer", "") + ":" + a.getOrDefault("imageSKU", ""), attrs));
            } else if (a.containsKey("imageId") || a.containsKey("ovaUrl")) {
                Map<String, String> attrs = new LinkedHashMap<>();
                if (a.containsKey("imageOwner")) {
                    attrs.put("owner", a.get("imageOwner"));
                }
                out.add(new ImageReference(c, a.getOrDefault("cloudRegion", ""), a.getOrDefault("imageId", a.get("ovaUrl")), attrs));
            }
        }
        return out;
    }

    private static Map<String, String> annotations(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null) {
                    out.put(String.valueOf(k), String.valueOf(v));
                }
            });
        }
        return out;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object x : l) {
                if (x != null && !String.valueOf(x).isBlank()) {
                    out.add(String.valueOf(x).trim());
                }
            }
        }
        return out;
    }

    private static String string(Map<String, Object> json, String key) {
        Object v = json.get(key);
        return v == null ? "" : String.valueOf(v).trim();
    }

    private static String text(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }
}
