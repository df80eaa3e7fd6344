package dev.palette.sdk.api.workload;

import java.util.Objects;

/**
 * Which workload cluster to reach, and where its credentials are.
 *
 * @param clusterId the cluster id
 * @param endpoint the API server endpoint ({@code https://host:6443})
 * @param kubeconfigSecretKey the secret-store key of its admin kubeconfig
 */
public record WorkloadTarget(String clusterId, String endpoint, String kubeconfigSecretKey) {
    /**
     * Validates the components.
     *
     * @param clusterId the cluster id
     * @param endpoint the endpoint
     * @param kubeconfigSecretKey the kubeconfig key
     */
    public WorkloadTarget {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kubeconfigSecretKey, "kubeconfigSecretKey");
    }
}
