package dev.palette.sdk.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.store.SecretStore;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SecretStore}: put/get/delete, first writer wins with {@code putIfAbsent}, listing
 * by prefix, and secret values that never show in {@code toString}.
 */
public abstract class SecretStoreContractTest {
    private SecretStore store;
    private String prefix;

    /**
     * A store for one test.
     *
     * @return the store
     */
    protected abstract SecretStore store();

    @BeforeEach
    void setUp() {
        store = store();
        prefix = "clusters/c-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @Test
    void putGetReplaceDelete() {
        store.put(prefix + "kubeconfig", Secret.of("value", "apiVersion: v1"));
        assertThat(store.get(prefix + "kubeconfig").flatMap(s -> s.get("value"))).contains("apiVersion: v1");
        store.put(prefix + "kubeconfig", Secret.of("value", "v2"));
        assertThat(store.get(prefix + "kubeconfig").flatMap(s -> s.get("value"))).contains("v2");
        store.delete(prefix + "kubeconfig");
        store.delete(prefix + "kubeconfig");
        assertThat(store.get(prefix + "kubeconfig")).isEmpty();
    }

    @Test
    void theFirstWriterWins() {
        Secret first = store.putIfAbsent(prefix + "pki/ca", Secret.of("key", "first"));
        Secret second = store.putIfAbsent(prefix + "pki/ca", Secret.of("key", "second"));
        assertThat(first.get("key")).contains("first");
        assertThat(second.get("key")).contains("first");
    }

    @Test
    void listsKeysByPrefixSorted() {
        store.put(prefix + "b", Secret.of("k", "v"));
        store.put(prefix + "a", Secret.of("k", "v"));
        store.put(prefix + "a/nested", Secret.of("k", "v"));
        store.put("other/" + prefix, Secret.of("k", "v"));
        assertThat(store.keys(prefix)).containsExactly(prefix + "a", prefix + "a/nested", prefix + "b");
    }

    @Test
    void valuesNeverShowInToString() {
        Secret s = Secret.of("token", "abcdef.0123456789abcdef");
        store.put(prefix + "token", s);
        assertThat(store.get(prefix + "token").orElseThrow().toString()).doesNotContain("0123456789abcdef").contains("token");
    }
}
