package dev.palette.sdk.core.pack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.core.pack.internal.PackMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pack values as YAML text and as trees of maps, lists and scalars: the one place that turns one into the
 * other, so that every reader and writer of packs and profiles agrees on types (an unquoted {@code 20.10}
 * is a {@code BigDecimal} that keeps its digits; {@code "0600"} stays a string when written back).
 */
public final class ValuesYaml {
    private ValuesYaml() {
    }

    /**
     * Parses values text. Empty text, or text of comments only, is an empty tree.
     *
     * @param source what the text is, for messages (e.g. {@code kubernetes-1.33.6/values.yaml})
     * @param yaml the text
     * @return a mutable, insertion-ordered tree
     * @throws ValidationException naming {@code source:line:column} when the YAML is malformed or is not a
     *     mapping
     */
    public static Map<String, Object> parse(String source, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return new LinkedHashMap<>();
        }
        Object tree;
        try (JsonParser p = PackMappers.YAML.createParser(yaml)) {
            // text of comments only holds no document at all: an empty tree, not an error
            tree = p.nextToken() == null ? null : PackMappers.YAML.readValue(p, Object.class);
        } catch (JsonProcessingException e) {
            throw new ValidationException(PackMappers.location(source, e), PackMappers.reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
        if (tree == null) {
            return new LinkedHashMap<>();
        }
        if (!(tree instanceof Map<?, ?> m)) {
            throw new ValidationException(source, "values must be a YAML mapping, found a "
                    + (tree instanceof java.util.List ? "list" : "scalar"));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /**
     * Parses values text.
     *
     * @param yaml the text
     * @return the tree
     * @throws ValidationException when the YAML is malformed or is not a mapping
     */
    public static Map<String, Object> parse(String yaml) {
        return parse("values", yaml);
    }

    /**
     * Writes a values tree as YAML text that {@link #parse} reads back into an equal tree.
     *
     * @param values the tree
     * @return the text; empty for an empty tree
     */
    public static String write(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        try {
            return PackMappers.YAML_WRITER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("values are not a tree of maps, lists and scalars: " + e.getOriginalMessage(), e);
        }
    }
}
