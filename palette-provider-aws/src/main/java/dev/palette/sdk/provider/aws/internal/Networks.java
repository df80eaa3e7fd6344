package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.provider.aws.AwsCloudConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Makes or finds a cluster's network, one step after another, each finding by tag what an earlier
 * attempt made: the VPC, an internet gateway and a public route table, a control-plane and a worker
 * subnet per zone, and a security group per role with the engine's rules (only missing rules are added).
 * With an existing VPC only the security groups are made; the subnets are the configured ones.
 */
public final class Networks {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Networks.class);
    static final List<String> ROLES = List.of(SecurityRule.CONTROL_PLANE, SecurityRule.WORKER);
    private static final String ANY_IPV4 = "0.0.0.0/0";

    private final AwsApi api;
    private final ProviderContext ctx;
    private final AwsCloudConfig cfg;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public Networks(Scope scope) {
        this.api = scope.api();
        this.ctx = scope.ctx();
        this.cfg = scope.cfg();
    }

    /**
     * Finds what exists of the network, making nothing.
     *
     * @return the layout, empty if the cluster has no VPC (or no security groups in a given VPC)
     */
    public CompletableFuture<Optional<NetworkLayout>> find() {
        CompletableFuture<Optional<Vpc>> vpc = cfg.vpcId().isPresent()
                ? describeVpcs(List.of(), cfg.vpcId().get()).thenApply(l -> l.stream().findFirst())
                : describeVpcs(List.of(Tags.cluster(ctx.clusterId()))).thenApply(l -> l.stream().findFirst());
        return vpc.thenCompose(v -> {
            if (v.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<NetworkLayout>empty());
            }
            String vpcId = v.get().vpcId();
            return subnetsOf(vpcId).thenCombine(securityGroups(vpcId), (subnets, groups) -> {
                Map<String, String> sgIds = new HashMap<>();
                groups.forEach((role, g) -> sgIds.put(role, g.groupId()));
                return sgIds.isEmpty() ? Optional.<NetworkLayout>empty()
                        : Optional.of(new NetworkLayout(vpcId, v.get().cidrBlock(), subnets, sgIds, Map.of()));
            });
        });
    }

    /**
     * Makes or finds the whole network.
     *
     * @param request the zones and security rules
     * @return the layout
     */
    public CompletableFuture<NetworkLayout> ensure(NetworkRequest request) {
        Set<String> zoneSet = new LinkedHashSet<>(cfg.zones());
        zoneSet.addAll(request.zones());
        List<String> zones = List.copyOf(zoneSet);
        if (cfg.existingVpc()) {
            return describeVpcs(List.of(), cfg.vpcId().get()).thenCompose(vpcs -> {
                Vpc vpc = vpcs.stream().findFirst().orElseThrow(() -> ProviderException.permanent(
                        "VPC " + cfg.vpcId().get() + " (properties.vpcId) does not exist in " + cfg.region()));
                Map<String, String> subnets = new LinkedHashMap<>();
                cfg.subnets().forEach(s -> subnets.put(s.role() + "/" + s.zone(), s.id()));
                for (String z : zones) {
                    for (String role : ROLES) {
                        if (!subnets.containsKey(role + "/" + z)) {
                            throw ProviderException.permanent("no " + role + " subnet for zone " + z + " in properties.subnets");
                        }
                    }
                }
                return securityGroups(vpc, request.rules()).thenApply(sgs ->
                        new NetworkLayout(vpc.vpcId(), vpc.cidrBlock(), subnets, sgs, Map.of()));
            });
        }
        return vpc().thenCompose(vpc -> gateway(vpc.vpcId()).thenCompose(igw -> routeTable(vpc.vpcId(), igw)
                .thenCompose(rt -> subnets(vpc, zones, rt, igw.isPresent())
                        .thenCompose(subnets -> securityGroups(vpc, request.rules()).thenApply(sgs -> {
                            Map<String, String> extras = new LinkedHashMap<>();
                            igw.ifPresent(g -> extras.put("internetGateway", g));
                            extras.put("routeTable", rt.routeTableId());
                            return new NetworkLayout(vpc.vpcId(), vpc.cidrBlock(), subnets, sgs, extras);
                        })))));
    }

    // ---- VPC ------------------------------------------------------------------------------------------------

    private CompletableFuture<List<Vpc>> describeVpcs(List<Filter> filters, String... ids) {
        return api.ec2("DescribeVpcs", true, () -> api.ec2().describeVpcs(r -> r.filters(filters).vpcIds(ids)))
                .thenApply(r -> r.vpcs().stream().sorted(Comparator.comparing(Vpc::vpcId)).toList());
    }

    private CompletableFuture<Vpc> vpc() {
        return describeVpcs(List.of(Tags.cluster(ctx.clusterId()))).thenCompose(found -> {
            CompletableFuture<Vpc> vpc = !found.isEmpty() ? CompletableFuture.completedFuture(found.get(0))
                    : api.ec2("CreateVpc", false, () -> api.ec2().createVpc(r -> r.cidrBlock(cfg.vpcCidr())
                            .tagSpecifications(Tags.spec(ResourceType.VPC, tags("vpc", Map.of()))))).thenApply(r -> {
                        LOG.info("cluster {}: created VPC {} ({})", ctx.clusterId(), r.vpc().vpcId(), r.vpc().cidrBlock());
                        return r.vpc();
                    });
            // Nodes need DNS hostnames (kubeadm names nodes by them); setting it again is harmless.
            return vpc.thenCompose(v -> api.ec2("ModifyVpcAttribute", true, () -> api.ec2().modifyVpcAttribute(r -> r
                    .vpcId(v.vpcId()).enableDnsHostnames(b -> b.value(true)))).thenApply(x -> v));
        });
    }

    private Map<String, String> tags(String part, Map<String, String> extra) {
        return Tags.of(ctx, cfg, ctx.clusterName() + "-" + part, extra);
    }

    // ---- internet gateway and route table -------------------------------------------------------------------

    private CompletableFuture<Optional<String>> gateway(String vpcId) {
        if (!cfg.internetGateway()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return api.ec2("DescribeInternetGateways", true, () -> api.ec2().describeInternetGateways(r -> r
                .filters(Tags.cluster(ctx.clusterId())))).thenCompose(found -> {
                    Optional<InternetGateway> g = found.internetGateways().stream()
                            .min(Comparator.comparing(InternetGateway::internetGatewayId));
                    if (g.isPresent() && g.get().attachments().stream().anyMatch(a -> vpcId.equals(a.vpcId()))) {
                        return CompletableFuture.completedFuture(Optional.of(g.get().internetGatewayId()));
                    }
                    CompletableFuture<String> id = g.isPresent() ? CompletableFuture.completedFuture(g.get().internetGatewayId())
                            : api.ec2("CreateInternetGateway", false, () -> api.ec2().createInternetGateway(r -> r
                                    .tagSpecifications(Tags.spec(ResourceType.INTERNET_GATEWAY, tags("igw", Map.of())))))
                                    .thenApply(r -> r.internetGateway().internetGatewayId());
                    return id.thenCompose(igw -> api.ec2("AttachInternetGateway", true, () -> api.ec2()
                            .attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpcId))).thenApply(x -> Optional.of(igw)));
                });
    }

    private CompletableFuture<RouteTable> routeTable(String vpcId, Optional<String> igw) {
        return api.ec2("DescribeRouteTables", true, () -> api.ec2().describeRouteTables(r -> r
                .filters(Tags.cluster(ctx.clusterId()), Tags.attribute("vpc-id", vpcId)))).thenCompose(found -> {
                    Optional<RouteTable> rt = found.routeTables().stream().min(Comparator.comparing(RouteTable::routeTableId));
                    CompletableFuture<RouteTable> table = rt.isPresent() ? CompletableFuture.completedFuture(rt.get())
                            : api.ec2("CreateRouteTable", false, () -> api.ec2().createRouteTable(r -> r.vpcId(vpcId)
                                    .tagSpecifications(Tags.spec(ResourceType.ROUTE_TABLE, tags("public", Map.of())))))
                                    .thenApply(r -> r.routeTable());
                    return table.thenCompose(t -> {
                        boolean routed = t.routes().stream().anyMatch(r -> ANY_IPV4.equals(r.destinationCidrBlock()));
                        if (igw.isEmpty() || routed) {
                            return CompletableFuture.completedFuture(t);
                        }
                        return api.ec2("CreateRoute", true, () -> api.ec2().createRoute(r -> r.routeTableId(t.routeTableId())
                                .destinationCidrBlock(ANY_IPV4).gatewayId(igw.get()))).thenApply(x -> t);
                    });
                });
    }

    // ---- subnets --------------------------------------------------------------------------------------------

    private CompletableFuture<Map<String, String>> subnetsOf(String vpcId) {
        if (cfg.existingVpc()) {
            Map<String, String> m = new LinkedHashMap<>();
            cfg.subnets().forEach(s -> m.put(s.role() + "/" + s.zone(), s.id()));
            return CompletableFuture.completedFuture(m);
        }
        return describeSubnets(vpcId).thenApply(list -> {
            Map<String, String> m = new LinkedHashMap<>();
            list.forEach(s -> m.putIfAbsent(key(s), s.subnetId()));
            return m;
        });
    }

    private CompletableFuture<List<Subnet>> describeSubnets(String vpcId) {
        return api.ec2("DescribeSubnets", true, () -> api.ec2().describeSubnets(r -> r
                .filters(Tags.cluster(ctx.clusterId()), Tags.attribute("vpc-id", vpcId))))
                .thenApply(r -> r.subnets().stream().sorted(Comparator.comparing(Subnet::subnetId)).toList());
    }

    private static String key(Subnet s) {
        return Tags.map(s.tags()).getOrDefault(ResourceTags.ROLE, "") + "/" + s.availabilityZone();
    }

    private CompletableFuture<Map<String, String>> subnets(Vpc vpc, List<String> zones, RouteTable rt, boolean publicIps) {
        return describeSubnets(vpc.vpcId()).thenCompose(existing -> {
            Map<String, Subnet> byKey = new LinkedHashMap<>();
            existing.forEach(s -> byKey.putIfAbsent(key(s), s));
            List<String> used = new ArrayList<>(existing.stream().map(Subnet::cidrBlock).toList());
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (String zone : zones) {
                for (String role : ROLES) {
                    if (byKey.containsKey(role + "/" + zone)) {
                        continue;
                    }
                    String cidr = SubnetCidrs.next(vpc.cidrBlock(), role, used);
                    used.add(cidr);
                    chain = chain.thenCompose(x -> api.ec2("CreateSubnet", false, () -> api.ec2().createSubnet(r -> r
                            .vpcId(vpc.vpcId()).cidrBlock(cidr).availabilityZone(zone).tagSpecifications(Tags.spec(
                                    ResourceType.SUBNET, tags(role + "-" + zone, Map.of(ResourceTags.ROLE, role))))))
                            .thenAccept(r -> byKey.put(role + "/" + zone, r.subnet())));
                }
            }
            return chain.thenCompose(x -> attach(byKey.values(), rt, publicIps)).thenApply(x -> {
                Map<String, String> ids = new LinkedHashMap<>();
                byKey.forEach((k, s) -> ids.put(k, s.subnetId()));
                return ids;
            });
        });
    }

    /** Associates each subnet with the public route table, and lets it hand out public addresses. */
    private CompletableFuture<Void> attach(java.util.Collection<Subnet> subnets, RouteTable rt, boolean publicIps) {
        Set<String> associated = new java.util.HashSet<>();
        rt.associations().forEach(a -> associated.add(a.subnetId()));
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (Subnet s : subnets) {
            if (!associated.contains(s.subnetId())) {
                calls.add(api.ec2("AssociateRouteTable", true, () -> api.ec2().associateRouteTable(r -> r
                        .routeTableId(rt.routeTableId()).subnetId(s.subnetId()))));
            }
            if (publicIps && !Boolean.TRUE.equals(s.mapPublicIpOnLaunch())) {
                calls.add(api.ec2("ModifySubnetAttribute", true, () -> api.ec2().modifySubnetAttribute(r -> r
                        .subnetId(s.subnetId()).mapPublicIpOnLaunch(b -> b.value(true)))));
            }
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
    }

    // ---- security groups ------------------------------------------------------------------------------------

    private CompletableFuture<Map<String, SecurityGroup>> securityGroups(String vpcId) {
        return api.ec2("DescribeSecurityGroups", true, () -> api.ec2().describeSecurityGroups(r -> r
                .filters(Tags.cluster(ctx.clusterId()), Tags.attribute("vpc-id", vpcId)))).thenApply(r -> {
                    Map<String, SecurityGroup> m = new LinkedHashMap<>();
                    r.securityGroups().stream().sorted(Comparator.comparing(SecurityGroup::groupId))
                            .forEach(g -> m.putIfAbsent(Tags.map(g.tags()).getOrDefault(ResourceTags.ROLE, ""), g));
                    m.keySet().retainAll(ROLES);
                    return m;
                });
    }

    private CompletableFuture<Map<String, String>> securityGroups(Vpc vpc, List<SecurityRule> rules) {
        return securityGroups(vpc.vpcId()).thenCompose(found -> {
            Map<String, SecurityGroup> groups = new LinkedHashMap<>(found);
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (String role : ROLES) {
                if (groups.containsKey(role)) {
                    continue;
                }
                chain = chain.thenCompose(x -> api.ec2("CreateSecurityGroup", true, () -> api.ec2().createSecurityGroup(r -> r
                        .groupName(Tags.shortName(ctx.clusterId(), "-" + role, 255)).vpcId(vpc.vpcId())
                        .description("Palette cluster " + ctx.clusterId() + " " + role + " nodes")
                        .tagSpecifications(Tags.spec(ResourceType.SECURITY_GROUP, tags(role, Map.of(ResourceTags.ROLE, role))))))
                        .thenAccept(r -> groups.put(role, SecurityGroup.builder().groupId(r.groupId()).build())));
            }
            return chain.thenCompose(x -> {
                Map<String, String> ids = new LinkedHashMap<>();
                groups.forEach((role, g) -> ids.put(role, g.groupId()));
                SecurityRules wanted = new SecurityRules(ids, cfg.publicLoadBalancer() ? ANY_IPV4 : vpc.cidrBlock());
                List<CompletableFuture<?>> calls = new ArrayList<>();
                for (String role : ROLES) {
                    List<IpPermission> missing = wanted.missing(role, rules, groups.get(role).ipPermissions());
                    if (!missing.isEmpty()) {
                        calls.add(authorize(ids.get(role), missing));
                    }
                }
                return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(v -> ids);
            });
        });
    }

    private CompletableFuture<Void> authorize(String groupId, List<IpPermission> permissions) {
        return api.ec2("AuthorizeSecurityGroupIngress", true, () -> api.ec2().authorizeSecurityGroupIngress(r -> r
                .groupId(groupId).ipPermissions(permissions))).handle((r, e) -> {
                    if (e != null && !"InvalidPermission.Duplicate".equals(AwsErrors.code(e))) {
                        throw AwsErrors.map("ec2", "AuthorizeSecurityGroupIngress", e);
                    }
                    return null; // a concurrent attempt added the same rule: the rule is there either way
                });
    }
}
