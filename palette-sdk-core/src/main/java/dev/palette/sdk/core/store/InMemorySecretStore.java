package dev.palette.sdk.core.store;

import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.api.store.SecretStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link SecretStore} in memory, the engine's default. Nothing is encrypted and nothing survives the
 * process: fine for tests and trials; a host keeps real secrets in its own store (or the JDBC store,
 * which encrypts them).
 */
public final class InMemorySecretStore implements SecretStore {
    private final ConcurrentSkipListMap<String, Secret> secrets = new ConcurrentSkipListMap<>();

    /** An empty store. */
    public InMemorySecretStore() {
    }

    @Override
    public Optional<Secret> get(String key) {
        return Optional.ofNullable(secrets.get(key));
    }

    @Override
    public void put(String key, Secret secret) {
        secrets.put(Objects.requireNonNull(key), Objects.requireNonNull(secret));
    }

    @Override
    public Secret putIfAbsent(String key, Secret secret) {
        Secret earlier = secrets.putIfAbsent(Objects.requireNonNull(key), Objects.requireNonNull(secret));
        return earlier != null ? earlier : secret;
    }

    @Override
    public void delete(String key) {
        secrets.remove(key);
    }

    @Override
    public List<String> keys(String prefix) {
        return List.copyOf(secrets.subMap(prefix, true, prefix + Character.MAX_VALUE, false).keySet());
    }
}
