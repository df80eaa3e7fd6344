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

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this condition's values, for edits.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.status = status;
        b.reason = reason;
        b.message = message;
        b.lastTransitionTime = lastTransitionTime;
        b.attempts = attempts;
        return b;
    }

    /** Builds a {@link Condition}. Type, status and transition time are required. */
    public static final class Builder {
        private String type;
        private ConditionStatus status;
        private String reason;
        private String message;
        private Instant lastTransitionTime;
        private int attempts;

        private Builder() {
        }

        /**
         * Sets the type.
         *
         * @param v the type
         * @return this builder
         */
        public Builder type(String v) {
            this.type = v;
            return this;
        }

        /**
         * Sets the status.
         *
         * @param v the status
         * @return this builder
         */
        public Builder status(ConditionStatus v) {
            this.status = v;
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
         * Sets the transition time.
         *
         * @param v the time
         * @return this builder
         */
        public Builder lastTransitionTime(Instant v) {
            this.lastTransitionTime = v;
            return this;
        }

        /**
         * Sets the failed attempts.
         *
         * @param v the attempts
         * @return this builder
         */
        public Builder attempts(int v) {
            this.attempts = v;
            return this;
        }

        /**
         * Builds the condition.
         *
         * @return the condition
         */
        public Condition build() {
            return new Condition(type, status, reason, message, lastTransitionTime, attempts);
        }
    }
}
