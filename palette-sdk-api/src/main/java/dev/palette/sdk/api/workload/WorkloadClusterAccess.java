package dev.palette.sdk.api.workload;

/**
 * Hands out {@link WorkloadCluster} clients, one per cluster, reused across calls and released when the
 * cluster is deleted or the engine closes.
 */
public interface WorkloadClusterAccess extends AutoCloseable {

    /**
     * The client of one cluster, created on first use.
     *
     * @param target the cluster and its credentials
     * @return the client
     */
    WorkloadCluster connect(WorkloadTarget target);

    /**
     * Closes and forgets the client of a cluster; does nothing if there is none.
     *
     * @param clusterId the cluster id
     */
    void release(String clusterId);

    /** Releases every client. */
    @Override
    void close();
}
