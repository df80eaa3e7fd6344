package dev.palette.sdk.core.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded caches: the least recently used entry goes first. */
class LruTest {
    @Test
    void beyondItsSizeTheLeastRecentlyUsedEntryIsForgotten() {
        Map<String, Integer> m = Lru.of(2);
        m.put("a", 1);
        m.put("b", 2);
        m.get("a"); // a is now the most recently used
        m.put("c", 3);
        assertThat(m).containsOnlyKeys("a", "c");
    }
}
