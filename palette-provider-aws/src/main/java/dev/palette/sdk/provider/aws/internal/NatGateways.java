package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.provider.aws.AwsCloudConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NatGatewayState;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * A cluster's NAT gateway, which gives the machines of private worker subnets their way out to the
 * internet (image registries, package mirrors) without public addresses: an Elastic IP and the gateway in
 * a public subnet, both tagged as they are made and found again by tag. The gateway takes a minute or so
 * to become available; until it is, {@link #ensure} fails retryably and the engine calls again, so the
 * wait holds no thread and shows on the cluster's {@code InfrastructureReady} condition.
 */
final class NatGateways {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NatGateways.class);
    /** States of a gateway that still exists or will again be usable; {@code failed} and {@code deleted} ones do not count. */
    private static final Set<NatGatewayState> LIVE = Set.of(NatGatewayState.PENDING, NatGatewayState.AVAILABLE);

    private final AwsApi api;
    private final ProviderContext ctx;
    private final AwsCloudConfig cfg;

    NatGateways(AwsApi api, ProviderContext ctx, AwsCloudConfig cfg) {
        this.api = api;
        this.ctx = ctx;
        this.cfg = cfg;
    }

    /**
     * Makes or finds the gateway in {@code publicSubnetId}.
     *
     * @param publicSubnetId a subnet routed to the internet gateway
     * @return the gateway id, once it is available
     */
    CompletableFuture<String> ensure(String publicSubnetId) {
        return gateways().thenCompose(found -> {
            Optional<NatGateway> live = found.stream().filter(g -> LIVE.contains(g.state())).findFirst();
            if (live.isPresent()) {
                return available(live.get());
            }
            found.stream().filter(g -> g.state() == NatGatewayState.FAILED).findFirst().ifPresent(g ->
                    LOG.warn("cluster {}: NAT gateway {} failed ({}); making another", ctx.clusterId(), g.natGatewayId(),
                            g.failureMessage()));
            return address().thenCompose(allocationId -> api.ec2("CreateNatGateway", true, () -> api.ec2().createNatGateway(r -> r
                    .subnetId(publicSubnetId).allocationId(allocationId)
                    // One token per address: a retried call returns the same gateway, and a failed gateway
                    // (whose address is free again) is followed by a new one with a new address.
                    .clientToken(Tags.clientToken(ctx.clusterId(), "nat", allocationId))
                    .tagSpecifications(Tags.spec(ResourceType.NATGATEWAY, Tags.of(ctx, cfg, ctx.clusterName() + "-nat", Map.of())))))
                    .thenCompose(r -> {
                        LOG.info("cluster {}: created NAT gateway {} in {}", ctx.clusterId(), r.natGateway().natGatewayId(),
                                publicSubnetId);
                        return available(r.natGateway());
                    }));
        });
    }

    private CompletableFuture<String> available(NatGateway g) {
        if (g.state() == NatGatewayState.AVAILABLE) {
            return CompletableFuture.completedFuture(g.natGatewayId());
        }
        return CompletableFuture.failedFuture(new ProviderException("NAT gateway " + g.natGatewayId() + " is "
                + g.stateAsString() + "; waiting until it is available", "NatGatewayPending", true, null));
    }

    /** The cluster's Elastic IP that no gateway uses, or a new one. */
    private CompletableFuture<String> address() {
        return addresses().thenCompose(found -> {
            Optional<Address> free = found.stream().filter(a -> a.associationId() == null).findFirst();
            if (free.isPresent()) {
                return CompletableFuture.completedFuture(free.get().allocationId());
            }
            return api.ec2("AllocateAddress", false, () -> api.ec2().allocateAddress(r -> r.domain(DomainType.VPC)
                    .tagSpecifications(Tags.spec(ResourceType.ELASTIC_IP, Tags.of(ctx, cfg, ctx.clusterName() + "-nat", Map.of())))))
                    .thenApply(r -> r.allocationId());
        });
    }

    private CompletableFuture<List<NatGateway>> gateways() {
        return api.ec2("DescribeNatGateways", true, () -> api.ec2().describeNatGateways(r -> r.filter(Tags.cluster(ctx.clusterId()))))
                .thenApply(r -> r.natGateways().stream().sorted(Comparator.comparing(NatGateway::natGatewayId)).toList());
    }

    private CompletableFuture<List<Address>> addresses() {
        return api.ec2("DescribeAddresses", true, () -> api.ec2().describeAddresses(r -> r.filters(Tags.cluster(ctx.clusterId()))))
                .thenApply(r -> r.addresses().stream().sorted(Comparator.comparing(Address::allocationId)).toList());
    }

    /**
     * Deletes the cluster's gateways and then releases its addresses; fails retryably while a gateway is
     * still being deleted (its address and its subnet stay in use until then).
     *
     * @return completes when neither is left
     */
    CompletableFuture<Void> delete() {
        return gateways().thenCompose(found -> {
            List<CompletableFuture<?>> calls = new ArrayList<>();
            List<String> going = new ArrayList<>();
            for (NatGateway g : found) {
                if (g.state() == NatGatewayState.DELETED) {
                    continue;
                }
                going.add(g.natGatewayId());
                if (g.state() != NatGatewayState.DELETING) {
                    calls.add(api.ec2("DeleteNatGateway", true, () -> api.ec2().deleteNatGateway(r -> r.natGatewayId(g.natGatewayId())))
                            .handle((r, e) -> {
                                if (e != null && !AwsErrors.isNotFound(e)) {
                                    throw AwsErrors.map("ec2", "DeleteNatGateway", e);
                                }
                                return null;
                            }));
                }
            }
            return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenCompose(x -> {
                if (!going.isEmpty()) {
                    throw new ProviderException("DependencyViolation: NAT gateway(s) " + String.join(", ", going)
                            + " of cluster " + ctx.clusterId() + " are still being deleted", "DependencyViolation", true, null);
                }
                return release();
            });
        });
    }

    private CompletableFuture<Void> release() {
        return addresses().thenCompose(found -> CompletableFuture.allOf(found.stream().map(a -> api.ec2("ReleaseAddress", true,
                () -> api.ec2().releaseAddress(r -> r.allocationId(a.allocationId()))).handle((r, e) -> {
                    if (e != null && !AwsErrors.isNotFound(e)) {
                        throw AwsErrors.map("ec2", "ReleaseAddress", e);
                    }
                    return null;
                })).toArray(CompletableFuture[]::new)));
    }
}
