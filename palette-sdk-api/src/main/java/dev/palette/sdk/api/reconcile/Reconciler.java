package dev.palette.sdk.api.reconcile;

/**
 * Brings one aspect of a resource to its desired state. A host may register its own (for example, to
 * install a custom add-on once a cluster is running); the engine runs it on its work queue with the
 * same de-duplication, backoff and at-most-one-worker-per-key guarantees as its own reconcilers.
 *
 * <p>A reconciler must be idempotent: it is called again after every change, after failures, and
 * periodically.
 *
 * @param <T> the kind of resource reconciled, e.g. {@link dev.palette.sdk.api.model.Cluster}
 */
public interface Reconciler<T> {

    /**
     * A short name for logs, metrics and events.
     *
     * @return the name
     */
    String name();

    /**
     * One pass.
     *
     * @param resource the current state of the resource
     * @param context the engine's services for this pass
     * @return what to do next
     */
    ReconcileResult reconcile(T resource, ReconcileContext context);
}
