package dev.palette.sdk.provider.azure.internal;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.network.fluent.models.NatGatewayInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.NatGatewaySku;
import com.azure.resourcemanager.network.models.NatGatewaySkuName;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import dev.palette.sdk.api.error.ProviderException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The way out of a network the provider makes: a NAT gateway with a Standard static public IP, attached to both
 * subnets. Azure no longer gives new networks default outbound access, and the nodes must reach package and
 * image registries; the control plane could go out through the API load balancer, the workers could not.
 * Deleted after the network that uses it, its public IP after it.
 */
public final class NatGateways {
    static final String WRITE = "Microsoft.Network/natGateways/write";
    static final String READ = "Microsoft.Network/natGateways/read";
    static final String DELETE = "Microsoft.Network/natGateways/delete";

    private final Scope scope;
    private final AzureApi api;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public NatGateways(Scope scope) {
        this.scope = scope;
        this.api = scope.api();
    }

    static String name(String clusterId) {
        return Names.cluster(clusterId, "nat");
    }

    static String ipName(String clusterId) {
        return Names.cluster(clusterId, "nat-pip");
    }

    /**
     * Makes or finds the NAT gateway and its public IP.
     *
     * @return the gateway's id
     */
    public CompletableFuture<String> ensure() {
        String rg = scope.resourceGroup();
        String name = name(scope.clusterId());
        String ipName = ipName(scope.clusterId());
        Map<String, String> tags = Tags.of(scope.ctx(), scope.cfg(), Map.of());
        return find().thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(found.get().id());
            }
            return api.lro("create public IP " + ipName, LoadBalancers.PIP_WRITE, () -> api.network().getPublicIpAddresses()
                    .beginCreateOrUpdateAsync(rg, ipName, new PublicIpAddressInner().withLocation(scope.cfg().location()).withTags(tags)
                            .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                            .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)))
                    .thenCompose(ip -> api.lro("create NAT gateway " + name, WRITE, () -> api.network().getNatGateways()
                            .beginCreateOrUpdateAsync(rg, name, new NatGatewayInner().withLocation(scope.cfg().location()).withTags(tags)
                                    .withSku(new NatGatewaySku().withName(NatGatewaySkuName.STANDARD)).withIdleTimeoutInMinutes(4)
                                    .withPublicIpAddresses(List.of(new SubResource().withId(ip.id()))))))
                    .thenApply(NatGatewayInner::id);
        });
    }

    /**
     * The cluster's NAT gateway, if it exists.
     *
     * @return the gateway
     */
    public CompletableFuture<Optional<NatGatewayInner>> find() {
        String name = name(scope.clusterId());
        return api.find("read NAT gateway " + name, READ, () -> api.network().getNatGateways()
                .getByResourceGroupAsync(scope.resourceGroup(), name)).thenApply(g -> g.filter(n -> {
                    if (!Tags.ofCluster(n.tags(), scope.clusterId())) {
                        throw ProviderException.permanent("NAT gateway " + name + " is not tagged with cluster " + scope.clusterId()
                                + "'s id; it is left alone");
                    }
                    return true;
                }));
    }

    /**
     * Deletes the NAT gateway, then its public IP; what is gone counts as deleted.
     *
     * @return completes when both are gone
     */
    public CompletableFuture<Void> delete() {
        String rg = scope.resourceGroup();
        String ipName = ipName(scope.clusterId());
        return find().thenCompose(g -> g.isEmpty() ? CompletableFuture.completedFuture(null) : gone(api.lro("delete NAT gateway "
                        + g.get().name(), DELETE, () -> api.network().getNatGateways().beginDeleteAsync(rg, g.get().name())),
                "delete NAT gateway", DELETE))
                .thenCompose(x -> api.find("read public IP " + ipName, LoadBalancers.PIP_READ, () -> api.network().getPublicIpAddresses()
                        .getByResourceGroupAsync(rg, ipName)))
                .thenCompose(ip -> ip.isEmpty() || !Tags.ofCluster(ip.get().tags(), scope.clusterId()) ? CompletableFuture.completedFuture(null)
                        : gone(api.lro("delete public IP " + ipName, "Microsoft.Network/publicIPAddresses/delete", () -> api.network()
                                .getPublicIpAddresses().beginDeleteAsync(rg, ipName)), "delete public IP " + ipName,
                                "Microsoft.Network/publicIPAddresses/delete"));
    }

    private CompletableFuture<Void> gone(CompletableFuture<?> deletion, String operation, String permission) {
        return deletion.handle((r, e) -> {
            if (e != null && !AzureErrors.isNotFound(e)) {
                throw AzureErrors.map(operation, permission, e, api.redact());
            }
            return null;
        });
    }
}
