package dev.palette.sdk.api.model;

import java.util.Objects;

/**
 * A Kubernetes manifest shipped with a pack: one file of one or more YAML documents.
 *
 * @param name the file name relative to the pack, e.g. {@code manifests/hello-universe.yaml}
 * @param content the YAML text; empty when only the reference is known
 */
public record Manifest(String name, String content) {
    /**
     * Normalizes the components.
     *
     * @param name the file name
     * @param content the YAML text, may be {@code null}
     */
    public Manifest {
        Objects.requireNonNull(name, "name");
        content = content == null ? "" : content;
    }
}
