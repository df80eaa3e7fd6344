package dev.palette.sdk.core.pack.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.palette.sdk.api.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON or YAML document parsed into plain maps, lists and scalars, remembering where each node was
 * written ({@code file:line:column}) and the text of each scalar as written. The locations let messages
 * point at the line of a bad field; the written text keeps an unquoted YAML version such as
 * {@code 18.04} or {@code 20.10} as the author wrote it rather than as a float renders it.
 *
 * <p>Paths name nodes the way violations do: {@code name}, {@code annotations.imageId},
 * {@code spec.template.packs[2].version}; the root is the empty path.
 */
public final class SourceTree {
    /** The syntax of a document. */
    public enum Syntax {
        /** JSON, read leniently (trailing commas, comments). */
        JSON,
        /** YAML (first document only). */
        YAML
    }

    private final String source;
    private final Object root;
    private final Map<String, String> locations;
    private final Map<String, String> written;

    private SourceTree(String source, Object root, Map<String, String> locations, Map<String, String> written) {
        this.source = source;
        this.root = root;
        this.locations = locations;
        this.written = written;
    }

    /**
     * Parses a document.
     *
     * @param source the file name used in locations, e.g. {@code my-pack/pack.json}
     * @param text the text
     * @param syntax JSON or YAML
     * @return the tree; its root is {@code null} for an empty document
     * @throws ValidationException naming {@code source:line:column} and the parser's reason
     */
    public static SourceTree parse(String source, String text, Syntax syntax) {
        Map<String, String> locations = new HashMap<>();
        Map<String, String> written = new HashMap<>();
        try (JsonParser p = (syntax == Syntax.JSON ? PackMappers.JSON : PackMappers.YAML).createParser(text)) {
            Object root = null;
            if (p.nextToken() != null) {
                root = new Walker(source, p, locations, written).node("");
            }
            return new SourceTree(source, root, locations, written);
        } catch (JsonProcessingException e) {
            throw new ValidationException(PackMappers.location(source, e), PackMappers.reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + source, e);
        }
    }

    /**
     * The source name given to {@link #parse}.
     *
     * @return the file name
     */
    public String source() {
        return source;
    }

    /**
     * The parsed document.
     *
     * @return maps ({@code LinkedHashMap}, in file order), lists, strings, numbers (decimals as
     *     {@code BigDecimal}), booleans and nulls; {@code null} for an empty document
     */
    public Object root() {
        return root;
    }

    /**
     * Where a node was written: the location of its key (or list item), else of its nearest parent.
     *
     * @param path the node's path
     * @return {@code file:line:column}, or the file name when nothing is known
     */
    public String at(String path) {
        String p = path;
        while (true) {
            String loc = locations.get(p);
            if (loc != null) {
                return loc;
            }
            if (p.isEmpty()) {
                return source;
            }
            p = parent(p);
        }
    }

    /**
     * A scalar as written in the file: {@code 18.04} stays {@code "18.04"} and {@code 20.10} stays
     * {@code "20.10"}, {@code True} stays {@code "True"}.
     *
     * @param path the node's path
     * @param value the parsed value at that path, used when the text was not recorded
     * @return the text; empty for {@code null}
     */
    public String written(String path, Object value) {
        String w = written.get(path);
        if (w != null) {
            return w.trim();
        }
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value).trim();
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** Builds the tree from parser tokens, recording locations and written scalars on the way. */
    private record Walker(String source, JsonParser p, Map<String, String> locations, Map<String, String> written) {

        Object node(String path) throws IOException {
            locations.putIfAbsent(path, where(p.currentTokenLocation()));
            JsonToken t = p.currentToken();
            switch (t) {
                case START_OBJECT: {
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        String child = path.isEmpty() ? key : path + "." + key;
                        locations.put(child, where(p.currentTokenLocation()));
                        p.nextToken();
                        map.put(key, node(child));
                    }
                    return map;
                }
                case START_ARRAY: {
                    List<Object> list = new ArrayList<>();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        list.add(node(path + "[" + i++ + "]"));
                    }
                    return list;
                }
                case VALUE_STRING:
                    return p.getText();
                case VALUE_NUMBER_INT:
                    written.put(path, p.getText());
                    return p.getNumberValue();
                case VALUE_NUMBER_FLOAT:
                    written.put(path, p.getText());
                    return p.getDecimalValue();
                case VALUE_TRUE:
                case VALUE_FALSE:
                    written.put(path, p.getText());
                    return t == JsonToken.VALUE_TRUE;
                case VALUE_NULL:
                    return null;
                case VALUE_EMBEDDED_OBJECT:
                    return p.getEmbeddedObject();
                default:
                    throw new IllegalStateException("unexpected token " + t + " at " + where(p.currentTokenLocation()));
            }
        }

        private String where(JsonLocation loc) {
            return loc == null || loc.getLineNr() < 1 ? source : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
        }
    }
}
