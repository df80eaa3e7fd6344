package dev.palette.sdk.core.pack;

import dev.palette.sdk.api.error.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pack values as layers stack them: the pack's defaults, then the profile's overrides, then the
 * cluster's. Maps merge key by key, recursively; lists and scalars (an explicit {@code null} included)
 * replace what was there. Then profile variables ({@code {{.spectro.var.NAME}}}, spaces allowed inside
 * the braces) are substituted in every string; a variable nobody defined is reported with its path.
 * Other macros, such as {@code {{ .spectro.system.cluster.name }}}, are left for the platform to fill.
 */
public final class ValuesMerger {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*\\.spectro\\.var\\.([A-Za-z0-9_-]+)\\s*}}");

    private ValuesMerger() {
    }

    /**
     * Merges layers of values, later layers winning.
     *
     * @param layers the trees, defaults first; {@code null} layers are skipped
     * @return a new, mutable tree; the inputs are not changed
     */
    @SafeVarargs
    public static Map<String, Object> merge(Map<String, ?>... layers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, ?> layer : layers) {
            if (layer != null) {
                mergeInto(out, layer);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, ?> override) {
        for (Map.Entry<String, ?> e : override.entrySet()) {
            Object over = e.getValue();
            Object base = target.get(e.getKey());
            if (over instanceof Map<?, ?> om && base instanceof Map<?, ?> bm) {
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
     * @param pathPrefix the path of the tree in violation messages, e.g. {@code profile.packs[1].values}
     * @param violations where undefined variables are reported, one per place they are used
     * @return a new tree with the variables substituted; an undefined variable's macro is left as written
     */
    public static Map<String, Object> substitute(Map<String, Object> tree, Map<String, String> variables, String pathPrefix,
                                                 List<Violation> violations) {
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) substituteNode(tree, variables, pathPrefix, violations);
        return out;
    }

    /**
     * The variables a tree uses, in order of first use.
     *
     * @param tree the values
     * @return the variable names
     */
    public static List<String> variablesUsed(Map<String, Object> tree) {
        List<String> out = new ArrayList<>();
        collect(tree, out);
        return out;
    }

    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        } else if (node instanceof String s && s.contains("{{")) {
            Matcher m = VARIABLE.matcher(s);
            while (m.find()) {
                if (!out.contains(m.group(1))) {
                    out.add(m.group(1));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object substituteNode(Object node, Map<String, String> vars, String path, List<Violation> violations) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) ->
                    out.put(k, substituteNode(v, vars, path.isEmpty() ? k : path + "." + k, violations)));
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
