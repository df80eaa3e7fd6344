package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Deletes a cluster's infrastructure in dependency order: leftover image builders, the load balancer
 * and its target group, the NAT gateway and its Elastic IP, the internet gateway, the route table, the subnets, the security groups (their
 * rules first, since the two groups reference each other), the VPC. Everything is found by the cluster
 * id tag — or, for the ELBv2 resources found by name, checked against it — so untagged resources and
 * other clusters' are never touched, and a given VPC and subnets (untagged) stay. Each step treats
 * "already gone" as done. A step that AWS refuses for now (an NLB's interfaces still in a subnet) fails
 * retryably and the engine calls again.
 */
public final class Teardown {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Teardown.class);
    private final Scope scope;
    private final Machines machines;
    private final LoadBalancers loadBalancers;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     * @param machines the cluster's machines
     */
    public Teardown(Scope scope, Machines machines) {
        this.scope = scope;
        this.machines = machines;
        this.loadBalancers = new LoadBalancers(scope);
    }

    /**
     * Deletes everything.
     *
     * @return completes when nothing is left
     */
    public CompletableFuture<Void> run() {
        LOG.debug("cluster {}: deleting its tagged infrastructure", scope.clusterId());
        return instancesGone()
                .thenCompose(x -> loadBalancer())
                .thenCompose(x -> targetGroup())
                .thenCompose(x -> new NatGateways(scope.api(), scope.ctx(), scope.cfg()).delete())
                .thenCompose(x -> gateways())
                .thenCompose(x -> routeTables())
                .thenCompose(x -> subnets())
                .thenCompose(x -> securityGroups())
                .thenCompose(x -> vpcs());
    }

    /** Terminates leftover image builders; waits (by failing retryably) while any instance remains. */
    private CompletableFuture<Void> instancesGone() {
        return machines.instances(List.of(Tags.cluster(scope.clusterId()))).thenCompose(live -> {
            if (live.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            List<String> running = live.stream().filter(i -> !"shutting-down".equals(i.state().nameAsString()))
                    .map(Instance::instanceId).toList();
            return machines.terminate(running).thenApply(x -> {
                throw new ProviderException("DependencyViolation: " + live.size() + " instance(s) of cluster "
                        + scope.clusterId() + " are still terminating", "DependencyViolation", true, null);
            });
        });
    }

    private CompletableFuture<Void> loadBalancer() {
        return loadBalancers.find().thenCompose(lb -> lb.isEmpty() ? done()
                : ignoreMissing("DeleteLoadBalancer", () -> scope.api().elb("DeleteLoadBalancer", true, () -> scope.api().elb()
                        .deleteLoadBalancer(r -> r.loadBalancerArn(lb.get().loadBalancerArn())))));
    }

    private CompletableFuture<Void> targetGroup() {
        return loadBalancers.findTargetGroup().thenCompose(tg -> tg.isEmpty() ? done()
                : ignoreMissing("DeleteTargetGroup", () -> scope.api().elb("DeleteTargetGroup", true, () -> scope.api().elb()
                        .deleteTargetGroup(r -> r.targetGroupArn(tg.get().targetGroupArn())))));
    }

    private CompletableFuture<Void> gateways() {
        return scope.api().ec2("DescribeInternetGateways", true, () -> scope.api().ec2().describeInternetGateways(r -> r
                .filters(Tags.cluster(scope.clusterId())))).thenCompose(r -> each(r.internetGateways(), g -> {
                    CompletableFuture<Void> detached = done();
                    for (var a : g.attachments()) {
                        detached = detached.thenCompose(x -> ignoreMissing("DetachInternetGateway", () -> scope.api().ec2(
                                "DetachInternetGateway", true, () -> scope.api().ec2().detachInternetGateway(d -> d
                                        .internetGatewayId(g.internetGatewayId()).vpcId(a.vpcId())))));
                    }
                    return detached.thenCompose(x -> ignoreMissing("DeleteInternetGateway", () -> scope.api().ec2(
                            "DeleteInternetGateway", true, () -> scope.api().ec2().deleteInternetGateway(d -> d
                                    .internetGatewayId(g.internetGatewayId())))));
                }));
    }

    private CompletableFuture<Void> routeTables() {
        return scope.api().ec2("DescribeRouteTables", true, () -> scope.api().ec2().describeRouteTables(r -> r
                .filters(Tags.cluster(scope.clusterId())))).thenCompose(r -> each(r.routeTables(), t -> {
                    CompletableFuture<Void> free = done();
                    for (var a : t.associations()) {
                        if (Boolean.TRUE.equals(a.main())) {
                            continue;
                        }
                        free = free.thenCompose(x -> ignoreMissing("DisassociateRouteTable", () -> scope.api().ec2(
                                "DisassociateRouteTable", true, () -> scope.api().ec2().disassociateRouteTable(d -> d
                                        .associationId(a.routeTableAssociationId())))));
                    }
                    return free.thenCompose(x -> ignoreMissing("DeleteRouteTable", () -> scope.api().ec2("DeleteRouteTable", true,
                            () -> scope.api().ec2().deleteRouteTable(d -> d.routeTableId(t.routeTableId())))));
                }));
    }

    private CompletableFuture<Void> subnets() {
        return scope.api().ec2("DescribeSubnets", true, () -> scope.api().ec2().describeSubnets(r -> r.filters(Tags.cluster(scope.clusterId()))))
                .thenCompose(r -> each(r.subnets(), s -> ignoreMissing("DeleteSubnet", () -> scope.api().ec2("DeleteSubnet", true,
                        () -> scope.api().ec2().deleteSubnet(d -> d.subnetId(s.subnetId()))))));
    }

    private CompletableFuture<Void> securityGroups() {
        return scope.api().ec2("DescribeSecurityGroups", true, () -> scope.api().ec2().describeSecurityGroups(r -> r
                .filters(Tags.cluster(scope.clusterId())))).thenCompose(r -> {
                    List<SecurityGroup> groups = r.securityGroups();
                    return each(groups, this::revokeIngress).thenCompose(x -> each(groups, g -> ignoreMissing(
                            "DeleteSecurityGroup", () -> scope.api().ec2("DeleteSecurityGroup", true, () -> scope.api().ec2()
                                    .deleteSecurityGroup(d -> d.groupId(g.groupId()))))));
                });
    }

    /** The groups reference each other; neither can be deleted while the other's rules name it. */
    private CompletableFuture<Void> revokeIngress(SecurityGroup g) {
        List<IpPermission> rules = g.ipPermissions();
        if (rules.isEmpty()) {
            return done();
        }
        return ignoreMissing("RevokeSecurityGroupIngress", () -> scope.api().ec2("RevokeSecurityGroupIngress", true, () -> scope.api().ec2()
                .revokeSecurityGroupIngress(d -> d.groupId(g.groupId()).ipPermissions(rules))));
    }

    private CompletableFuture<Void> vpcs() {
        return scope.api().ec2("DescribeVpcs", true, () -> scope.api().ec2().describeVpcs(r -> r.filters(Tags.cluster(scope.clusterId()))))
                .thenCompose(r -> each(r.vpcs(), v -> ignoreMissing("DeleteVpc", () -> scope.api().ec2("DeleteVpc", true,
                        () -> scope.api().ec2().deleteVpc(d -> d.vpcId(v.vpcId()))))));
    }

    private static <T> CompletableFuture<Void> each(List<T> items, Function<T, CompletableFuture<Void>> step) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        items.forEach(i -> all.add(step.apply(i)));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static CompletableFuture<Void> ignoreMissing(String action, Supplier<CompletableFuture<?>> call) {
        return call.get().handle((r, e) -> {
            if (e != null && !AwsErrors.isNotFound(e)) {
                throw AwsErrors.map("ec2", action, e);
            }
            return null;
        });
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
