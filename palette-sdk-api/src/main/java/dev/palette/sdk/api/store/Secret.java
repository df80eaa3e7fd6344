package dev.palette.sdk.api.store;

import dev.palette.sdk.api.internal.Immutable;
import java.util.Map;
import java.util.Optional;

/**
 * A secret: named string values (a kubeconfig, a PEM key, cloud credentials). Its {@code toString}
 * names the keys only.
 *
 * @param data the values by key
 */
public record Secret(Map<String, String> data) {
    /**
     * Copies the values.
     *
     * @param data the values, may be {@code null}
     */
    public Secret {
        data = Immutable.map(data);
    }

    /**
     * A secret of one value.
     *
     * @param key the key
     * @param value the value
     * @return the secret
     */
    public static Secret of(String key, String value) {
        return new Secret(Map.of(key, value));
    }

    /**
     * One value.
     *
     * @param key the key
     * @return the value, if present
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(data.get(key));
    }

    /**
     * Names the keys, never the values.
     *
     * @return a redacted rendering
     */
    @Override
    public String toString() {
        return "Secret" + data.keySet() + " (values redacted)";
    }
}
