package dev.palette.sdk.core.pack.internal;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.pack.ProfileDocument;
import dev.palette.sdk.core.pack.ProfileFormat;
import dev.palette.sdk.core.pack.ValuesYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads profile files of every published shape into profiles whose packs are references: name, version
 * (as written), layer, registry, and the entry's values (text and tree) as the profile's overrides. Every
 * problem is collected, located by {@code file:line:column} with the field path in the message.
 */
public final class ProfileParser {
    /**
     * The annotation of a pack reference that keeps the entry's {@code type} (helm, oci, ...) when it is
     * not the shape's default ({@code spectro}; {@code oci} in chart lists).
     */
    public static final String PACK_TYPE = "packType";

    private final SourceTree tree;
    private final List<Violation> problems = new ArrayList<>();

    private ProfileParser(SourceTree tree) {
        this.tree = tree;
    }

    /**
     * Parses a profile file.
     *
     * @param fileName the file name, for messages and to tell JSON ({@code .json}) from YAML
     * @param text the text
     * @return the profiles and the shape they were in
     * @throws ValidationException with every problem
     */
    public static ProfileDocument parse(String fileName, String text) {
        String t = text == null ? "" : text.startsWith("\uFEFF") ? text.substring(1) : text;
        String lower = fileName.toLowerCase(Locale.ROOT);
        boolean json = lower.endsWith(".json")
                || (!lower.endsWith(".yaml") && !lower.endsWith(".yml") && t.stripLeading().startsWith("{"));
        SourceTree tree = SourceTree.parse(fileName, t, json ? SourceTree.Syntax.JSON : SourceTree.Syntax.YAML);
        return new ProfileParser(tree).document(json);
    }

    private ProfileDocument document(boolean json) {
        Object root = tree.root();
        if (root == null) {
            throw new ValidationException(tree.source(), "is empty; expected a cluster profile");
        }
        ProfileDocument doc;
        if (root instanceof List<?> list) {
            List<ClusterProfile> profiles = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                ClusterProfile p = flat("[" + i + "]", map(list.get(i), "[" + i + "]"), true);
                if (p != null) {
                    profiles.add(p);
                }
            }
            if (list.isEmpty()) {
                problems.add(Violation.of(tree.at(""), "is an empty list; expected profiles"));
            }
            doc = problems.isEmpty() ? new ProfileDocument(ProfileFormat.CHART_LIST_YAML, profiles) : null;
        } else {
            Map<String, Object> m = map(root, "");
            ClusterProfile p;
            ProfileFormat format;
            if (m.get("metadata") instanceof Map && m.get("spec") instanceof Map) {
                p = palette(m);
                format = json ? ProfileFormat.PALETTE_JSON : ProfileFormat.PALETTE_YAML;
            } else if (m.containsKey("packs") || m.containsKey("charts")) {
                p = flat("", m, false);
                format = json ? ProfileFormat.TERRAFORM_JSON : ProfileFormat.TERRAFORM_YAML;
            } else {
                throw new ValidationException(tree.at(""), "not a cluster profile: expected metadata and spec (a Palette "
                        + "export), a packs list (a Terraform export), or a list of profiles with charts");
            }
            doc = problems.isEmpty() ? ProfileDocument.of(format, p) : null;
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return doc;
    }

    private ClusterProfile palette(Map<String, Object> root) {
        Map<String, Object> meta = map(root.get("metadata"), "metadata");
        Map<String, Object> spec = map(root.get("spec"), "spec");
        Map<String, Object> template = map(spec.get("template"), "spec.template");
        ClusterProfile.Builder b = ClusterProfile.builder()
                .name(required(meta, "metadata", "name"))
                .description(text(meta, "metadata", "description"))
                .version(orDefault(text(spec, "spec", "version"), "1.0.0"))
                .cloudType(orDefault(text(template, "spec.template", "cloudType"), Pack.ALL_CLOUDS));
        boolean addOn = "add-on".equals(text(template, "spec.template", "type"));
        b.packs(packs(template.get("packs"), "spec.template.packs", addOn, "spectro"));
        b.variables(variables(spec.get("variables"), "spec.variables"));
        return b.build();
    }

    private ClusterProfile flat(String path, Map<String, Object> root, boolean chartList) {
        String prefix = path.isEmpty() ? "" : path + ".";
        ClusterProfile.Builder b = ClusterProfile.builder()
                .name(required(root, path, "name"))
                .description(text(root, path, "description"))
                .version(orDefault(text(root, path, "version"), "1.0.0"))
                .cloudType(orDefault(text(root, path, "cloudType"), Pack.ALL_CLOUDS));
        boolean addOn = chartList || "add-on".equals(text(root, path, "type"));
        String key = root.containsKey("packs") || !root.containsKey("charts") ? "packs" : "charts";
        b.packs(packs(root.get(key), prefix + key, addOn, chartList ? "oci" : "spectro"));
        b.variables(variables(root.get("variables"), prefix + "variables"));
        return b.build();
    }

