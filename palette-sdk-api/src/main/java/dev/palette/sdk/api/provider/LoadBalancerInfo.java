package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.util.List;
import java.util.Objects;

/**
 * The API server load balancer of a cluster.
 *
 * @param id the load balancer's id
 * @param host its DNS name or address, used in the API server certificate and the kubeconfig
 * @param port its port
 * @param targets provider ids of the machines behind it
 */
public record LoadBalancerInfo(String id, String host, int port, List<String> targets) {
    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param host the host
     * @param port the port
     * @param targets the targets, may be {@code null}
     */
    public LoadBalancerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        targets = Immutable.list(targets);
    }

    /**
     * {@code https://host:port}.
     *
     * @return the endpoint URL
     */
    public String endpoint() {
        return "https://" + host + ":" + port;
    }
}
