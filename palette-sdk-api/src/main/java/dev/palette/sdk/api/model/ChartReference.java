package dev.palette.sdk.api.model;

import java.util.Objects;

/**
 * A Helm chart shipped with or referenced by a pack.
 *
 * @param path the chart archive path relative to the pack (e.g. {@code charts/antrea-1.9.0.tgz}) or a
 *     repository reference
 * @param name the chart name, derived from the path when not given
 * @param version the chart version, which may differ from the pack version; empty when unknown
 */
public record ChartReference(String path, String name, String version) {
    /**
     * Normalizes the components.
     *
     * @param path the chart path
     * @param name the chart name, may be {@code null}
     * @param version the chart version, may be {@code null}
     */
    public ChartReference {
        Objects.requireNonNull(path, "path");
        name = name == null ? "" : name;
        version = version == null ? "" : version;
    }
}
