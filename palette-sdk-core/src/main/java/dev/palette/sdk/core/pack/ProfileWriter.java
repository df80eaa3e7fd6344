package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a profile in the shapes {@link ProfileReader} reads, so that read → write → read gives the
 * same profile: the API shape ({@code metadata}, {@code spec.template.packs}; Palette's export and import
 * format) as JSON or YAML, and the flat shape ({@code name}, {@code cloudType}, {@code packs}) of the
 * Terraform modules' exports.
 */
public final class ProfileWriter {
    /** The shapes a profile is written in. */
    public enum Shape {
        /** {@code metadata} + {@code spec.template.packs}. */
        API,
        /** {@code name}, {@code cloudType}, {@code packs} at the top level. */
        FLAT
    }

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS) // "0600" and "700" stay strings
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE).disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();

    private ProfileWriter() {
    }

    /**
     * Writes a profile as JSON.
     *
     * @param profile the profile
     * @param shape the shape
     * @return the JSON text
     */
    public static String json(ClusterProfile profile, Shape shape) {
        try {
            return JSON.writeValueAsString(tree(profile, shape));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes a profile as YAML.
     *
     * @param profile the profile
     * @param shape the shape
     * @return the YAML text
     */
    public static String yaml(ClusterProfile profile, Shape shape) {
        try {
            return YAML.writeValueAsString(tree(profile, shape));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes add-on profiles as a top-level YAML list, each with {@code name}, {@code version} and
     * {@code charts}: the shape of some GitOps repositories' profile files.
     *
     * @param profiles the profiles
     * @return the YAML text
     */
    public static String yamlList(List<ClusterProfile> profiles) {
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ClusterProfile p : profiles) {
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("name", p.name());
                root.put("version", p.version());
                List<Map<String, Object>> charts = new ArrayList<>();
                for (Map<String, Object> e : entries(p, Shape.FLAT)) {
                    e.remove("layer");
                    e.remove("tag");
                    e.put("type", "oci");
                    charts.add(e);
                }
                root.put("charts", charts);
                out.add(root);
            }
            return YAML.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map<String, Object>> entries(ClusterProfile p, Shape shape) throws JsonProcessingException {
        List<Map<String, Object>> packs = new ArrayList<>();
        for (Pack pack : p.packs()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", pack.name());
            e.put("type", "spectro");
            e.put("layer", pack.layer().packJsonName());
            e.put("version", pack.version());
            e.put("tag", pack.version());
            Map<String, Object> values = p.packValues().get(pack.name());
            e.put("values", values == null || values.isEmpty() ? "" : YAML.writeValueAsString(values));
            if (!pack.registry().isEmpty()) {
                e.put("registry", shape == Shape.API ? Map.of("metadata", Map.of("name", pack.registry())) : pack.registry());
            }
            packs.add(e);
        }
        return packs;
    }

    private static Map<String, Object> tree(ClusterProfile p, Shape shape) throws JsonProcessingException {
        String type = p.packs().stream().allMatch(x -> x.layer() == Layer.ADDON) ? "add-on" : "cluster";
        List<Map<String, Object>> packs = entries(p, shape);
        Map<String, Object> root = new LinkedHashMap<>();
        if (shape == Shape.FLAT) {
            root.put("name", p.name());
            root.put("description", p.description());
            root.put("version", p.version());
            root.put("type", type);
            root.put("cloudType", p.cloudType());
            root.put("packs", packs);
            return root;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", p.name());
        meta.put("description", p.description());
        meta.put("labels", Map.of());
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("type", type);
        template.put("cloudType", p.cloudType());
        template.put("packs", packs);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("version", p.version());
        if (!p.variables().isEmpty()) {
            spec.put("variables", p.variables());
        }
        spec.put("template", template);
        root.put("metadata", meta);
        root.put("spec", spec);
        return root;
    }
}
