package dev.palette.sdk.core.bundle;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A log bundle of a cluster, as it stands.
 *
 * @param id the bundle id
 * @param clusterId the cluster
 * @param status where it is
 * @param message what happened (why it failed, or a summary once ready)
 * @param file the zip file once {@link LogBundleStatus#READY}
 * @param missing what could not be collected, each with why (also in the zip's {@code missing.txt})
 * @param requestedAt when it was asked for
 */
public record LogBundle(String id, String clusterId, LogBundleStatus status, String message, Optional<Path> file,
                        List<String> missing, Instant requestedAt) {
    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param clusterId the cluster
     * @param status the status
     * @param message the message, may be {@code null}
     * @param file the file, may be {@code null}
     * @param missing what is missing
     * @param requestedAt when asked for
     */
    public LogBundle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        file = file == null ? Optional.empty() : file;
        missing = List.copyOf(missing);
        Objects.requireNonNull(requestedAt, "requestedAt");
    }

    /**
     * Whether it is finished, ready or failed.
     *
     * @return {@code true} once ready or failed
     */
    public boolean isDone() {
        return status == LogBundleStatus.READY || status == LogBundleStatus.FAILED;
    }
}
