package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The API server's Network Load Balancer: one per cluster in its control-plane subnets, a TCP listener
 * forwarding to a target group of the control-plane instances, whose members are converged to the
 * request. ELBv2 names are unique per account and region, so the names derive from the cluster id and a
 * create with the same name and settings returns the existing resource; the cluster id tag is checked
 * before anything found by name is used or deleted.
 */
public final class LoadBalancers {
    static final int MAX_NAME = 32;

    private final Scope scope;
    private final AwsApi api;
    private final ProviderContext ctx;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public LoadBalancers(Scope scope) {
        this.scope = scope;
        this.api = scope.api();
        this.ctx = scope.ctx();
    }

    /**
     * The load balancer's (and target group's) name.
     *
     * @param clusterId the cluster id
     * @return the name
     */
    static String name(String clusterId) {
        return Tags.shortName(clusterId, "-api", MAX_NAME);
    }

    /**
     * Makes or finds the load balancer and converges its targets.
     *
     * @param request the port and targets
     * @param network the cluster's network, made if needed
     * @return the load balancer
     */
    public CompletableFuture<LoadBalancerInfo> ensure(LoadBalancerRequest request, Supplier<CompletableFuture<NetworkLayout>> network) {
        return find().thenCompose(lb -> lb.isPresent() ? CompletableFuture.completedFuture(lb.get())
                : network.get().thenCompose(this::create)).thenCompose(lb -> targetGroup(lb, request));
    }

    private CompletableFuture<LoadBalancer> create(NetworkLayout layout) {
        Map<String, String> tags = Tags.of(ctx, scope.cfg(), ctx.clusterName() + "-api", Map.of(ResourceTags.ROLE, Tags.LOAD_BALANCER));
        return api.elb("CreateLoadBalancer", true, () -> api.elb().createLoadBalancer(r -> r.name(name(ctx.clusterId()))
                .type(LoadBalancerTypeEnum.NETWORK).subnets(layout.controlPlaneSubnets()).tags(Tags.elb(tags))
                .scheme(scope.cfg().publicLoadBalancer() ? LoadBalancerSchemeEnum.INTERNET_FACING : LoadBalancerSchemeEnum.INTERNAL)))
                .thenApply(r -> r.loadBalancers().get(0));
    }

    private CompletableFuture<LoadBalancerInfo> targetGroup(LoadBalancer lb, LoadBalancerRequest request) {
        return findTargetGroup().thenCompose(tg -> tg.isPresent() ? CompletableFuture.completedFuture(tg.get())
                : createTargetGroup(request.port(), lb.vpcId()))
                .thenCompose(tg -> listener(lb, tg, request.port()).thenCompose(x -> targets(tg, request.targets())))
                .thenApply(targets -> new LoadBalancerInfo(lb.loadBalancerArn(), lb.dnsName(), request.port(), targets));
    }

    private CompletableFuture<TargetGroup> createTargetGroup(int port, String vpcId) {
        Map<String, String> tags = Tags.of(ctx, scope.cfg(), ctx.clusterName() + "-api", Map.of(ResourceTags.ROLE, Tags.LOAD_BALANCER));
        return api.elb("CreateTargetGroup", true, () -> api.elb().createTargetGroup(r -> r
                .name(name(ctx.clusterId())).protocol(ProtocolEnum.TCP).port(port).vpcId(vpcId)
                .targetType(TargetTypeEnum.INSTANCE).healthCheckProtocol(ProtocolEnum.TCP).tags(Tags.elb(tags))))
                .thenApply(r -> r.targetGroups().get(0));
    }

