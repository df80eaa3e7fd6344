package dev.palette.sdk.api.store;

import java.util.List;
import java.util.Optional;

/**
 * Where secrets live: kubeconfigs, CA keys, bootstrap tokens, cloud credentials. Keys are paths such as
 * {@code clusters/<id>/pki/ca}. Secrets never appear in specs, status, events, logs or bundles; the
 * engine refers to them by key.
 *
 * <p>Implementations must be thread-safe.
 */
public interface SecretStore {

    /**
     * Reads a secret.
     *
     * @param key the key
     * @return the secret, if stored
     */
    Optional<Secret> get(String key);

    /**
     * Stores or replaces a secret.
     *
     * @param key the key
     * @param secret the secret
     */
    void put(String key, Secret secret);

    /**
     * Stores a secret only if the key is free; the first writer wins, which makes generated secrets
     * (CA keys, tokens) safe to create from several engines at once.
     *
     * @param key the key
     * @param secret the secret to store if none is
     * @return the secret stored under the key after the call: {@code secret} or the earlier one
     */
    Secret putIfAbsent(String key, Secret secret);

    /**
     * Removes a secret; removing a missing one succeeds.
     *
     * @param key the key
     */
    void delete(String key);

    /**
     * Lists the keys under a prefix.
     *
     * @param prefix the prefix, e.g. {@code clusters/<id>/}
     * @return the keys, sorted
     */
    List<String> keys(String prefix);
}
