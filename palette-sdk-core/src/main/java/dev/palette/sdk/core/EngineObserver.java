package dev.palette.sdk.core;

import dev.palette.sdk.api.reconcile.ReconcileResult;
import java.time.Duration;

/**
 * Hears what the engine does: reconcile passes, provider calls, queue waits and retries. The seam for a
 * host's metrics and traces ({@code palette-sdk-observability} has Micrometer and OpenTelemetry
 * observers), for audit, and for tests that check who reconciled what. Called on the engine's threads;
 * implementations must be quick and thread-safe, and what they throw is logged and ignored. Every method
 * does nothing by default.
 */
public interface EngineObserver {

    /**
     * A pass over a cluster starts (after the engine secured the cluster's lease, if it uses leases). One
     * pass per cluster runs at a time, so a pass is identified by its cluster until it finishes.
     *
     * @param clusterId the cluster
     */
    default void passStarted(String clusterId) {
    }

    /**
     * A pass over a cluster ended.
     *
     * @param clusterId the cluster
     * @param result what the pass decided, or {@code null} when it failed
     * @param error why it failed, or {@code null}
     */
    default void passFinished(String clusterId, ReconcileResult result, Throwable error) {
    }

    /**
     * A provider call starts, within the pass over {@code clusterId}.
     *
     * @param provider the provider id
     * @param operation the SPI method, e.g. {@code createMachine}
     * @param clusterId the cluster it is for
     * @return told when the call ends
     */
    default ProviderCall providerCallStarted(String provider, String operation, String clusterId) {
        return ProviderCall.NONE;
    }

    /**
     * A cluster waited this long in the work queue before a pass took it.
     *
     * @param waited the wait
     */
    default void queueWaited(Duration waited) {
    }

    /**
     * A cluster was queued again with backoff after a failed pass.
     *
     * @param clusterId the cluster
     */
    default void retried(String clusterId) {
    }

    /** The end of one provider call. */
    @FunctionalInterface
    interface ProviderCall {
        /** Ignores the end. */
        ProviderCall NONE = error -> { };

        /**
         * The call ended.
         *
         * @param error why it failed, or {@code null}
         */
        void finished(Throwable error);
    }
}
