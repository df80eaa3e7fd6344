package dev.palette.sdk.api.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, order-preserving, null-tolerant immutable copies for the API records.
 *
 * <p>{@code List.copyOf}/{@code Map.copyOf} reject nulls and lose insertion order; pack values parsed
 * from YAML contain both nulls and meaningful order, so the records use this instead. Not part of the
 * supported API.
 */
public final class Immutable {
    private Immutable() {
    }

    /**
     * Copies a list into an unmodifiable list; {@code null} becomes an empty list.
     *
     * @param list the list, may be {@code null}
     * @param <T> element type
     * @return an unmodifiable copy
     */
    public static <T> List<T> list(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /**
     * Copies a map into an unmodifiable, insertion-ordered map; {@code null} becomes an empty map.
     *
     * @param map the map, may be {@code null}
     * @param <K> key type
     * @param <V> value type
     * @return an unmodifiable copy
     */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * Deeply copies a tree of maps, lists and scalars (the shape YAML parsers produce) into
     * unmodifiable collections, keeping order and {@code null} values.
     *
     * @param tree the tree, may be {@code null}
     * @return an unmodifiable deep copy; an empty map for {@code null}
     */
    public static Map<String, Object> tree(Map<String, ?> tree) {
        if (tree == null || tree.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        tree.forEach((k, v) -> copy.put(k, node(v)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object node(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), node(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            for (Object o : l) {
                copy.add(node(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
