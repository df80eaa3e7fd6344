package dev.palette.sdk.core.internal.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small thread-safe caches that forget the least recently used entry beyond a size. */
public final class Lru {
    private Lru() {
    }

    /**
     * A synchronized map in access order that keeps at most {@code max} entries.
     *
     * @param max the most entries
     * @param <K> the key type
     * @param <V> the value type
     * @return the map
     */
    public static <K, V> Map<K, V> of(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }
}
