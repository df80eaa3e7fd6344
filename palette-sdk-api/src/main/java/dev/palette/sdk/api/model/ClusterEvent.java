package dev.palette.sdk.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a cluster's event stream. A transient error that repeats is folded into one event whose
 * {@link #count()} grows and whose {@link #lastTimestamp()} moves.
 *
 * @param clusterId the cluster
 * @param sequence a number increasing across the cluster's events, for paging and de-duplication
 * @param severity normal or warning
 * @param reason a CamelCase word, e.g. {@code MachineCreated}, {@code ProviderError}
 * @param message a message for humans; never a secret
 * @param firstTimestamp when it first happened
 * @param lastTimestamp when it last happened
 * @param count how many times it happened
 */
public record ClusterEvent(String clusterId, long sequence, Severity severity, String reason, String message,
                           Instant firstTimestamp, Instant lastTimestamp, int count) {
    /** How serious an event is. */
    public enum Severity {
        /** Progress. */
        NORMAL,
        /** Something failed or needs attention. */
        WARNING
    }

    /**
     * Validates the components.
     *
     * @param clusterId the cluster
     * @param sequence the sequence number
     * @param severity the severity
     * @param reason the reason
     * @param message the message
     * @param firstTimestamp the first time
     * @param lastTimestamp the last time
     * @param count the count
     */
    public ClusterEvent {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
        Objects.requireNonNull(firstTimestamp, "firstTimestamp");
        Objects.requireNonNull(lastTimestamp, "lastTimestamp");
    }

    /**
     * One line for humans.
     *
     * @return the line
     */
    public String summary() {
        return lastTimestamp + " " + severity + " " + reason + (count > 1 ? " (x" + count + ")" : "") + ": " + message;
    }
}
