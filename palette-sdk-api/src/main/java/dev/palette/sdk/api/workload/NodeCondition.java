package dev.palette.sdk.api.workload;

import java.time.Instant;
import java.util.Objects;

/**
 * A Kubernetes node condition ({@code Ready}, {@code DiskPressure}, {@code NetworkUnavailable}, ...).
 *
 * @param type the condition type
 * @param status {@code True}, {@code False} or {@code Unknown}
 * @param reason the reason, may be empty
 * @param message the message, may be empty
 * @param lastTransitionTime when the status last changed
 */
public record NodeCondition(String type, String status, String reason, String message, Instant lastTransitionTime) {
    /**
     * Validates the components.
     *
     * @param type the type
     * @param status the status
     * @param reason the reason, may be {@code null}
     * @param message the message, may be {@code null}
     * @param lastTransitionTime the transition time
     */
    public NodeCondition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    }
}
