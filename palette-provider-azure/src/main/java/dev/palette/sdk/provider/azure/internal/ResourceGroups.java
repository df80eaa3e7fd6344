package dev.palette.sdk.provider.azure.internal;

import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.provider.ResourceTags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The cluster's resource group: the one the config names (it must exist; it is the user's), or one the
 * provider makes, named after the cluster and tagged with its id. The tag is what marks a group as the
 * cluster's own, to be deleted with it. Also the group of images, shared by every cluster, made when missing
 * and never deleted.
 */
public final class ResourceGroups {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResourceGroups.class);
    static final String READ = "Microsoft.Resources/subscriptions/resourceGroups/read";
    static final String WRITE = "Microsoft.Resources/subscriptions/resourceGroups/write";
    static final String DELETE = "Microsoft.Resources/subscriptions/resourceGroups/delete";

    private final Scope scope;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public ResourceGroups(Scope scope) {
        this.scope = scope;
    }

    /**
     * The cluster's resource group, if it exists.
     *
     * @return the group
     */
    public CompletableFuture<Optional<ResourceGroupInner>> find() {
        String name = scope.resourceGroup();
        return scope.api().find("read resource group " + name, READ,
                () -> scope.api().resources().getResourceGroups().getAsync(name));
    }

    /**
     * Whether a resource group is this cluster's own (made by the provider), not the user's.
     *
     * @param rg the group
     * @return {@code true} if it carries the cluster's id
     */
    public boolean owned(ResourceGroupInner rg) {
        return scope.cfg().resourceGroup().isEmpty() && Tags.ofCluster(rg.tags(), scope.clusterId());
    }

    /**
     * Makes the cluster's resource group, or checks that the configured one exists.
     *
     * @return the group's name
     */
    public CompletableFuture<String> ensure() {
        String name = scope.resourceGroup();
        return find().thenCompose(found -> {
            if (found.isPresent()) {
                if (scope.cfg().resourceGroup().isEmpty() && !Tags.ofCluster(found.get().tags(), scope.clusterId())) {
                    throw ProviderException.permanent("resource group " + name + " exists but is not tagged with cluster "
                            + scope.clusterId() + "'s id; it is left alone (name it in properties.resourceGroup to use it)");
                }
                return CompletableFuture.completedFuture(name);
            }
            if (scope.cfg().resourceGroup().isPresent()) {
                throw ProviderException.permanent("resource group " + name + " (properties.resourceGroup) does not exist in "
                        + "subscription " + scope.cfg().subscriptionId());
            }
            Map<String, String> tags = Tags.of(scope.ctx(), scope.cfg(), Map.of());
            LOG.info("cluster {}: creating resource group {} in {}", scope.clusterId(), name, scope.cfg().location());
            return scope.api().call("create resource group " + name, WRITE, () -> scope.api().resources().getResourceGroups()
                    .createOrUpdateAsync(name, new ResourceGroupInner().withLocation(scope.cfg().location()).withTags(tags)))
                    .thenApply(rg -> name);
        });
    }

    /**
     * Makes the images' resource group when it is missing. It carries no cluster's id, so no cluster's
     * deletion ever touches it.
     *
     * @return the group's name
     */
    public CompletableFuture<String> ensureImages() {
        String name = scope.cfg().imageResourceGroup();
        return scope.api().find("read resource group " + name, READ, () -> scope.api().resources().getResourceGroups().getAsync(name))
                .thenCompose(found -> {
                    if (found.isPresent()) {
                        return CompletableFuture.completedFuture(name);
                    }
                    Map<String, String> tags = new LinkedHashMap<>(scope.cfg().tags());
                    tags.put(ResourceTags.MANAGED_BY, scope.ctx().tags().getOrDefault(ResourceTags.MANAGED_BY, "palette-sdk"));
                    return scope.api().call("create resource group " + name, WRITE, () -> scope.api().resources()
                            .getResourceGroups().createOrUpdateAsync(name, new ResourceGroupInner()
                                    .withLocation(scope.cfg().location()).withTags(Tags.toAzure(tags))))
                            .thenApply(rg -> name);
                });
    }
}