    private CompletableFuture<Void> listener(LoadBalancer lb, TargetGroup tg, int port) {
        return api.elb("DescribeListeners", true, () -> api.elb().describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())))
                .thenCompose(r -> {
                    if (r.listeners().stream().anyMatch(l -> l.port() != null && l.port() == port)) {
                        return CompletableFuture.completedFuture(null);
                    }
                    return api.elb("CreateListener", true, () -> api.elb().createListener(c -> c
                            .loadBalancerArn(lb.loadBalancerArn()).protocol(ProtocolEnum.TCP).port(port)
                            .defaultActions(Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(tg.targetGroupArn()).build()))).thenApply(x -> null);
                });
    }

    /** Registers missing targets and deregisters extra ones; returns the members afterwards. */
    private CompletableFuture<List<String>> targets(TargetGroup tg, List<String> wanted) {
        return api.elb("DescribeTargetHealth", true, () -> api.elb().describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn())))
                .thenCompose(r -> {
                    Set<String> current = new TreeSet<>();
                    r.targetHealthDescriptions().forEach(d -> current.add(d.target().id()));
                    List<TargetDescription> add = wanted.stream().filter(id -> !current.contains(id)).distinct()
                            .map(id -> TargetDescription.builder().id(id).build()).toList();
                    List<TargetDescription> remove = current.stream().filter(id -> !wanted.contains(id))
                            .map(id -> TargetDescription.builder().id(id).build()).toList();
                    List<CompletableFuture<?>> calls = new ArrayList<>();
                    if (!add.isEmpty()) {
                        calls.add(api.elb("RegisterTargets", true, () -> api.elb().registerTargets(x -> x
                                .targetGroupArn(tg.targetGroupArn()).targets(add))));
                    }
                    if (!remove.isEmpty()) {
                        calls.add(api.elb("DeregisterTargets", true, () -> api.elb().deregisterTargets(x -> x
                                .targetGroupArn(tg.targetGroupArn()).targets(remove))));
                    }
                    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                            .thenApply(v -> List.copyOf(new TreeSet<>(wanted)));
                });
    }

    /**
     * The cluster's load balancer, if it exists.
     *
     * @return the load balancer
     */
    public CompletableFuture<Optional<LoadBalancer>> find() {
        return owned("DescribeLoadBalancers", () -> api.elb().describeLoadBalancers(r -> r.names(name(ctx.clusterId())))
                .thenApply(r -> r.loadBalancers().get(0)), LoadBalancer::loadBalancerArn);
    }

    /**
     * The cluster's target group, if it exists.
     *
     * @return the target group
     */
    public CompletableFuture<Optional<TargetGroup>> findTargetGroup() {
        return owned("DescribeTargetGroups", () -> api.elb().describeTargetGroups(r -> r.names(name(ctx.clusterId())))
                .thenApply(r -> r.targetGroups().get(0)), TargetGroup::targetGroupArn);
    }

    /** A resource looked up by its name: empty when there is none, checked to be this cluster's when there is. */
    private <T> CompletableFuture<Optional<T>> owned(String action, Supplier<CompletableFuture<T>> byName,
                                                     java.util.function.Function<T, String> arn) {
        return api.elb(action, true, byName).handle((found, e) -> {
            if (e != null) {
                if (AwsErrors.isNotFound(e)) {
                    return CompletableFuture.completedFuture(Optional.<T>empty());
                }
                throw AwsErrors.map("elasticloadbalancing", action, e);
            }
            return checkTags(arn.apply(found)).thenApply(x -> Optional.of(found));
        }).thenCompose(f -> f);
    }

    /** Fails unless the resource carries this cluster's id: a name is no proof of ownership. */
    private CompletableFuture<Void> checkTags(String arn) {
        return api.elb("DescribeTags", true, () -> api.elb().describeTags(r -> r.resourceArns(arn))).thenApply(r -> {
            boolean mine = r.tagDescriptions().stream().flatMap(d -> d.tags().stream())
                    .anyMatch(t -> ResourceTags.CLUSTER_ID.equals(t.key()) && ctx.clusterId().equals(t.value()));
            if (!mine) {
                throw ProviderException.permanent(arn + " is named like cluster " + ctx.clusterId()
                        + "'s but is not tagged with its id; it is left alone");
            }
            return null;
        });
    }
}
