package dev.palette.sdk.core.pack.internal;

import dev.palette.sdk.api.error.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Palette's {@code schema.yaml}: each key is a dotted path into the values, mapped to
 * {@code schema: '{{ required | format "${number}" | hints "..." }}'}. Understood: {@code required}, and the
 * formats {@code string}, {@code password}, {@code number}, {@code boolean} and {@code list:[a,b,c]} (one
 * of the listed values). Other formats and filters ({@code hints}, {@code readonly}, ...) are accepted
 * without a check. A {@code password} value never appears in a message.
 */
public final class PaletteSchema implements SchemaRules {
    private static final Pattern FORMAT = Pattern.compile("format\\s+\"\\$\\{([^}]*)}\"");

    /** One field's rule. */
    private record Rule(String path, boolean required, String format) {
    }

    private final List<Rule> rules;

    private PaletteSchema(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Whether a parsed schema file is in this form: every entry a mapping with a {@code schema} expression.
     *
     * @param tree the parsed file
     * @return {@code true} if it is
     */
    public static boolean accepts(Map<String, Object> tree) {
        return !tree.isEmpty() && tree.values().stream().allMatch(v -> v instanceof Map<?, ?> m && m.containsKey("schema"));
    }

    /**
     * Reads the rules of a parsed schema file.
     *
     * @param tree the parsed file
     * @param source the file name, for messages
     * @param problems where entries without a {@code schema} expression are reported
     * @return the schema
     */
    public static PaletteSchema of(Map<String, Object> tree, String source, List<Violation> problems) {
        List<Rule> rules = new ArrayList<>();
        tree.forEach((path, spec) -> {
            if (!(spec instanceof Map<?, ?> m) || m.get("schema") == null) {
                problems.add(Violation.of(source, path + ": expected a mapping with a 'schema' expression"));
                return;
            }
            String expr = String.valueOf(m.get("schema"));
            boolean required = false;
            String format = "";
            for (String part : expr.replace("{{", "").replace("}}", "").split("\\|")) {
                String p = part.trim();
                if (p.equals("required")) {
                    required = true;
                }
                Matcher f = FORMAT.matcher(p);
                if (f.find()) {
                    format = f.group(1).trim();
                }
            }
            rules.add(new Rule(path, required, format));
        });
        return new PaletteSchema(rules);
    }

    @Override
    public List<Violation> validate(Map<String, Object> values, String pathPrefix) {
        List<Violation> out = new ArrayList<>();
        for (Rule r : rules) {
            Lookup found = lookup(values, r.path());
            String path = pathPrefix.isEmpty() ? r.path() : pathPrefix + "." + r.path();
            if (!found.present() || found.value() == null || String.valueOf(found.value()).isEmpty()) {
                if (r.required()) {
                    out.add(Violation.of(path, "is required"));
                }
                continue;
            }
            String problem = check(r.format(), found.value());
            if (problem != null) {
                out.add(Violation.of(path, problem));
            }
        }
        return out;
    }

    private static String check(String format, Object v) {
        if (v instanceof Map || v instanceof List) {
            return format.isEmpty() ? null : "must be a single value, not a " + (v instanceof Map ? "map" : "list");
        }
        String s = String.valueOf(v);
        String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        if (format.equals("number")) {
            return v instanceof Number || isNumber(s) ? null : "must be a number (got '" + shown + "')";
        }
        if (format.equals("boolean")) {
            return v instanceof Boolean || s.equals("true") || s.equals("false") ? null : "must be true or false (got '" + shown + "')";
        }
        if (format.startsWith("list:")) {
            List<String> allowed = new ArrayList<>();
            for (String a : format.substring(5).replace("[", "").replace("]", "").split(",")) {
                allowed.add(a.trim());
            }
            return allowed.contains(s) ? null : "must be one of " + String.join(", ", allowed) + " (got '" + shown + "')";
        }
        return null;
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private record Lookup(boolean present, Object value) {
    }

    /** Follows a dotted path; keys that themselves contain dots are matched greedily, longest first. */
    @SuppressWarnings("unchecked")
    private static Lookup lookup(Object node, String path) {
        if (path.isEmpty()) {
            return new Lookup(true, node);
        }
        if (!(node instanceof Map<?, ?> m)) {
            return new Lookup(false, null);
        }
        Map<String, Object> map = (Map<String, Object>) m;
        String[] parts = path.split("\\.");
        for (int n = parts.length; n >= 1; n--) {
            String key = String.join(".", Arrays.copyOfRange(parts, 0, n));
            if (map.containsKey(key)) {
                Lookup l = lookup(map.get(key), String.join(".", Arrays.copyOfRange(parts, n, parts.length)));
                if (l.present()) {
                    return l;
                }
            }
        }
        return new Lookup(false, null);
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.path(), (r.required() ? "required " : "") + (r.format().isEmpty() ? "any" : r.format())));
        return out;
    }
}
