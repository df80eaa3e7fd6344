package dev.palette.sdk.core.pack.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.pack.ProfileDocument;
import dev.palette.sdk.core.pack.ProfileFormat;
import dev.palette.sdk.core.pack.ValuesMerger;
import dev.palette.sdk.core.pack.ValuesYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes profiles in the shapes {@link ProfileParser} reads. */
public final class ProfileRenderer {
    private ProfileRenderer() {
    }

    /**
     * Renders a document.
     *
     * @param doc the document
     * @return the text
     * @throws ValidationException if a profile cannot be written in the document's shape
     */
    public static String render(ProfileDocument doc) {
        Object tree;
        if (doc.format() == ProfileFormat.CHART_LIST_YAML) {
            List<Object> list = new ArrayList<>();
            doc.profiles().forEach(p -> list.add(chartList(p)));
            tree = list;
        } else {
            ClusterProfile p = doc.profile();
            tree = switch (doc.format()) {
                case PALETTE_JSON, PALETTE_YAML -> palette(p);
                default -> flat(p);
            };
        }
        try {
            return doc.format().isYaml() ? PackMappers.YAML_WRITER.writeValueAsString(tree)
                    : PackMappers.JSON_WRITER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a profile tree is always serializable", e);
        }
    }

    private static Map<String, Object> palette(ClusterProfile p) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", p.name());
        meta.put("description", p.description());
        meta.put("labels", Map.of());
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("type", type(p));
        template.put("cloudType", p.cloudType());
        List<Map<String, Object>> packs = new ArrayList<>();
        for (Pack pack : p.packs()) {
            Map<String, Object> e = entry(p, pack, "spectro");
            e.remove("registry");
            if (!pack.registry().isEmpty()) {
                e.put("registry", Map.of("metadata", Map.of("name", pack.registry())));
            }
            packs.add(e);
        }
        template.put("packs", packs);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("version", p.version());
        spec.put("template", template);
        if (!p.variables().isEmpty()) {
            spec.put("variables", variables(p));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("metadata", meta);
        root.put("spec", spec);
        return root;
    }

    private static Map<String, Object> flat(ClusterProfile p) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", p.name());
        root.put("description", p.description());
        root.put("type", type(p));
        if (!p.cloudType().equals(Pack.ALL_CLOUDS)) {
            root.put("cloudType", p.cloudType());
        }
        root.put("version", p.version());
        List<Map<String, Object>> packs = new ArrayList<>();
        p.packs().forEach(pack -> packs.add(entry(p, pack, "spectro")));
        root.put("packs", packs);
        if (!p.variables().isEmpty()) {
            root.put("variables", variables(p));
        }
        return root;
    }

    private static Map<String, Object> chartList(ClusterProfile p) {
        if (!p.cloudType().equals(Pack.ALL_CLOUDS) || p.packs().stream().anyMatch(x -> x.layer() != Layer.ADDON)) {
            throw new ValidationException("profile " + p.name(), "a chart list holds add-on profiles for all clouds only; "
                    + "write this profile as PALETTE_YAML or TERRAFORM_YAML");
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", p.name());
        root.put("version", p.version());
        List<Map<String, Object>> charts = new ArrayList<>();
        for (Pack pack : p.packs()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", pack.name());
            e.put("version", pack.version());
            e.put("type", pack.annotations().getOrDefault(ProfileParser.PACK_TYPE, "oci"));
            if (!pack.registry().isEmpty()) {
                e.put("registry", pack.registry());
            }
            e.put("values", values(p, pack));
            charts.add(e);
        }
        root.put("charts", charts);
        return root;
    }

    private static Map<String, Object> entry(ClusterProfile p, Pack pack, String defaultType) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", pack.name());
        e.put("type", pack.annotations().getOrDefault(ProfileParser.PACK_TYPE, defaultType));
        e.put("layer", pack.layer().packJsonName());
        if (!pack.registry().isEmpty()) {
            e.put("registry", pack.registry());
        }
        e.put("version", pack.version());
        e.put("tag", pack.version());
        e.put("values", values(p, pack));
        return e;
    }

    /**
     * An entry's values: the pack's own text, verbatim, when the profile adds nothing to it (a profile
     * that was read keeps its comments); else the pack's values merged with the profile's overrides.
     */
    private static String values(ClusterProfile p, Pack pack) {
        Map<String, Object> overrides = p.packValues().get(pack.name());
        if (overrides == null || overrides.isEmpty()) {
            return pack.valuesYaml();
        }
        return ValuesYaml.write(ValuesMerger.merge(pack.values(), overrides));
    }

    private static List<Map<String, Object>> variables(ClusterProfile p) {
        List<Map<String, Object>> out = new ArrayList<>();
        p.variables().forEach((k, v) -> {
            Map<String, Object> var = new LinkedHashMap<>();
            var.put("name", k);
            var.put("defaultValue", v);
            out.add(var);
        });
        return out;
    }

    private static String type(ClusterProfile p) {
        return !p.packs().isEmpty() && p.packs().stream().allMatch(x -> x.layer() == Layer.ADDON) ? "add-on" : "cluster";
    }
}
