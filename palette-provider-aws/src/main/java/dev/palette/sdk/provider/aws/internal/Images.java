package dev.palette.sdk.provider.aws.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.provider.aws.AwsCloudConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;

/**
 * AMIs for a cluster: a customized image found again by its signature tag, or built on a builder
 * instance and captured with {@code CreateImage}; otherwise the OS pack's base AMI, copied into the
 * region with {@code CopyImage} when it lives in another one. Every wait (a copy, a build) happens on
 * the EC2 waiter's schedule in the returned stage. Images are shared by every cluster with the same
 * signature and are not deleted with a cluster.
 */
public final class Images {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Images.class);
    private final AwsApi api;
    private final ProviderContext ctx;
    private final AwsCloudConfig cfg;
    private final Machines machines;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     * @param machines launches and terminates the builder
     */
    public Images(Scope scope, Machines machines) {
        this.api = scope.api();
        this.ctx = scope.ctx();
        this.cfg = scope.cfg();
        this.machines = machines;
    }

    /**
     * Makes or finds the image.
     *
     * @param req what is needed
     * @param network the cluster's network (for a builder), made if needed
     * @return the image
     */
    public CompletableFuture<ImageInfo> ensure(ImageRequest req, Supplier<CompletableFuture<NetworkLayout>> network) {
        return owned(List.of(Tags.filter(ResourceTags.IMAGE_SIGNATURE, req.signature()))).thenCompose(found -> {
            if (found.isPresent()) {
                return available(found.get()).thenApply(id -> new ImageInfo(id, req.signature(), ImageInfo.Origin.REUSED));
            }
            if (!req.needsCustomization()) {
                return base(req.base());
            }
            return base(req.base()).thenCompose(base -> build(base.imageId(), req, network));
        });
    }

    /** The newest of our own images matching filters that is available or on its way. */
    private CompletableFuture<Optional<Image>> owned(List<Filter> filters) {
        return api.ec2("DescribeImages", true, () -> api.ec2().describeImages(r -> r.owners("self").filters(filters)))
                .thenApply(r -> r.images().stream().filter(i -> "available".equals(i.stateAsString())
                                || "pending".equals(i.stateAsString()))
                        .max(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder()))));
    }

    private CompletableFuture<String> available(Image image) {
        return "available".equals(image.stateAsString()) ? CompletableFuture.completedFuture(image.imageId()) : await(image.imageId());
    }

    /** Waits until an image is available. */
    private CompletableFuture<String> await(String imageId) {
        return api.waiter().waitUntilImageAvailable(r -> r.imageIds(imageId)).handle((WaiterResponse<?> w, Throwable e) -> {
            if (e != null || w.matched().exception().isPresent()) {
                Throwable cause = e != null ? e : w.matched().exception().get();
                throw new ProviderException("image " + imageId + " did not become available: " + AwsErrors
                        .map("ec2", "DescribeImages", cause).getMessage(), "ImageNotAvailable", true, cause);
            }
            return imageId;
        });
    }

    /** The base image in this region: as it is, or a copy made (or found) from another region. */
    private CompletableFuture<ImageInfo> base(ImageReference ref) {
        if (ref.id().isEmpty()) {
            return CompletableFuture.failedFuture(ProviderException.permanent("the OS pack names no AWS image"));
        }
        boolean elsewhere = !ref.region().isEmpty() && !ref.region().equals(cfg.region());
        if (!elsewhere) {
            return inRegion(ref.id()).thenApply(id -> new ImageInfo(id, "", ImageInfo.Origin.BASE));
        }
        String source = ref.region() + "/" + ref.id();
        return owned(List.of(Tags.filter(Tags.SOURCE_IMAGE, source))).thenCompose(copy -> {
            if (copy.isPresent()) {
                return available(copy.get());
            }
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(ResourceTags.MANAGED_BY, ctx.tags().getOrDefault(ResourceTags.MANAGED_BY, "palette-sdk"));
            tags.put(Tags.SOURCE_IMAGE, source);
            tags.put(Tags.NAME, ref.id() + " from " + ref.region());
            LOG.info("cluster {}: copying image {} into {}", ctx.clusterId(), source, cfg.region());
            // The client token makes a repeated copy (a retry, a restarted engine) return the first copy.
            return api.ec2("CopyImage", true, () -> api.ec2().copyImage(r -> r.sourceRegion(ref.region())
                    .sourceImageId(ref.id()).name("palette-" + ref.id() + "-from-" + ref.region())
                    .description("Copy of " + source + " made by the Palette SDK")
                    .clientToken(Tags.clientToken("copy", source, cfg.region()))
                    .tagSpecifications(Tags.spec(ResourceType.IMAGE, tags))))
                    .thenCompose(r -> await(r.imageId()));
        }).thenApply(id -> new ImageInfo(id, "", ImageInfo.Origin.COPIED));
    }

    /** An AMI id checked to exist, or an image name resolved to the newest AMI of that name. */
    private CompletableFuture<String> inRegion(String idOrName) {
        boolean byId = idOrName.startsWith("ami-");
        return api.ec2("DescribeImages", true, () -> api.ec2().describeImages(r -> {
            if (byId) {
                r.imageIds(idOrName);
            } else {
                r.filters(Tags.attribute("name", idOrName));
            }
        })).handle((r, e) -> {
            Optional<Image> img = e != null ? Optional.empty() : r.images().stream()
                    .max(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder())));
            if (e != null && !AwsErrors.isNotFound(e)) {
                throw AwsErrors.map("ec2", "DescribeImages", e);
            }
            return img.map(Image::imageId).orElseThrow(() -> ProviderException.permanent("the OS pack's image "
                    + idOrName + " does not exist in region " + cfg.region()));
        });
    }

    /** Launches (or finds) the builder, waits until it powered off, captures it, and removes it. */
    private CompletableFuture<ImageInfo> build(String baseId, ImageRequest req, Supplier<CompletableFuture<NetworkLayout>> network) {
        List<Filter> builderFilters = List.of(Tags.cluster(ctx.clusterId()), Tags.filter(ResourceTags.ROLE, Tags.IMAGE_BUILDER),
                Tags.filter(ResourceTags.IMAGE_SIGNATURE, req.signature()));
        return machines.instances(builderFilters).thenCompose(existing -> existing.stream()
                        .filter(i -> !"shutting-down".equals(i.state().nameAsString())).findFirst()
                        .map(i -> CompletableFuture.completedFuture(i.instanceId()))
                        .orElseGet(() -> network.get().thenCompose(layout -> launchBuilder(baseId, req, layout))))
                .thenCompose(instanceId -> andFinally(capture(instanceId, req), () -> machines.terminate(List.of(instanceId))))
                .thenApply(id -> new ImageInfo(id, req.signature(), ImageInfo.Origin.BUILT));
    }

    /** The builder goes whether the capture worked or not; the capture's outcome is the result. */
    private static <T> CompletableFuture<T> andFinally(CompletableFuture<T> work, Supplier<CompletableFuture<Void>> cleanup) {
        return work.handle((v, e) -> cleanup.get().handle((x, cleanupError) -> x)
                .thenCompose(x -> e == null ? CompletableFuture.completedFuture(v) : CompletableFuture.<T>failedFuture(e)))
                .thenCompose(f -> f);
    }

    private CompletableFuture<String> launchBuilder(String baseId, ImageRequest req, NetworkLayout layout) {
        LOG.info("cluster {}: building image {} from {}", ctx.clusterId(), req.signature(), baseId);
        String zone = cfg.zones().get(0);
        String subnet = layout.subnet(SecurityRule.WORKER, zone).orElseThrow(() -> ProviderException.permanent(
                "the cluster's network has no worker subnet in zone " + zone + " for the image builder"));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put(ResourceTags.ROLE, Tags.IMAGE_BUILDER);
        extra.put(ResourceTags.IMAGE_SIGNATURE, req.signature());
        Map<String, String> tags = Tags.of(ctx, cfg, ctx.clusterName() + "-image-builder", extra);
        return machines.rootDevice(baseId).thenCompose(device -> machines.launch(RunInstancesRequest.builder()
                .imageId(baseId).instanceType("t3.medium").subnetId(subnet)
                .securityGroupIds(layout.securityGroup(SecurityRule.WORKER).orElseThrow())
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.STOP)
                .userData(Base64.getEncoder().encodeToString(req.builderUserData().getBytes(StandardCharsets.UTF_8)))
                .clientToken(Tags.clientToken(ctx.clusterId(), "image-builder", req.signature()))
                .blockDeviceMappings(Machines.rootVolume(device, 30)), tags)).thenApply(m -> m.providerId());
    }

    private CompletableFuture<String> capture(String instanceId, ImageRequest req) {
        return api.waiter().waitUntilInstanceStopped(r -> r.instanceIds(instanceId)).handle((WaiterResponse<?> w, Throwable e) -> {
            if (e != null || w.matched().exception().isPresent()) {
                throw new ProviderException("the image builder " + instanceId + " did not finish: " + AwsErrors.map("ec2",
                        "DescribeInstances", e != null ? e : w.matched().exception().get()).getMessage(), "ImageBuildFailed", true, e);
            }
            return instanceId;
        }).thenCompose(id -> {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put(ResourceTags.MANAGED_BY, ctx.tags().getOrDefault(ResourceTags.MANAGED_BY, "palette-sdk"));
            tags.put(ResourceTags.IMAGE_SIGNATURE, req.signature());
            tags.put(Tags.NAME, "palette-" + req.signature().substring(0, Math.min(16, req.signature().length())));
            return api.ec2("CreateImage", false, () -> api.ec2().createImage(r -> r.instanceId(id)
                    .name("palette-" + req.signature()).description("Palette SDK image, Kubernetes " + req.kubernetesVersion())
                    .tagSpecifications(Tags.spec(ResourceType.IMAGE, tags), Tags.spec(ResourceType.SNAPSHOT, tags))));
        }).thenCompose(r -> await(r.imageId()));
    }
}
