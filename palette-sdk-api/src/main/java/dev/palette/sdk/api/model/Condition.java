package dev.palette.sdk.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One milestone of a cluster's life and whether it is reached. A failing step sets its condition
 * FALSE with the provider's message and counts {@link #attempts()}; the engine keeps retrying and the
 * next success sets it TRUE again.
 *
 * @param type the condition type, one of {@link ConditionTypes}
 * @param status whether the milestone is reached
 * @param reason a CamelCase word saying why (e.g. {@code CreatingInfrastructure}, {@code QuotaExceeded})
 * @param message a message for humans, e.g. the cloud's own error text; never a secret
 * @param lastTransitionTime when {@link #status()} last changed
 * @param attempts consecutive failed attempts of the step behind this condition (0 when it succeeded)
 */
public record Condition(String type, ConditionStatus status, String reason, String message,
                        Instant lastTransitionTime, int attempts) {
    /**
     * Validates the components.
     *
     * @param type the type
     * @param status the status
     * @param reason the reason, may be {@code null}
     * @param message the message, may be {@code null}
     * @param lastTransitionTime the transition time
     * @param attempts the failed attempts
     */
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    }

    /**
     * Whether the status is TRUE.
     *
     * @return {@code true} if reached
     */
    public boolean isTrue() {
        return status == ConditionStatus.TRUE;
    }

    /**
     * Whether this condition reports a failure: FALSE after at least one failed attempt.
     *
     * @return {@code true} if failed
     */
    public boolean isFailed() {
        return status == ConditionStatus.FALSE && attempts > 0;
    }

    /**
     * One line for humans: {@code ControlPlaneReady=False QuotaExceeded (3 attempts): message}.
     *
     * @return the summary
     */
    public String summary() {
        String s = type + "=" + status.name().charAt(0) + status.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        if (!reason.isEmpty()) {
            s += " " + reason;
        }
        if (attempts > 0) {
            s += " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
        }
        if (!message.isEmpty()) {
            s += ": " + message;
        }
        return s;
    }
}
