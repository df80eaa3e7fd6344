package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.util.Map;
import java.util.Optional;

/**
 * Cloud credentials the engine read from the host's secret store for one call. Its {@code toString}
 * names the keys only, so credentials never reach a log or an exception by accident.
 *
 * @param values the credential values by key
 */
public record Credentials(Map<String, String> values) {
    /** No explicit credentials: the provider uses its default chain. */
    public static final Credentials NONE = new Credentials(Map.of());

    /**
     * Copies the values.
     *
     * @param values the values, may be {@code null}
     */
    public Credentials {
        values = Immutable.map(values);
    }

    /**
     * One value.
     *
     * @param key the key
     * @return the value, if present
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * Whether there are no explicit credentials.
     *
     * @return {@code true} if empty
     */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Names the keys, never the values.
     *
     * @return a redacted rendering
     */
    @Override
    public String toString() {
        return "Credentials" + values.keySet() + " (values redacted)";
    }
}
