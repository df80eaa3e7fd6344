package dev.palette.sdk.kubernetes;

import dev.palette.sdk.api.workload.WorkloadTarget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * Makes the fabric8 client of one workload cluster from its configuration. The access calls it once per
 * cluster and closes what it returns when the cluster is released. The standard factory builds the client
 * as configured; tests and hosts with special networking (a proxy, a tunnel, a different TLS setup)
 * supply their own.
 */
@FunctionalInterface
public interface KubernetesClientFactory {

    /**
     * Makes a client.
     *
     * @param target the cluster the client is for
     * @param config the configuration read from the cluster's kubeconfig, with the access's timeouts and
     *     retry limits applied; the factory may change it
     * @return a new client, owned (and closed) by the access from then on
     */
    KubernetesClient create(WorkloadTarget target, Config config);

    /**
     * The factory that builds a client exactly as configured.
     *
     * @return the standard factory
     */
    static KubernetesClientFactory standard() {
        return (target, config) -> new KubernetesClientBuilder().withConfig(config).build();
    }
}
