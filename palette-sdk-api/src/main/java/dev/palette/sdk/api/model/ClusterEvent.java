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

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ClusterEvent}; the last time defaults to the first, the count to 1. */
    public static final class Builder {
        private String clusterId;
        private long sequence;
        private Severity severity = Severity.NORMAL;
        private String reason;
        private String message;
        private Instant firstTimestamp;
        private Instant lastTimestamp;
        private int count = 1;

        private Builder() {
        }

        /**
         * Sets the cluster.
         *
         * @param v the cluster id
         * @return this builder
         */
        public Builder clusterId(String v) {
            this.clusterId = v;
            return this;
        }

        /**
         * Sets the sequence number.
         *
         * @param v the sequence number
         * @return this builder
         */
        public Builder sequence(long v) {
            this.sequence = v;
            return this;
        }

        /**
         * Sets the severity.
         *
         * @param v the severity
         * @return this builder
         */
        public Builder severity(Severity v) {
            this.severity = v;
            return this;
        }

        /**
         * Sets the reason.
         *
         * @param v the reason
         * @return this builder
         */
        public Builder reason(String v) {
            this.reason = v;
            return this;
        }

        /**
         * Sets the message.
         *
         * @param v the message
         * @return this builder
         */
        public Builder message(String v) {
            this.message = v;
            return this;
        }

        /**
         * Sets the first time.
         *
         * @param v the time
         * @return this builder
         */
        public Builder firstTimestamp(Instant v) {
            this.firstTimestamp = v;
            return this;
        }

        /**
         * Sets the last time.
         *
         * @param v the time
         * @return this builder
         */
        public Builder lastTimestamp(Instant v) {
            this.lastTimestamp = v;
            return this;
        }

        /**
         * Sets the count.
         *
         * @param v the count
         * @return this builder
         */
        public Builder count(int v) {
            this.count = v;
            return this;
        }

        /**
         * Builds the event.
         *
         * @return the event
         */
        public ClusterEvent build() {
            return new ClusterEvent(clusterId, sequence, severity, reason, message, firstTimestamp,
                    lastTimestamp != null ? lastTimestamp : firstTimestamp, count);
        }
    }
}
