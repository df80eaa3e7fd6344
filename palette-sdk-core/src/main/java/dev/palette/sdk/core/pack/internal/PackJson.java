package dev.palette.sdk.core.pack.internal;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a parsed {@code pack.json}, each checked for its type; every problem is collected with the
 * {@code file:line:column} it was found at. Unknown fields ({@code eol}, {@code group}, {@code addonType},
 * {@code constraints}, ...) are allowed and ignored.
 */
public final class PackJson {
    private final SourceTree tree;
    private final Map<String, Object> root;
    private final List<Violation> problems;

    /**
     * Wraps a parsed {@code pack.json}.
     *
     * @param tree the parsed file
     * @param problems where problems are collected
     */
    @SuppressWarnings("unchecked")
    public PackJson(SourceTree tree, List<Violation> problems) {
        this.tree = tree;
        this.problems = problems;
        if (tree.root() instanceof Map<?, ?> m) {
            this.root = (Map<String, Object>) m;
        } else {
            this.root = Map.of();
            problems.add(Violation.of(tree.at(""), tree.root() == null ? "is empty; expected a JSON object"
                    : "expected a JSON object with name, version and layer"));
        }
    }

    /**
     * Whether the file held a JSON object.
     *
     * @return {@code true} if it did
     */
    public boolean isObject() {
        return tree.root() instanceof Map;
    }

    /**
     * A text field; a number is taken as written ({@code "version": 1.10} is {@code "1.10"}).
     *
     * @param key the field
     * @param required whether a missing or empty value is a problem
     * @param fallback the value when the field is absent (e.g. supplied by the caller); may be {@code null}
     * @return the text, or the fallback, or empty
     */
    public String text(String key, boolean required, String fallback) {
        Object v = root.get(key);
        if (v == null) {
            if (fallback != null && !fallback.isBlank()) {
                return fallback;
            }
            if (required && isObject()) {
                problems.add(Violation.of(tree.at(""), "missing \"" + key + "\""));
            }
            return "";
        }
        if (v instanceof Map || v instanceof List) {
            problems.add(Violation.of(tree.at(key), key + ": must be a string"));
            return "";
        }
        String s = tree.written(key, v);
        if (s.isEmpty() && required) {
            if (fallback != null && !fallback.isBlank()) {
                return fallback;
            }
            problems.add(Violation.of(tree.at(key), key + ": must not be empty"));
        }
        return s;
    }

    /**
     * The layer.
     *
     * @param fallback the layer when the field is absent; may be {@code null}
     * @return the layer, or {@code null} when missing or unknown (a problem is recorded)
     */
    public Layer layer(Layer fallback) {
        String name = text("layer", fallback == null, fallback == null ? null : fallback.packJsonName());
        if (name.isEmpty()) {
            return null;
        }
        if (name.equalsIgnoreCase("kernel")) {
            problems.add(Violation.of(tree.at("layer"), "layer: 'kernel' packs are not supported (supported: os, k8s, cni, csi, addon)"));
            return null;
        }
        try {
            return Layer.fromPackJsonName(name);
        } catch (IllegalArgumentException e) {
            problems.add(Violation.of(tree.at("layer"), "layer: " + e.getMessage()));
            return null;
        }
    }

    /**
     * A list of strings; a single string is taken as a list of one.
     *
     * @param key the field
     * @return the non-blank items, trimmed
     */
    public List<String> strings(String key) {
        Object v = root.get(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof String s) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
            return out;
        }
        if (!(v instanceof List<?> list)) {
            problems.add(Violation.of(tree.at(key), key + ": must be a list of strings"));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Object x = list.get(i);
            String at = key + "[" + i + "]";
            if (x instanceof Map || x instanceof List) {
                problems.add(Violation.of(tree.at(at), at + ": must be a string"));
            } else if (x != null && !tree.written(at, x).isBlank()) {
                out.add(tree.written(at, x));
            }
        }
        return out;
    }

    /**
     * The raw value of a field.
     *
     * @param key the field
     * @return the value, or {@code null}
     */
    public Object raw(String key) {
        return root.get(key);
    }

    /**
     * The location of a field.
     *
     * @param path the field's path
     * @return {@code file:line:column}
     */
    public String at(String path) {
        return tree.at(path);
    }

    /**
     * The annotations, every value as text; {@code null} values are dropped.
     *
     * @return the annotations, in file order
     */
    public Map<String, String> annotations() {
        Map<String, String> out = new LinkedHashMap<>();
        Object v = root.get("annotations");
        if (v == null) {
            return out;
        }
        if (!(v instanceof Map<?, ?> m)) {
            problems.add(Violation.of(tree.at("annotations"), "annotations: must be an object of strings"));
            return out;
        }
        m.forEach((k, x) -> {
            String at = "annotations." + k;
            if (x instanceof Map || x instanceof List) {
                problems.add(Violation.of(tree.at(at), at + ": must be a string"));
            } else if (x != null) {
                out.put(String.valueOf(k), tree.written(at, x));
            }
        });
        return out;
    }
}
