package dev.palette.sdk.provider.azure.internal;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.provider.azure.AzureCloudConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Makes or finds a cluster's network, each step finding by its fixed name what an earlier attempt made:
 * the resource group, a virtual network with a control-plane and a worker subnet (Azure subnets span the
 * location's zones), and a network security group per role holding exactly the engine's rules (missing ones
 * added, then stale ones removed, so a changed rule never leaves a gap). The groups are attached to the
 * machines' NICs, not to the subnets, so a given virtual network is only read, never changed.
 */
public final class Networks {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Networks.class);
    static final List<String> ROLES = List.of(SecurityRule.CONTROL_PLANE, SecurityRule.WORKER);
    static final String VNET_READ = "Microsoft.Network/virtualNetworks/read";
    static final String VNET_WRITE = "Microsoft.Network/virtualNetworks/write";
    static final String NSG_READ = "Microsoft.Network/networkSecurityGroups/read";
    static final String NSG_WRITE = "Microsoft.Network/networkSecurityGroups/write";
    static final String RULE_WRITE = "Microsoft.Network/networkSecurityGroups/securityRules/write";
    static final String RULE_DELETE = "Microsoft.Network/networkSecurityGroups/securityRules/delete";

    private final Scope scope;
    private final AzureApi api;
    private final AzureCloudConfig cfg;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public Networks(Scope scope) {
        this.scope = scope;
        this.api = scope.api();
        this.cfg = scope.cfg();
    }

    /**
     * The name of the virtual network the provider makes for a cluster.
     *
     * @param clusterId the cluster
     * @return the name
     */
    static String vnetName(String clusterId) {
        return Names.cluster(clusterId, "vnet");
    }

    /**
     * The name of a role's network security group.
     *
     * @param clusterId the cluster
     * @param role the role
     * @return the name
     */
    static String nsgName(String clusterId, String role) {
        return Names.cluster(clusterId, role + "-nsg");
    }

    /**
     * Finds what exists of the network, making nothing.
     *
     * @return the layout, empty if the cluster has no network (or no security groups) yet
     */
    public CompletableFuture<Optional<NetworkLayout>> find() {
        return vnet().thenCompose(v -> {
            if (v.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<NetworkLayout>empty());
            }
            return groups().thenApply(groups -> groups.size() < ROLES.size() ? Optional.<NetworkLayout>empty()
                    : layout(v.get(), groups));
        });
    }

    /**
     * Makes or finds the whole network.
     *
     * @param request the engine's rules (the zones need nothing: subnets span them)
     * @return the layout
     */
    public CompletableFuture<NetworkLayout> ensure(NetworkRequest request) {
        return new ResourceGroups(scope).ensure()
                .thenCompose(rg -> cfg.virtualNetwork().isPresent() ? existingVnet() : ownVnet())
                .thenCompose(vnet -> {
                    Map<String, String> prefixes = prefixes(vnet);
                    NsgRules translation = new NsgRules(prefixes, cfg.publicLoadBalancer() ? "*" : "VirtualNetwork");
                    Map<String, String> ids = new LinkedHashMap<>();
                    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
                    for (String role : ROLES) {
                        chain = chain.thenCompose(x -> securityGroup(role, translation.wanted(role, request.rules())))
                                .thenAccept(id -> ids.put(role, id));
                    }
                    return chain.thenApply(x -> layout(vnet, ids).orElseThrow(() -> ProviderException.permanent(
                            "virtual network " + vnet.name() + " lacks the subnets the cluster needs")));
                });
    }

    // ---- virtual network ------------------------------------------------------------------------------------

    private String vnetGroup() {
        return cfg.virtualNetwork().map(AzureCloudConfig.ExistingNetwork::resourceGroup).orElse(scope.resourceGroup());
    }

    private String vnetNameOfCluster() {
        return cfg.virtualNetwork().map(AzureCloudConfig.ExistingNetwork::name).orElse(vnetName(scope.clusterId()));
    }

    private CompletableFuture<Optional<VirtualNetworkInner>> vnet() {
        String rg = vnetGroup();
        String name = vnetNameOfCluster();
        return api.find("read virtual network " + name, VNET_READ, () -> api.network().getVirtualNetworks().getByResourceGroupAsync(rg, name));
    }

    private CompletableFuture<VirtualNetworkInner> existingVnet() {
        AzureCloudConfig.ExistingNetwork given = cfg.virtualNetwork().orElseThrow();
        return vnet().thenApply(v -> {
            VirtualNetworkInner vnet = v.orElseThrow(() -> ProviderException.permanent("virtual network " + given.name()
                    + " (properties.virtualNetwork) does not exist in resource group " + given.resourceGroup()));
            for (String subnet : List.of(given.controlPlaneSubnet(), given.workerSubnet())) {
                if (subnet(vnet, subnet).isEmpty()) {
                    throw ProviderException.permanent("virtual network " + given.name() + " has no subnet " + subnet
                            + " (properties.virtualNetwork)");
                }
            }
            return vnet;
        });
    }

    private CompletableFuture<VirtualNetworkInner> ownVnet() {
        String name = vnetName(scope.clusterId());
        String rg = scope.resourceGroup();
        CompletableFuture<Optional<String>> nat = cfg.natGateway()
                ? new NatGateways(scope).ensure().thenApply(Optional::of) : CompletableFuture.completedFuture(Optional.empty());
        return nat.thenCompose(natId -> vnet().thenCompose(found -> {
            if (found.isPresent() && ROLES.stream().allMatch(r -> subnet(found.get(), subnetName(r))
                    .filter(s -> natId.isEmpty() || s.natGateway() != null && natId.get().equalsIgnoreCase(s.natGateway().id()))
                    .isPresent())) {
                return CompletableFuture.completedFuture(found.get());
            }
            String[] octets = cfg.vnetCidr().substring(0, cfg.vnetCidr().indexOf('/')).split("\\.");
            String prefix = octets[0] + "." + octets[1] + ".";
            List<SubnetInner> subnets = List.of(
                    new SubnetInner().withName(subnetName(SecurityRule.CONTROL_PLANE)).withAddressPrefix(prefix + "0.0/24"),
                    new SubnetInner().withName(subnetName(SecurityRule.WORKER)).withAddressPrefix(prefix + "128.0/17"));
            natId.ifPresent(id -> subnets.forEach(s -> s.withNatGateway(new SubResource().withId(id))));
            VirtualNetworkInner body = new VirtualNetworkInner().withLocation(cfg.location())
                    .withTags(Tags.of(scope.ctx(), cfg, Map.of()))
                    .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of(cfg.vnetCidr()))).withSubnets(subnets);
            LOG.info("cluster {}: creating virtual network {} ({})", scope.clusterId(), name, cfg.vnetCidr());
            return api.lro("create virtual network " + name, VNET_WRITE,
                    () -> api.network().getVirtualNetworks().beginCreateOrUpdateAsync(rg, name, body));
        }));
    }

    /** The subnet names of a network the provider makes. */
    static String subnetName(String role) {
        return role + "-subnet";
    }

    private String subnetOf(String role) {
        return cfg.virtualNetwork().map(n -> SecurityRule.CONTROL_PLANE.equals(role) ? n.controlPlaneSubnet() : n.workerSubnet())
                .orElse(subnetName(role));
    }

    private static Optional<SubnetInner> subnet(VirtualNetworkInner vnet, String name) {
        return vnet.subnets() == null ? Optional.empty()
                : vnet.subnets().stream().filter(s -> name.equalsIgnoreCase(s.name())).findFirst();
    }

    private Map<String, String> prefixes(VirtualNetworkInner vnet) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String role : ROLES) {
            subnet(vnet, subnetOf(role)).ifPresent(s -> m.put(role, s.addressPrefix() != null ? s.addressPrefix()
                    : s.addressPrefixes() == null || s.addressPrefixes().isEmpty() ? "VirtualNetwork" : s.addressPrefixes().get(0)));
        }
        return m;
    }

    private Optional<NetworkLayout> layout(VirtualNetworkInner vnet, Map<String, String> groups) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String role : ROLES) {
            subnet(vnet, subnetOf(role)).ifPresent(s -> ids.put(role, s.id() != null ? s.id()
                    : vnet.id() + "/subnets/" + s.name()));
        }
        if (ids.size() < ROLES.size()) {
            return Optional.empty();
        }
        return Optional.of(new NetworkLayout(vnet.id(), ids, prefixes(vnet), groups));
    }

    // ---- network security groups ----------------------------------------------------------------------------

    private CompletableFuture<Map<String, String>> groups() {
        Map<String, String> ids = new LinkedHashMap<>();
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        for (String role : ROLES) {
            reads.add(findGroup(role).thenAccept(g -> g.ifPresent(n -> {
                synchronized (ids) {
                    ids.put(role, n.id());
                }
            })));
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(x -> ids);
    }

    private CompletableFuture<Optional<NetworkSecurityGroupInner>> findGroup(String role) {
        String name = nsgName(scope.clusterId(), role);
        return api.find("read network security group " + name, NSG_READ, () -> api.network().getNetworkSecurityGroups()
                .getByResourceGroupAsync(scope.resourceGroup(), name)).thenApply(g -> g.filter(n -> {
                    if (!Tags.ofCluster(n.tags(), scope.clusterId())) {
                        throw ProviderException.permanent("network security group " + name + " is not tagged with cluster "
                                + scope.clusterId() + "'s id; it is left alone");
                    }
                    return true;
                }));
    }

    private CompletableFuture<String> securityGroup(String role, Map<String, SecurityRuleInner> wanted) {
        String name = nsgName(scope.clusterId(), role);
        String rg = scope.resourceGroup();
        return findGroup(role).thenCompose(found -> {
            if (found.isEmpty()) {
                NetworkSecurityGroupInner body = new NetworkSecurityGroupInner().withLocation(cfg.location())
                        .withTags(Tags.of(scope.ctx(), cfg, Map.of(ResourceTags.ROLE, role)))
                        .withSecurityRules(NsgRules.all(wanted));
                return api.lro("create network security group " + name, NSG_WRITE,
                        () -> api.network().getNetworkSecurityGroups().beginCreateOrUpdateAsync(rg, name, body))
                        .thenApply(NetworkSecurityGroupInner::id);
            }
            List<SecurityRuleInner> have = found.get().securityRules() == null ? List.of() : found.get().securityRules();
            List<SecurityRuleInner> missing = NsgRules.missing(wanted, have);
            List<String> stale = NsgRules.stale(wanted, have);
            CompletableFuture<Void> added = CompletableFuture.completedFuture(null);
            for (SecurityRuleInner r : missing) {
                added = added.thenCompose(x -> api.lro("add rule " + r.name() + " to " + name, RULE_WRITE, () -> api.network()
                        .getSecurityRules().beginCreateOrUpdateAsync(rg, name, r.name(), r)).thenApply(y -> null));
            }
            if (!stale.isEmpty()) {
                LOG.info("cluster {}: removing {} rule(s) no longer asked for from {}", scope.clusterId(), stale.size(), name);
            }
            for (String r : stale) {
                added = added.thenCompose(x -> api.lro("remove rule " + r + " from " + name, RULE_DELETE, () -> api.network()
                        .getSecurityRules().beginDeleteAsync(rg, name, r)).handle((y, e) -> {
                            if (e != null && !AzureErrors.isNotFound(e)) {
                                throw AzureErrors.map("remove rule " + r, RULE_DELETE, e, api.redact());
                            }
                            return null;
                        }));
            }
            return added.thenApply(x -> found.get().id());
        });
    }
}
