package dev.palette.sdk.api.provider;

import dev.palette.sdk.api.internal.Immutable;
import dev.palette.sdk.api.model.CloudConfig;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a provider call needs to know about the cluster it acts for.
 *
 * @param clusterId the cluster id; every resource made is tagged with it
 * @param clusterName the cluster name, for human-readable resource names
 * @param cloud the cluster's cloud config (provider settings, region)
 * @param tags the tags to put on every resource: {@link ResourceTags#CLUSTER_ID},
 *     {@link ResourceTags#MANAGED_BY} and the user's own
 * @param credentials explicit credentials, or {@link Credentials#NONE}
 */
public record ProviderContext(String clusterId, String clusterName, CloudConfig cloud, Map<String, String> tags,
                              Credentials credentials) {
    /**
     * Validates and copies the components.
     *
     * @param clusterId the cluster id
     * @param clusterName the cluster name
     * @param cloud the cloud config
     * @param tags the tags, may be {@code null}
     * @param credentials the credentials, may be {@code null}
     */
    public ProviderContext {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(cloud, "cloud");
        tags = Immutable.map(tags);
        credentials = credentials == null ? Credentials.NONE : credentials;
    }

    /**
     * The region of the cluster's cloud config.
     *
     * @return the region, may be empty
     */
    public String region() {
        return cloud.region();
    }
}
