package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.core.pack.internal.PackMappers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pack's values schema in Palette's {@code schema.yaml} form: each key is a dotted path into the
 * values, mapped to an expression such as
 * {@code {{ required | format "${number}" | hints "..." }}}. Understood: {@code required}, and the
 * formats {@code string}, {@code password}, {@code number}, {@code boolean} and {@code list:[a,b,c]}
 * (one of the listed values); other formats and filters are accepted without a check.
 */
public final class PackSchema {
    private static final Pattern FORMAT = Pattern.compile("format\\s+\"\\$\\{([^}]*)}\"");

    /** One field's rule. */
    private record Rule(String path, boolean required, String format) {
    }

    private final List<Rule> rules;

    private PackSchema(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * Parses a schema.
     *
     * @param fileName the file name for messages
     * @param text the schema YAML (may be empty)
     * @return the schema
     * @throws ValidationException if the YAML is malformed
     */
    public static PackSchema parse(String fileName, String text) {
        if (text == null || text.isBlank()) {
            return new PackSchema(List.of());
        }
        Map<String, Object> tree;
        try {
            tree = PackReader.parseValues(text);
        } catch (JsonProcessingException e) {
            throw new ValidationException(PackMappers.location(fileName, e), PackMappers.reason(e));
        }
        List<Rule> rules = new ArrayList<>();
        tree.forEach((path, spec) -> {
            String expr = spec instanceof Map<?, ?> m && m.get("schema") != null ? String.valueOf(m.get("schema")) : "";
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
        return new PackSchema(rules);
    }

    /**
     * Checks values against the schema.
     *
     * @param values the merged values
     * @param pathPrefix the path of the values in messages, e.g. {@code packs.hello-universe.values}
     * @return every violation found
     */
    public List<Violation> validate(Map<String, Object> values, String pathPrefix) {
        List<Violation> out = new ArrayList<>();
        for (Rule r : rules) {
            Lookup found = lookup(values, r.path());
            String path = pathPrefix + "." + r.path();
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
        String s = String.valueOf(v);
        if (format.equals("number")) {
            return v instanceof Number || s.matches("-?\\d+(\\.\\d+)?") ? null : "must be a number (got '" + s + "')";
        }
        if (format.equals("boolean")) {
            return v instanceof Boolean || s.equals("true") || s.equals("false") ? null : "must be true or false (got '" + s + "')";
        }
        if (format.equals("string") || format.equals("password")) {
            return v instanceof Map || v instanceof List ? "must be a single value, not a " + (v instanceof Map ? "map" : "list") : null;
        }
        if (format.startsWith("list:")) {
            String inner = format.substring(5).replace("[", "").replace("]", "");
            List<String> allowed = new ArrayList<>();
            for (String a : inner.split(",")) {
                allowed.add(a.trim());
            }
            return allowed.contains(s) ? null : "must be one of " + String.join(", ", allowed) + " (got '" + s + "')";
        }
        return null;
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
            String key = String.join(".", java.util.Arrays.copyOfRange(parts, 0, n));
            if (map.containsKey(key)) {
                String rest = String.join(".", java.util.Arrays.copyOfRange(parts, n, parts.length));
                Lookup l = lookup(map.get(key), rest);
                if (l.present()) {
                    return l;
                }
            }
        }
        return new Lookup(false, null);
    }

    /**
     * The number of fields the schema describes.
     *
     * @return the count
     */
    public int size() {
        return rules.size();
    }

    /**
     * The schema's fields by path, with their expressions' meaning, for display.
     *
     * @return {@code path -> "required number"} and the like
     */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        rules.forEach(r -> out.put(r.path(), (r.required() ? "required " : "") + (r.format().isEmpty() ? "any" : r.format())));
        return out;
    }
}
