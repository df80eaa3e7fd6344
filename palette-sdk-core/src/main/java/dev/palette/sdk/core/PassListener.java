package dev.palette.sdk.core;

import dev.palette.sdk.api.reconcile.ReconcileResult;

/**
 * Hears about the engine's reconcile passes: a seam for a host's metrics, traces or audit, and for tests
 * that check who reconciled what. Called on the engine's threads; implementations must be quick and
 * thread-safe, and what they throw is logged and ignored.
 */
public interface PassListener {

    /**
     * A pass over a cluster starts (after the engine secured the cluster's lease, if it uses leases).
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
}
