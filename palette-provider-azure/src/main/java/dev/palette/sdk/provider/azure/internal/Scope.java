package dev.palette.sdk.provider.azure.internal;

import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.provider.azure.AzureCloudConfig;

/**
 * What one provider call works with: the ARM clients of the cluster's subscription and credentials, the
 * cluster, and its Azure settings.
 *
 * @param api the clients
 * @param ctx the cluster
 * @param cfg its settings
 */
public record Scope(AzureApi api, ProviderContext ctx, AzureCloudConfig cfg) {
    /**
     * The cluster id.
     *
     * @return the id
     */
    public String clusterId() {
        return ctx.clusterId();
    }

    /**
     * The resource group of the cluster's resources.
     *
     * @return its name
     */
    public String resourceGroup() {
        return cfg.resourceGroupFor(ctx.clusterId());
    }

    /**
     * The ARM id of a resource in the cluster's resource group.
     *
     * @param provider the resource provider and type, e.g. {@code Microsoft.Network/virtualNetworks}
     * @param name the resource's name
     * @return the id
     */
    public String id(String provider, String name) {
        return id(resourceGroup(), provider, name);
    }

    /**
     * The ARM id of a resource in a resource group of the cluster's subscription.
     *
     * @param resourceGroup the group
     * @param provider the resource provider and type
     * @param name the resource's name
     * @return the id
     */
    public String id(String resourceGroup, String provider, String name) {
        return "/subscriptions/" + cfg.subscriptionId() + "/resourceGroups/" + resourceGroup + "/providers/" + provider + "/" + name;
    }
}
