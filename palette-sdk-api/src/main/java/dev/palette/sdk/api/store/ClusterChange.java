package dev.palette.sdk.api.store;

import java.util.Objects;

/**
 * A change a store reports to its listeners.
 *
 * @param clusterId the cluster that changed
 * @param type what happened
 * @param resourceVersion the cluster's resource version after the change (the last one for a deletion)
 */
public record ClusterChange(String clusterId, Type type, long resourceVersion) {
    /** What happened to a cluster. */
    public enum Type {
        /** It was created. */
        CREATED,
        /** Its spec, status or metadata changed. */
        UPDATED,
        /** It was removed from the store. */
        DELETED
    }

    /**
     * Validates the components.
     *
     * @param clusterId the cluster id
     * @param type the type
     * @param resourceVersion the resource version
     */
    public ClusterChange {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(type, "type");
    }
}
