package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.workload.AppService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application services each running cluster exposes, as last read from its API server (on the
 * engine's periodic health pass, so they stay current without a watch). Kept in memory: they are the
 * cluster's, read again after a restart.
 */
public final class AppServices {
    private final Map<String, List<AppService>> byCluster = new ConcurrentHashMap<>();

    /**
     * Records what a cluster exposes now.
     *
     * @param clusterId the cluster
     * @param services its services
     */
    void record(String clusterId, List<AppService> services) {
        byCluster.put(clusterId, List.copyOf(services));
    }

    /**
     * What a cluster exposed when last read.
     *
     * @param clusterId the cluster
     * @return its services; empty before the first read
     */
    public List<AppService> of(String clusterId) {
        return byCluster.getOrDefault(clusterId, List.of());
    }

    /**
     * Forgets a cluster (deleted).
     *
     * @param clusterId the cluster
     */
    void forget(String clusterId) {
        byCluster.remove(clusterId);
    }
}
