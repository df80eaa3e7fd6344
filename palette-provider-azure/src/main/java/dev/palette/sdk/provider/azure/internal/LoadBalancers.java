package dev.palette.sdk.provider.azure.internal;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.network.fluent.models.BackendAddressPoolInner;
import com.azure.resourcemanager.network.fluent.models.FrontendIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancingRuleInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.ProbeInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.LoadBalancerSku;
import com.azure.resourcemanager.network.models.LoadBalancerSkuName;
import com.azure.resourcemanager.network.models.ProbeProtocol;
import com.azure.resourcemanager.network.models.PublicIpAddressDnsSettings;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.TransportProtocol;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The API server's Standard load balancer: a frontend on a Standard static public IP with a DNS label (or,
 * with {@code publicLoadBalancer: false}, a private address in the control-plane subnet), a TCP probe and
 * rule on the API port, and a backend pool whose members are the control-plane machines' NICs, converged to
 * the request (missing ones added, extra ones removed). Names are fixed per cluster and what is found by
 * name is used only if it carries the cluster's id.
 */
public final class LoadBalancers {
    static final String LB_READ = "Microsoft.Network/loadBalancers/read";
    static final String LB_WRITE = "Microsoft.Network/loadBalancers/write";
    static final String PIP_READ = "Microsoft.Network/publicIPAddresses/read";
    static final String PIP_WRITE = "Microsoft.Network/publicIPAddresses/write";
    static final String POOL_JOIN = "Microsoft.Network/loadBalancers/backendAddressPools/join/action";
    static final String FRONTEND = "api-frontend";
    static final String POOL = "control-plane";
    static final String PROBE = "api-probe";
    static final String RULE = "api";

    private final Scope scope;
    private final AzureApi api;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public LoadBalancers(Scope scope) {
        this.scope = scope;
        this.api = scope.api();
    }

    /**
     * The load balancer's name.
     *
     * @param clusterId the cluster
     * @return the name
     */
    static String name(String clusterId) {
        return Names.cluster(clusterId, "api-lb");
    }

    /**
     * The public IP's name.
     *
     * @param clusterId the cluster
     * @return the name
     */
    static String ipName(String clusterId) {
        return Names.cluster(clusterId, "api-pip");
    }

    /**
     * Makes or finds the load balancer and converges its backend pool.
     *
     * @param request the port and the control-plane VMs
     * @param network the cluster's network, made if needed
     * @return the load balancer
     */
    public CompletableFuture<LoadBalancerInfo> ensure(LoadBalancerRequest request, Supplier<CompletableFuture<NetworkLayout>> network) {
        return find().thenCompose(lb -> {
            boolean serves = lb.isPresent() && lb.get().loadBalancingRules() != null && lb.get().loadBalancingRules().stream()
                    .anyMatch(r -> r.frontendPort() != null && r.frontendPort() == request.port());
            return serves ? CompletableFuture.completedFuture(lb.get()) : network.get().thenCompose(n -> create(n, request.port()));
        }).thenCompose(lb -> members(lb, request.targets()).thenCompose(members -> host(lb)
                .thenApply(host -> new LoadBalancerInfo(lb.id(), host, request.port(), members))));
    }

    /**
     * The cluster's load balancer, if it exists.
     *
     * @return the load balancer
     */
    public CompletableFuture<Optional<LoadBalancerInner>> find() {
        String name = name(scope.clusterId());
        return api.find("read load balancer " + name, LB_READ, () -> api.network().getLoadBalancers()
                .getByResourceGroupAsync(scope.resourceGroup(), name)).thenApply(lb -> lb.filter(this::ours));
    }

    /**
     * The cluster's public IP, if it exists.
     *
     * @return the public IP
     */
    public CompletableFuture<Optional<PublicIpAddressInner>> findIp() {
        String name = ipName(scope.clusterId());
        return api.find("read public IP " + name, PIP_READ, () -> api.network().getPublicIpAddresses()
                .getByResourceGroupAsync(scope.resourceGroup(), name)).thenApply(ip -> ip.filter(i -> {
                    if (!Tags.ofCluster(i.tags(), scope.clusterId())) {
                        throw ProviderException.permanent("public IP " + name + " is not tagged with cluster " + scope.clusterId()
                                + "'s id; it is left alone");
                    }
                    return true;
                }));
    }

    private boolean ours(LoadBalancerInner lb) {
        if (!Tags.ofCluster(lb.tags(), scope.clusterId())) {
            throw ProviderException.permanent("load balancer " + lb.name() + " is named like cluster " + scope.clusterId()
                    + "'s but is not tagged with its id; it is left alone");
        }
        return true;
    }

    private Map<String, String> tags() {
        return Tags.of(scope.ctx(), scope.cfg(), Map.of(ResourceTags.ROLE, Tags.LOAD_BALANCER));
    }