    private List<Pack> packs(Object entries, String path, boolean addOnProfile, String defaultType) {
        List<Pack> out = new ArrayList<>();
        if (!(entries instanceof List<?> list)) {
            problems.add(Violation.of(tree.at(path), path + ": " + (entries == null ? "missing" : "must be a list of packs")));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            Map<String, Object> e = map(list.get(i), at);
            if (e.isEmpty()) {
                continue;
            }
            String name = required(e, at, "name");
            String version = text(e, at, "version");
            if (version.isEmpty()) {
                version = text(e, at, "tag");
            }
            if (version.isEmpty()) {
                problems.add(Violation.of(tree.at(at), at + ": missing \"version\""));
            }
            Layer layer = layer(e, at, addOnProfile);
            String valuesText = valuesText(e.get("values"), at + ".values");
            Map<String, Object> values = Map.of();
            try {
                values = ValuesYaml.parse(at + ".values", valuesText);
            } catch (ValidationException ex) {
                ex.violations().forEach(v -> problems.add(Violation.of(tree.at(at + ".values"),
                        v.path() + " (within the values text): " + v.message())));
            }
            if (name.isEmpty() || version.isEmpty() || layer == null) {
                continue;
            }
            Pack.Builder p = Pack.builder().name(name).version(version).layer(layer)
                    .registry(registry(e.get("registry"), at)).valuesYaml(valuesText).values(values);
            String type = text(e, at, "type");
            if (!type.isEmpty() && !type.equals(defaultType)) { // the shape's default type is implied, as the writer writes it
                p.annotations(Map.of(PACK_TYPE, type));
            }
            out.add(p.build());
        }
        return out;
    }

    private Layer layer(Map<String, Object> e, String at, boolean addOnProfile) {
        String name = text(e, at, "layer");
        if (name.isEmpty()) {
            if (addOnProfile) {
                return Layer.ADDON; // add-on profiles and chart lists name no layer
            }
            problems.add(Violation.of(tree.at(at), at + ": missing \"layer\" (one of os, k8s, cni, csi, addon)"));
            return null;
        }
        try {
            Layer layer = Layer.fromPackJsonName(name);
            if (addOnProfile && layer != Layer.ADDON) {
                problems.add(Violation.of(tree.at(at + ".layer"), at + ".layer: an add-on profile holds add-on packs only, not "
                        + layer.packJsonName()));
            }
            return layer;
        } catch (IllegalArgumentException ex) {
            problems.add(Violation.of(tree.at(at + ".layer"), at + ".layer: " + ex.getMessage()));
            return null;
        }
    }

    /** Values as text: a string as is; a mapping (some exports inline it) written as YAML. */
    private String valuesText(Object v, String at) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> tree = (Map<String, Object>) m;
            return ValuesYaml.write(tree);
        }
        problems.add(Violation.of(tree.at(at), at + ": must be YAML text or a mapping"));
        return "";
    }

    private String registry(Object r, String at) {
        if (r instanceof Map<?, ?> m) {
            Object meta = m.get("metadata");
            Object name = meta instanceof Map<?, ?> mm ? mm.get("name") : m.get("name");
            return name == null ? "" : String.valueOf(name).trim();
        }
        return r == null ? "" : tree.written(at + ".registry", r);
    }

    private Map<String, String> variables(Object v, String at) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> {
                if (x != null) {
                    out.put(String.valueOf(k), tree.written(at + "." + k, x));
                }
            });
            return out;
        }
        if (!(v instanceof List<?> list)) {
            problems.add(Violation.of(tree.at(at), at + ": must be a list of variables or a mapping"));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String vi = at + "[" + i + "]";
            Map<String, Object> var = map(list.get(i), vi);
            String name = required(var, vi, "name");
            Object dflt = var.containsKey("defaultValue") ? var.get("defaultValue") : var.get("value");
            // a variable without a default must come from the cluster; it stays undefined here
            if (!name.isEmpty() && dflt != null) {
                out.put(name, tree.written(vi + "." + (var.containsKey("defaultValue") ? "defaultValue" : "value"), dflt));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object o, String at) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        problems.add(Violation.of(tree.at(at), (at.isEmpty() ? "the file" : at) + ": must be a mapping"));
        return Map.of();
    }

    private String text(Map<String, Object> m, String at, String key) {
        Object v = m.get(key);
        String path = at.isEmpty() ? key : at + "." + key;
        if (v instanceof Map || v instanceof List) {
            problems.add(Violation.of(tree.at(path), path + ": must be a single value"));
            return "";
        }
        return tree.written(path, v);
    }

    private String required(Map<String, Object> m, String at, String key) {
        String s = text(m, at, key);
        if (s.isEmpty() && !(m.get(key) instanceof Map) && !(m.get(key) instanceof List)) {
            problems.add(Violation.of(tree.at(at), (at.isEmpty() ? "" : at + ": ") + "missing \"" + key + "\""));
        }
        return s;
    }

    private static String orDefault(String s, String d) {
        return s.isEmpty() ? d : s;
    }
}
