package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pack values as Palette layers them: the pack's defaults, then the profile's overrides, then the
 * cluster's. Maps merge key by key, recursively; lists and scalars replace what was there; an explicit
 * {@code null} in an override removes the key. Then profile variables ({@code {{.spectro.var.NAME}}})
 * are substituted in every string, and a variable nobody defined is reported with its path.
 */
public final class ValuesMerger {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*\\.spectro\\.var\\.([A-Za-z0-9_]+)\\s*}}");

    private ValuesMerger() {
    }

    /**
     * Merges layers of values, later layers winning.
     *
     * @param layers the trees, defaults first
     * @return a new, mutable tree
     */
    @SafeVarargs
    public static Map<String, Object> merge(Map<String, Object>... layers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> layer : layers) {
            if (layer != null) {
                mergeInto(out, layer);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> override) {
        for (Map.Entry<String, Object> e : override.entrySet()) {
            Object over = e.getValue();
            Object base = target.get(e.getKey());
            if (over == null) {
                target.remove(e.getKey());
            } else if (over instanceof Map<?, ?> om && base instanceof Map<?, ?> bm) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) bm);
                mergeInto(merged, (Map<String, Object>) om);
                target.put(e.getKey(), merged);
            } else {
                target.put(e.getKey(), copy(over));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            return merge((Map<String, Object>) m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    /**
     * Substitutes variables in every string of a tree.
     *
     * @param tree the values
     * @param variables the variable values
     * @param pathPrefix the path of the tree in violation messages, e.g. {@code packs.kubernetes.values}
     * @param violations where undefined variables are reported
     * @return a new tree with the variables substituted
     */
    public static Map<String, Object> substitute(Map<String, Object> tree, Map<String, String> variables, String pathPrefix,
                                                 List<Violation> violations) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) substituteNode(tree, variables, pathPrefix, violations);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object substituteNode(Object node, Map<String, String> vars, String path, List<Violation> violations) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, substituteNode(v, vars, path + "." + k, violations)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(substituteNode(l.get(i), vars, path + "[" + i + "]", violations));
            }
            return out;
        }
        if (node instanceof String s && s.contains("{{")) {
            Matcher m = VARIABLE.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = vars.get(m.group(1));
                if (value == null) {
                    violations.add(Violation.of(path, "variable '" + m.group(1) + "' is not defined"));
                    value = m.group();
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            return sb.toString();
        }
        return node;
    }
}
