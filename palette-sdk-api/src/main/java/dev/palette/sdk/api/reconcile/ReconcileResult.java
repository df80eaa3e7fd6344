package dev.palette.sdk.api.reconcile;

import dev.palette.sdk.api.error.PaletteException;
import java.time.Duration;
import java.util.Objects;

/**
 * What a reconcile pass concluded. A sealed set of immutable records, so no impossible combination can
 * be expressed: done, come back after a delay, or failed (retried with backoff when retryable).
 */
public sealed interface ReconcileResult {

    /**
     * Nothing left to do until something changes (or the periodic resync).
     *
     * @return the result
     */
    static ReconcileResult done() {
        return Done.INSTANCE;
    }

    /**
     * Progress was made, or the reconciler waits for the cloud; run again after the delay.
     *
     * @param delay how long to wait
     * @return the result
     */
    static ReconcileResult requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }

    /**
     * The pass failed. Retryable errors are retried with per-key exponential backoff; others wait for a
     * change of spec (or the periodic resync).
     *
     * @param error the failure
     * @return the result
     */
    static ReconcileResult failed(PaletteException error) {
        return new Failed(error);
    }

    /** Nothing left to do. */
    record Done() implements ReconcileResult {
        private static final Done INSTANCE = new Done();
    }

    /**
     * Run again after a delay.
     *
     * @param delay the delay, not negative
     */
    record RequeueAfter(Duration delay) implements ReconcileResult {
        /**
         * Validates the delay.
         *
         * @param delay the delay
         */
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }
    }

    /**
     * The pass failed.
     *
     * @param error the failure
     */
    record Failed(PaletteException error) implements ReconcileResult {
        /**
         * Validates the error.
         *
         * @param error the failure
         */
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }
}
