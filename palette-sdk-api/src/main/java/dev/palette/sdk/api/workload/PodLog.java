package dev.palette.sdk.api.workload;

import java.util.Objects;

/**
 * The log of one container of a pod, or why it could not be read.
 *
 * @param namespace the pod's namespace
 * @param pod the pod
 * @param container the container
 * @param text the log, empty when it could not be read
 * @param error why it could not be read, empty when it was
 */
public record PodLog(String namespace, String pod, String container, String text, String error) {
    /**
     * Validates the components.
     *
     * @param namespace the namespace
     * @param pod the pod
     * @param container the container
     * @param text the log, may be {@code null}
     * @param error the error, may be {@code null}
     */
    public PodLog {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(container, "container");
        text = text == null ? "" : text;
        error = error == null ? "" : error;
    }
}
