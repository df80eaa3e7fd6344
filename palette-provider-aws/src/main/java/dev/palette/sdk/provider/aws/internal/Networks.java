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
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.CreateRouteRequest;
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
    /** Role tags of the route tables. */
    private static final String PUBLIC = "public";
    private static final String PRIVATE = "private";

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
                .thenCompose(rt -> subnets(vpc, zones).thenCompose(made -> routed(vpc.vpcId(), zones, made, rt, igw.isPresent())
                        .thenCompose(extras -> securityGroups(vpc, request.rules()).thenApply(sgs -> {
                            igw.ifPresent(g -> extras.put("internetGateway", g));
                            extras.put("routeTable", rt.routeTableId());
                            Map<String, String> subnets = new LinkedHashMap<>();
                            made.forEach((k, sn) -> subnets.put(k, sn.subnetId()));
                            return new NetworkLayout(vpc.vpcId(), vpc.cidrBlock(), subnets, sgs, extras);
                        }))))));
    }

    /**
     * Routes the subnets: all through the public route table; or, with a NAT gateway, the control-plane
     * subnets through it and the worker subnets, which then hand out no public addresses, through a
     * private route table whose default route is a NAT gateway in the first zone's control-plane subnet.
     */
    private CompletableFuture<Map<String, String>> routed(String vpcId, List<String> zones, Map<String, Subnet> subnets,
                                                          RouteTable publicRt, boolean igw) {
        Map<String, String> extras = new LinkedHashMap<>();
        if (!cfg.natGateway()) {
            return attach(subnets.values(), publicRt, igw).thenApply(x -> extras);
        }
        List<Subnet> cp = new ArrayList<>();
        List<Subnet> workers = new ArrayList<>();
        subnets.forEach((k, sn) -> (k.startsWith(SecurityRule.CONTROL_PLANE + "/") ? cp : workers).add(sn));
        String natSubnet = subnets.get(SecurityRule.CONTROL_PLANE + "/" + zones.get(0)).subnetId();
        return attach(cp, publicRt, igw)
                .thenCompose(x -> new NatGateways(api, ctx, cfg).ensure(natSubnet))
                .thenCompose(nat -> privateRouteTable(vpcId, nat).thenCompose(rt -> attach(workers, rt, false).thenApply(x -> {
                    extras.put("natGateway", nat);
                    extras.put("privateRouteTable", rt.routeTableId());
                    return extras;
                })));
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
        return routeTable(vpcId, PUBLIC, igw.map(g -> (Consumer<CreateRouteRequest.Builder>) r -> r.gatewayId(g)));
    }

    private CompletableFuture<RouteTable> privateRouteTable(String vpcId, String natGatewayId) {
        return routeTable(vpcId, PRIVATE, Optional.of(r -> r.natGatewayId(natGatewayId)));
    }

    /**
     * Makes or finds the cluster's route table of a kind and gives it its default route. Route tables made
     * before the private one existed carry no role tag; they are the public one.
     */
    private CompletableFuture<RouteTable> routeTable(String vpcId, String kind,
            Optional<Consumer<CreateRouteRequest.Builder>> target) {
        return api.ec2("DescribeRouteTables", true, () -> api.ec2().describeRouteTables(r -> r
                .filters(Tags.cluster(ctx.clusterId()), Tags.attribute("vpc-id", vpcId)))).thenCompose(found -> {
                    Optional<RouteTable> rt = found.routeTables().stream()
                            .filter(t -> kind.equals(Tags.map(t.tags()).getOrDefault(ResourceTags.ROLE, PUBLIC)))
                            .min(Comparator.comparing(RouteTable::routeTableId));
                    CompletableFuture<RouteTable> table = rt.isPresent() ? CompletableFuture.completedFuture(rt.get())
                            : api.ec2("CreateRouteTable", false, () -> api.ec2().createRouteTable(r -> r.vpcId(vpcId)
                                    .tagSpecifications(Tags.spec(ResourceType.ROUTE_TABLE, tags(kind, Map.of(ResourceTags.ROLE, kind))))))
                                    .thenApply(r -> r.routeTable());
                    return table.thenCompose(t -> {
                        boolean routed = t.routes().stream().anyMatch(r -> ANY_IPV4.equals(r.destinationCidrBlock()));
                        if (target.isEmpty() || routed) {
                            return CompletableFuture.completedFuture(t);
                        }
                        return api.ec2("CreateRoute", true, () -> api.ec2().createRoute(r -> {
                            r.routeTableId(t.routeTableId()).destinationCidrBlock(ANY_IPV4);
                            target.get().accept(r);
                        })).thenApply(x -> t);
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

    /** Makes the missing subnets: a control-plane and a worker subnet per zone, keyed {@code role/zone}. */
    private CompletableFuture<Map<String, Subnet>> subnets(Vpc vpc, List<String> zones) {
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
            return chain.thenApply(x -> byKey);
        });
    }

    /** Associates each subnet with a route table, and lets it hand out public addresses if asked. */
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
                    List<IpPermission> have = groups.get(role).ipPermissions();
                    List<IpPermission> missing = wanted.missing(role, rules, have);
                    List<IpPermission> stale = wanted.stale(role, rules, have);
                    CompletableFuture<Void> added = missing.isEmpty() ? CompletableFuture.completedFuture(null)
                            : authorize(ids.get(role), missing);
                    calls.add(stale.isEmpty() ? added : added.thenCompose(done -> revoke(ids.get(role), stale)));
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

    private CompletableFuture<Void> revoke(String groupId, List<IpPermission> permissions) {
        LOG.info("cluster {}: revoking {} ingress rule(s) no longer asked for from {}", ctx.clusterId(), permissions.size(), groupId);
        return api.ec2("RevokeSecurityGroupIngress", true, () -> api.ec2().revokeSecurityGroupIngress(r -> r
                .groupId(groupId).ipPermissions(permissions))).handle((r, e) -> {
                    if (e != null && !"InvalidPermission.NotFound".equals(AwsErrors.code(e))) {
                        throw AwsErrors.map("ec2", "RevokeSecurityGroupIngress", e);
                    }
                    return null; // a concurrent attempt removed it already
                });
    }
}
