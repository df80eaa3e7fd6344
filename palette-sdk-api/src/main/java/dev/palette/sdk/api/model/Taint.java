package dev.palette.sdk.api.model;

import java.util.Objects;

/**
 * A Kubernetes node taint applied to every node of a pool.
 *
 * @param key the taint key
 * @param value the taint value, may be empty
 * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}
 */
public record Taint(String key, String value, String effect) {
    /**
     * Normalizes the components.
     *
     * @param key the key
     * @param value the value, may be {@code null}
     * @param effect the effect
     */
    public Taint {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
        Objects.requireNonNull(effect, "effect");
    }
}
