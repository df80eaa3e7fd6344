package dev.palette.sdk.provider.azure.internal;

import com.azure.resourcemanager.resources.fluent.models.GenericResourceExpandedInner;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Deletes a cluster's infrastructure. A resource group the provider made for the cluster goes whole, in one
 * call, when everything in it carries the cluster's id. Otherwise — a resource group of the user's, or one
 * where someone put something of their own — each resource tagged with the cluster's id goes, in dependency
 * order: VMs left behind (image builders) with their NICs and disks, other NICs and disks, the load balancer,
 * its public IP, the virtual network the provider made, its NAT gateway and that one's public IP, the security
 * groups; then the provider's own group
 * if nothing untagged is left in it. Untagged resources, another cluster's, a given virtual network and the
 * images are never touched. Each step treats "already gone" as done.
 */
public final class Teardown {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Teardown.class);
    static final String RESOURCES_READ = "Microsoft.Resources/subscriptions/resourceGroups/resources/read";

    private final Scope scope;
    private final AzureApi api;
    private final Machines machines;
    private final ResourceGroups groups;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     * @param machines the cluster's machines
     */
    public Teardown(Scope scope, Machines machines) {
        this.scope = scope;
        this.api = scope.api();
        this.machines = machines;
        this.groups = new ResourceGroups(scope);
    }

    /**
     * Deletes everything of the cluster.
     *
     * @return completes when nothing is left
     */
    public CompletableFuture<Void> run() {
        return groups.find().thenCompose(rg -> {
            if (rg.isEmpty()) {
                return done(); // no group, nothing of the cluster in it
            }
            if (!groups.owned(rg.get())) {
                return eachTagged();
            }
            return foreign().thenCompose(foreign -> foreign.isEmpty() ? deleteGroup(rg.get())
                    : eachTagged().thenCompose(x -> foreign()).thenCompose(left -> {
                        if (left.isEmpty()) {
                            return deleteGroup(rg.get());
                        }
                        LOG.warn("cluster {}: resource group {} is kept: it holds {} resource(s) not tagged with the cluster's id",
                                scope.clusterId(), rg.get().name(), left.size());
                        return done();
                    }));
        });
    }

    /** The resources of the cluster's group that do not carry its id. */
    private CompletableFuture<List<GenericResourceExpandedInner>> foreign() {
        String rg = scope.resourceGroup();
        return api.find("list resources of " + rg, RESOURCES_READ, () -> api.resources().getResources()
                .listByResourceGroupAsync(rg).collectList())
                .thenApply(l -> l.orElse(List.of()).stream().filter(r -> !Tags.ofCluster(r.tags(), scope.clusterId())).toList());
    }

    private CompletableFuture<Void> deleteGroup(ResourceGroupInner rg) {
        LOG.info("cluster {}: deleting its resource group {}", scope.clusterId(), rg.name());
        return gone(() -> api.lro("delete resource group " + rg.name(), ResourceGroups.DELETE,
                () -> api.resources().getResourceGroups().beginDeleteAsync(rg.name())), "delete resource group " + rg.name(),
                ResourceGroups.DELETE);
    }

    private CompletableFuture<Void> eachTagged() {
        String rg = scope.resourceGroup();
        LoadBalancers lbs = new LoadBalancers(scope);
        return machines.vms().thenCompose(vms -> each(vms.stream().map(v -> (Supplier<CompletableFuture<Void>>) () ->
                        machines.deleteVm(v.name())).toList()))
                .thenCompose(x -> api.find("list network interfaces", Machines.NIC_READ, () -> api.network().getNetworkInterfaces()
                        .listByResourceGroupAsync(rg).collectList()))
                .thenCompose(nics -> each(nics.orElse(List.of()).stream().filter(n -> Tags.ofCluster(n.tags(), scope.clusterId()))
                        .map(n -> (Supplier<CompletableFuture<Void>>) () -> machines.deleteNic(n.name())).toList()))
                .thenCompose(x -> api.find("list disks", Machines.DISK_READ, () -> api.compute().getDisks()
                        .listByResourceGroupAsync(rg).collectList()))
                .thenCompose(disks -> each(disks.orElse(List.of()).stream().filter(d -> Tags.ofCluster(d.tags(), scope.clusterId()))
                        .map(d -> (Supplier<CompletableFuture<Void>>) () -> machines.deleteDisk(d.name())).toList()))
                .thenCompose(x -> lbs.find())
                .thenCompose(lb -> lb.isEmpty() ? done() : gone(() -> api.lro("delete load balancer " + lb.get().name(),
                        "Microsoft.Network/loadBalancers/delete", () -> api.network().getLoadBalancers().beginDeleteAsync(rg,
                                lb.get().name())), "delete load balancer", "Microsoft.Network/loadBalancers/delete"))
                .thenCompose(x -> lbs.findIp())
                .thenCompose(ip -> ip.isEmpty() ? done() : gone(() -> api.lro("delete public IP " + ip.get().name(),
                        "Microsoft.Network/publicIPAddresses/delete", () -> api.network().getPublicIpAddresses()
                                .beginDeleteAsync(rg, ip.get().name())), "delete public IP", "Microsoft.Network/publicIPAddresses/delete"))
                .thenCompose(x -> vnet())
                .thenCompose(x -> new NatGateways(scope).delete())
                .thenCompose(x -> each(Networks.ROLES.stream().map(role -> (Supplier<CompletableFuture<Void>>) () -> nsg(role)).toList()));
    }

    private CompletableFuture<Void> vnet() {
        if (scope.cfg().virtualNetwork().isPresent()) {
            return done(); // the user's: only read, never changed
        }
        String rg = scope.resourceGroup();
        String name = Networks.vnetName(scope.clusterId());
        return api.find("read virtual network " + name, Networks.VNET_READ, () -> api.network().getVirtualNetworks()
                .getByResourceGroupAsync(rg, name)).thenCompose(v -> v.isEmpty() || !Tags.ofCluster(v.get().tags(), scope.clusterId())
                ? done() : gone(() -> api.lro("delete virtual network " + name, "Microsoft.Network/virtualNetworks/delete",
                        () -> api.network().getVirtualNetworks().beginDeleteAsync(rg, name)), "delete virtual network " + name,
                        "Microsoft.Network/virtualNetworks/delete"));
    }

    private CompletableFuture<Void> nsg(String role) {
        String rg = scope.resourceGroup();
        String name = Networks.nsgName(scope.clusterId(), role);
        return api.find("read network security group " + name, Networks.NSG_READ, () -> api.network().getNetworkSecurityGroups()
                .getByResourceGroupAsync(rg, name)).thenCompose(g -> g.isEmpty() || !Tags.ofCluster(g.get().tags(), scope.clusterId())
                ? done() : gone(() -> api.lro("delete network security group " + name, "Microsoft.Network/networkSecurityGroups/delete",
                        () -> api.network().getNetworkSecurityGroups().beginDeleteAsync(rg, name)),
                        "delete network security group " + name, "Microsoft.Network/networkSecurityGroups/delete"));
    }

    /** Runs deletions side by side; each is independent of the others at its level. */
    private static CompletableFuture<Void> each(List<Supplier<CompletableFuture<Void>>> steps) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        steps.forEach(s -> all.add(s.get()));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> gone(Supplier<CompletableFuture<?>> deletion, String operation, String permission) {
        return deletion.get().handle((r, e) -> {
            if (e != null && !AzureErrors.isNotFound(e)) {
                throw AzureErrors.map(operation, permission, e, api.redact());
            }
            return null;
        });
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
