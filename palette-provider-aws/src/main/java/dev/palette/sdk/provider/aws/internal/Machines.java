package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.provider.aws.AwsCloudConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.HttpTokensState;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataEndpointState;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.VolumeType;

/**
 * EC2 instances as machines: launched with a client token derived from the cluster and machine name (so
 * EC2 itself recognises a repeated launch), tagged on create (instance, root volume, network interface),
 * found by tags, terminated on delete.
 */
public final class Machines {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Machines.class);
    /** States of instances that still exist; {@code terminated} ones linger in EC2 for an hour and are ignored. */
    static final String[] LIVE_STATES = {"pending", "running", "shutting-down", "stopping", "stopped"};

    private final AwsApi api;
    private final ProviderContext ctx;
    private final AwsCloudConfig cfg;
    private final Map<String, String> rootDevices;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     * @param rootDevices root device names by image id, shared across calls (an AMI's never changes)
     */
    public Machines(Scope scope, ConcurrentHashMap<String, String> rootDevices) {
        this.api = scope.api();
        this.ctx = scope.ctx();
        this.cfg = scope.cfg();
        this.rootDevices = rootDevices;
    }

    /**
     * Launches a machine unless one with its name exists.
     *
     * @param req the machine
     * @param layout the network to place it in
     * @return the machine
     */
    public CompletableFuture<MachineInfo> create(MachineRequest req, NetworkLayout layout) {
        return describe(req.machineName()).thenCompose(existing -> {
            if (existing.isPresent()) {
                return CompletableFuture.completedFuture(existing.get());
            }
            String role = req.role() == MachineRole.CONTROL_PLANE ? SecurityRule.CONTROL_PLANE : SecurityRule.WORKER;
            String zone = zoneOf(req);
            String subnet = layout.subnet(role, zone).orElseThrow(() -> ProviderException.permanent(
                    "the cluster's network has no " + role + " subnet in zone " + zone));
            String group = layout.securityGroup(role).orElseThrow(() -> ProviderException.permanent(
                    "the cluster's network has no " + role + " security group"));
            Map<String, String> extra = new LinkedHashMap<>(req.tags());
            extra.put(ResourceTags.MACHINE, req.machineName());
            extra.put(ResourceTags.POOL, req.pool());
            extra.put(ResourceTags.ROLE, role);
            extra.put(Tags.DISK_GIB, Integer.toString(req.diskGiB()));
            Map<String, String> tags = Tags.of(ctx, cfg, ctx.clusterName() + "-" + req.machineName(), extra);
            return rootDevice(req.imageId()).thenCompose(device -> launch(RunInstancesRequest.builder()
                    .imageId(req.imageId()).instanceType(req.instanceType()).subnetId(subnet).securityGroupIds(group)
                    .userData(Base64.getEncoder().encodeToString(req.userData().getBytes(StandardCharsets.UTF_8)))
                    .clientToken(Tags.clientToken(ctx.clusterId(), req.machineName()))
                    .blockDeviceMappings(rootVolume(device, req.diskGiB())), tags));
        });
    }

    /**
     * Launches one instance with the cluster's key pair and instance profile, tagged on create.
     *
     * @param request the instance-specific parts
     * @param tags the tags for the instance, its volumes and its network interface
     * @return the machine as EC2 reports it right after launch
     */
    CompletableFuture<MachineInfo> launch(RunInstancesRequest.Builder request, Map<String, String> tags) {
        request.minCount(1).maxCount(1)
                .tagSpecifications(Tags.spec(ResourceType.INSTANCE, tags), Tags.spec(ResourceType.VOLUME, tags),
                        Tags.spec(ResourceType.NETWORK_INTERFACE, tags))
                .metadataOptions(m -> m.httpTokens(HttpTokensState.REQUIRED).httpEndpoint(InstanceMetadataEndpointState.ENABLED));
        cfg.sshKeyName().ifPresent(request::keyName);
        cfg.instanceProfile().ifPresent(p -> request.iamInstanceProfile(ip -> {
            if (p.startsWith("arn:")) {
                ip.arn(p);
            } else {
                ip.name(p);
            }
        }));
        RunInstancesRequest built = request.build();
        // Safe to repeat: the client token makes EC2 return the first launch's instance.
        return api.ec2("RunInstances", true, () -> api.ec2().runInstances(built)).thenApply(r -> {
            MachineInfo m = info(r.instances().get(0));
            // Never the request itself: its user data holds bootstrap secrets.
            LOG.info("cluster {}: instance {} ({}, {}) launched for {}", ctx.clusterId(), m.providerId(), built.instanceTypeAsString(),
                    built.subnetId(), m.machineName());
            return m;
        });
    }

    static BlockDeviceMapping rootVolume(String device, int diskGiB) {
        return BlockDeviceMapping.builder().deviceName(device).ebs(e -> e.volumeSize(diskGiB).volumeType(VolumeType.GP3)
                .deleteOnTermination(true).encrypted(true)).build();
    }

    /** The root device name of an AMI, which the root volume mapping must name to resize it. */
    CompletableFuture<String> rootDevice(String imageId) {
        String known = rootDevices.get(imageId);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return api.ec2("DescribeImages", true, () -> api.ec2().describeImages(r -> r.imageIds(imageId))).thenApply(r -> {
            String device = r.images().stream().findFirst().map(i -> i.rootDeviceName())
                    .orElseThrow(() -> new ProviderException("image " + imageId + " does not exist in " + cfg.region(),
                            "InvalidAMIID.NotFound", true, null));
            rootDevices.put(imageId, device);
            return device;
        });
    }

    private String zoneOf(MachineRequest req) {
        return req.zone().isEmpty() ? cfg.zones().get(0) : req.zone();
    }

    /**
     * A machine by name.
     *
     * @param machineName the name
     * @return the machine, empty if none exists (terminated ones do not count)
     */
    public CompletableFuture<Optional<MachineInfo>> describe(String machineName) {
        return instances(List.of(Tags.cluster(ctx.clusterId()), Tags.filter(ResourceTags.MACHINE, machineName)))
                .thenApply(list -> list.stream().min(Comparator.comparing(Instance::launchTime, Comparator.nullsLast(
                        Comparator.naturalOrder())).thenComparing(Instance::instanceId)).map(Machines::info));
    }

    /**
     * Every machine of the cluster, image builders excepted.
     *
     * @return the machines
     */
    public CompletableFuture<List<MachineInfo>> list() {
        return instances(List.of(Tags.cluster(ctx.clusterId()))).thenApply(list -> list.stream()
                .filter(i -> !Tags.IMAGE_BUILDER.equals(Tags.map(i.tags()).get(ResourceTags.ROLE)))
                .map(Machines::info).toList());
    }

    /**
     * Terminates a machine; done if it is already gone.
     *
     * @param machineName the name
     * @return completes when EC2 accepted the termination
     */
    public CompletableFuture<Void> delete(String machineName) {
        return instances(List.of(Tags.cluster(ctx.clusterId()), Tags.filter(ResourceTags.MACHINE, machineName)))
                .thenCompose(list -> terminate(list.stream().filter(i -> !"shutting-down".equals(i.state().nameAsString()))
                        .map(Instance::instanceId).toList()));
    }

    /**
     * Terminates instances; instances that are already gone count as done.
     *
     * @param ids the instance ids
     * @return completes when EC2 accepted
     */
    CompletableFuture<Void> terminate(List<String> ids) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        LOG.info("cluster {}: terminating {}", ctx.clusterId(), ids);
        return api.ec2("TerminateInstances", true, () -> api.ec2().terminateInstances(r -> r.instanceIds(ids)))
                .handle((r, e) -> {
                    if (e != null && !AwsErrors.isNotFound(e)) {
                        throw AwsErrors.map("ec2", "TerminateInstances", e);
                    }
                    return null;
                });
    }

    /**
     * Live instances matching filters, every page.
     *
     * @param filters the filters
     * @return the instances
     */
    CompletableFuture<List<Instance>> instances(List<Filter> filters) {
        List<Filter> all = new ArrayList<>(filters);
        all.add(Tags.attribute("instance-state-name", LIVE_STATES));
        return page(all, null, new ArrayList<>());
    }

    private CompletableFuture<List<Instance>> page(List<Filter> filters, String token, List<Instance> acc) {
        return api.ec2("DescribeInstances", true, () -> api.ec2().describeInstances(r -> r.filters(filters).nextToken(token)))
                .thenCompose(r -> {
                    r.reservations().forEach(res -> acc.addAll(res.instances()));
                    return r.nextToken() == null || r.nextToken().isEmpty() ? CompletableFuture.completedFuture(acc)
                            : page(filters, r.nextToken(), acc);
                });
    }

    /**
     * The engine's view of an instance.
     *
     * @param i the instance
     * @return the machine
     */
    static MachineInfo info(Instance i) {
        Map<String, String> tags = Tags.map(i.tags());
        int disk;
        try {
            disk = Integer.parseInt(tags.getOrDefault(Tags.DISK_GIB, "0"));
        } catch (NumberFormatException e) {
            disk = 0;
        }
        return new MachineInfo(tags.getOrDefault(ResourceTags.MACHINE, i.instanceId()), i.instanceId(), state(i),
                i.placement() == null ? "" : i.placement().availabilityZone(), i.instanceTypeAsString(), disk, i.imageId(),
                i.privateIpAddress(), tags, i.launchTime() == null ? Instant.EPOCH : i.launchTime());
    }

    private static MachineState state(Instance i) {
        String s = i.state() == null ? "" : i.state().nameAsString();
        return switch (s) {
            case "pending" -> MachineState.PENDING;
            case "running" -> MachineState.RUNNING;
            case "shutting-down", "stopping", "stopped" -> MachineState.STOPPING;
            case "terminated" -> MachineState.TERMINATED;
            default -> MachineState.FAILED;
        };
    }
}