    private CompletableFuture<LoadBalancerInner> create(NetworkLayout layout, int port) {
        String name = name(scope.clusterId());
        String id = scope.id("Microsoft.Network/loadBalancers", name);
        CompletableFuture<FrontendIpConfigurationInner> frontend = scope.cfg().publicLoadBalancer()
                ? publicIp().thenApply(ip -> new FrontendIpConfigurationInner().withName(FRONTEND)
                        .withPublicIpAddress(new PublicIpAddressInner().withId(ip.id())))
                : CompletableFuture.completedFuture(new FrontendIpConfigurationInner().withName(FRONTEND)
                        .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)
                        .withSubnet(new SubnetInner().withId(layout.subnet(SecurityRule.CONTROL_PLANE).orElseThrow()))
                        .withZones(scope.cfg().zones().isEmpty() ? null : scope.cfg().zones()));
        return frontend.thenCompose(fe -> {
            LoadBalancerInner body = new LoadBalancerInner().withLocation(scope.cfg().location()).withTags(tags())
                    .withSku(new LoadBalancerSku().withName(LoadBalancerSkuName.STANDARD))
                    .withFrontendIpConfigurations(List.of(fe))
                    .withBackendAddressPools(List.of(new BackendAddressPoolInner().withName(POOL)))
                    .withProbes(List.of(new ProbeInner().withName(PROBE).withProtocol(ProbeProtocol.TCP).withPort(port)
                            .withIntervalInSeconds(5).withNumberOfProbes(2)))
                    .withLoadBalancingRules(List.of(new LoadBalancingRuleInner().withName(RULE)
                            .withFrontendIpConfiguration(new SubResource().withId(id + "/frontendIPConfigurations/" + FRONTEND))
                            .withBackendAddressPool(new SubResource().withId(id + "/backendAddressPools/" + POOL))
                            .withProbe(new SubResource().withId(id + "/probes/" + PROBE))
                            .withProtocol(TransportProtocol.TCP).withFrontendPort(port).withBackendPort(port)
                            .withIdleTimeoutInMinutes(30).withEnableTcpReset(true)));
            return api.lro("create load balancer " + name, LB_WRITE, () -> api.network().getLoadBalancers()
                    .beginCreateOrUpdateAsync(scope.resourceGroup(), name, body));
        });
    }

    private CompletableFuture<PublicIpAddressInner> publicIp() {
        String name = ipName(scope.clusterId());
        return findIp().thenCompose(found -> found.isPresent() ? CompletableFuture.completedFuture(found.get())
                : api.lro("create public IP " + name, PIP_WRITE, () -> api.network().getPublicIpAddresses()
                        .beginCreateOrUpdateAsync(scope.resourceGroup(), name, new PublicIpAddressInner()
                                .withLocation(scope.cfg().location()).withTags(tags())
                                .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                                .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)
                                .withZones(scope.cfg().zones().isEmpty() ? null : scope.cfg().zones())
                                .withDnsSettings(new PublicIpAddressDnsSettings().withDomainNameLabel(Names.dnsLabel(scope.clusterId()))))));
    }

    /** The name the API server is reached by: the public IP's DNS name (or address), or the private frontend's address. */
    private CompletableFuture<String> host(LoadBalancerInner lb) {
        if (!scope.cfg().publicLoadBalancer()) {
            return CompletableFuture.completedFuture(lb.frontendIpConfigurations() == null ? "" : lb.frontendIpConfigurations().stream()
                    .map(FrontendIpConfigurationInner::privateIpAddress).filter(a -> a != null).findFirst().orElse(""));
        }
        return findIp().thenApply(ip -> ip.map(i -> i.dnsSettings() != null && i.dnsSettings().fqdn() != null
                ? i.dnsSettings().fqdn() : i.ipAddress() == null ? "" : i.ipAddress()).orElse(""));
    }

    /**
     * Converges the backend pool: each control-plane VM's NIC joins it, every other NIC of the cluster leaves it.
     * Membership lives on the NICs' IP configurations, so each change is a PUT of one NIC.
     */
    private CompletableFuture<List<String>> members(LoadBalancerInner lb, List<String> targets) {
        String pool = lb.id() + "/backendAddressPools/" + POOL;
        Map<String, String> wantedNics = targets.stream().collect(Collectors.toMap(
                t -> Names.nic(t.substring(t.lastIndexOf('/') + 1)).toLowerCase(Locale.ROOT), t -> t, (a, b) -> a));
        String rg = scope.resourceGroup();
        return api.call("list network interfaces", Machines.NIC_READ, () -> api.network().getNetworkInterfaces()
                .listByResourceGroupAsync(rg).collectList()).thenCompose(nics -> {
                    Set<String> members = new TreeSet<>();
                    List<CompletableFuture<Void>> changes = new ArrayList<>();
                    for (NetworkInterfaceInner nic : nics) {
                        if (!Tags.ofCluster(nic.tags(), scope.clusterId()) || nic.ipConfigurations() == null
                                || nic.ipConfigurations().isEmpty()) {
                            continue;
                        }
                        String target = wantedNics.get(nic.name().toLowerCase(Locale.ROOT));
                        NetworkInterfaceIpConfigurationInner ipc = nic.ipConfigurations().get(0);
                        List<BackendAddressPoolInner> pools = ipc.loadBalancerBackendAddressPools() == null ? new ArrayList<>()
                                : new ArrayList<>(ipc.loadBalancerBackendAddressPools());
                        boolean in = pools.stream().anyMatch(p -> pool.equalsIgnoreCase(p.id()));
                        if (target != null) {
                            members.add(target);
                        }
                        if (target != null && !in) {
                            pools.add(new BackendAddressPoolInner().withId(pool));
                        } else if (target == null && in) {
                            pools.removeIf(p -> pool.equalsIgnoreCase(p.id()));
                        } else {
                            continue;
                        }
                        ipc.withLoadBalancerBackendAddressPools(pools);
                        changes.add(api.lro((target != null ? "add " : "remove ") + nic.name() + (target != null ? " to " : " from ")
                                + "the API load balancer", POOL_JOIN, () -> api.network().getNetworkInterfaces()
                                .beginCreateOrUpdateAsync(rg, nic.name(), nic)).thenApply(x -> null));
                    }
                    return CompletableFuture.allOf(changes.toArray(CompletableFuture[]::new)).thenApply(v -> List.copyOf(members));
                });
    }
}
