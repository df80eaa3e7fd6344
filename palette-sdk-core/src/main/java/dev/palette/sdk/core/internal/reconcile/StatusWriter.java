package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.store.ClusterStore;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a cluster's status with compare-and-set, and remembers which resource versions the engine wrote
 * itself, so that the store's change feed does not wake the engine for its own writes.
 */
public final class StatusWriter {
    private final ClusterStore store;
    private final ConcurrentHashMap<String, Long> ownVersions = new ConcurrentHashMap<>();
    /** The cluster this thread is writing: stores that notify synchronously do so inside {@code update}. */
    private final ThreadLocal<String> writing = new ThreadLocal<>();

    /**
     * Creates a writer.
     *
     * @param store the store
     */
    public StatusWriter(ClusterStore store) {
        this.store = store;
    }

    /**
     * Writes a new status unless it equals the current one.
     *
     * @param base the cluster as read (its resource version is the compare-and-set condition)
     * @param status the new status
     * @return the cluster as stored now
     * @throws dev.palette.sdk.api.error.ConflictException if the cluster changed since it was read
     */
    public Cluster write(Cluster base, ClusterStatus status) {
        if (status.equals(base.status())) {
            return base;
        }
        writing.set(base.id());
        try {
            Cluster written = store.update(base.withStatus(status));
            ownVersions.put(written.id(), written.metadata().resourceVersion());
            return written;
        } finally {
            writing.remove();
        }
    }

    /**
     * Whether a change notification is about a version this engine wrote itself.
     *
     * @param clusterId the cluster
     * @param resourceVersion the version in the notification
     * @return {@code true} for the engine's own write
     */
    public boolean isOwnWrite(String clusterId, long resourceVersion) {
        if (clusterId.equals(writing.get())) {
            return true;
        }
        Long v = ownVersions.get(clusterId);
        return v != null && v == resourceVersion;
    }

    /**
     * Forgets a deleted cluster.
     *
     * @param clusterId the cluster
     */
    public void forget(String clusterId) {
        ownVersions.remove(clusterId);
    }
}
