package dev.palette.sdk.core;

import java.util.List;
import java.util.Map;

/**
 * What a project admin sets for a project: which cloud providers its clusters may use, and labels every
 * new cluster of the project gets.
 *
 * @param allowedProviders provider ids clusters of the project may use; empty allows every provider
 * @param defaultLabels labels added to every cluster created in the project (the cluster's own win)
 */
public record ProjectSettings(List<String> allowedProviders, Map<String, String> defaultLabels) {
    /** No restriction, no labels. */
    public static final ProjectSettings DEFAULT = new ProjectSettings(List.of(), Map.of());

    /**
     * Copies the components.
     *
     * @param allowedProviders the providers, may be {@code null}
     * @param defaultLabels the labels, may be {@code null}
     */
    public ProjectSettings {
        allowedProviders = allowedProviders == null ? List.of() : List.copyOf(allowedProviders);
        defaultLabels = defaultLabels == null ? Map.of() : Map.copyOf(defaultLabels);
    }
}
