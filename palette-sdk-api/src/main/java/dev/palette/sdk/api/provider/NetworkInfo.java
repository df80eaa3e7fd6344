package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import java.util.Map;
import java.util.Objects;

/**
 * The network a provider made or found for a cluster.
 *
 * @param networkId the network's id (VPC, virtual network, port group)
 * @param resources ids of the parts, by role (e.g. {@code subnet/control-plane/us-east-1a},
 *     {@code securityGroup/worker}); the engine stores them in the cluster status
 */
public record NetworkInfo(String networkId, Map<String, String> resources) {
    /**
     * Validates and copies the components.
     *
     * @param networkId the network id
     * @param resources the resources, may be {@code null}
     */
    public NetworkInfo {
        Objects.requireNonNull(networkId, "networkId");
        resources = Immutable.map(resources);
    }
}
