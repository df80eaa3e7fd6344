package dev.palette.sdk.provider.azure.internal;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.fluent.models.SnapshotInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.HyperVGenerationTypes;
import com.azure.resourcemanager.compute.models.ImageOSDisk;
import com.azure.resourcemanager.compute.models.ImageStorageProfile;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.OperatingSystemStateTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Images for a cluster. A customized image is found again by its signature tag in the image resource group,
 * or built: a builder VM boots the base image in the cluster's worker subnet, runs the OS pack's roles and
 * powers itself off; it is then deallocated, generalized and captured into a managed image tagged with the
 * signature, and deleted whatever the outcome. Otherwise the OS pack's base image: a marketplace URN
 * ({@code publisher:offer:sku:version}, checked to exist in the location), a gallery image version (checked to
 * be replicated there), a managed image, or a VHD blob imported into a managed image in the location (through
 * an incremental snapshot copied across locations when the VHD lives elsewhere). Images are shared by every
 * cluster with the same signature or source and are never deleted with a cluster.
 */
public final class Images {
    /** Deprovisions the Azure agent's user and host state so that the captured image can be generalized. */
    private static final String GENERALIZE = "waagent -deprovision+user -force || true; cloud-init clean --logs || true";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Images.class);
    static final String IMAGE_READ = "Microsoft.Compute/images/read";
    static final String IMAGE_WRITE = "Microsoft.Compute/images/write";
    static final String SNAPSHOT_WRITE = "Microsoft.Compute/snapshots/write";
    static final String SNAPSHOT_READ = "Microsoft.Compute/snapshots/read";
    static final String SNAPSHOT_DELETE = "Microsoft.Compute/snapshots/delete";
    static final String MARKETPLACE_READ = "Microsoft.Compute/locations/publishers/artifacttypes/offers/skus/versions/read";
    static final String GALLERY_READ = "Microsoft.Compute/galleries/images/versions/read";
    /** The builder's size: 2 vCPUs, available in nearly every location. */
    static final String BUILDER_SIZE = "Standard_D2s_v3";

    private final Scope scope;
    private final AzureApi api;
    private final Machines machines;
    private final Waits waits;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     * @param machines makes and deletes the builder
     * @param waits how the builder's power-off and snapshot copies are awaited
     */
    public Images(Scope scope, Machines machines, Waits waits) {
        this.scope = scope;
        this.api = scope.api();
        this.machines = machines;
        this.waits = waits;
    }

    /**
     * Makes or finds the image.
     *
     * @param req what is needed
     * @param network the cluster's network (for a builder), made if needed
     * @return the image
     */
    public CompletableFuture<ImageInfo> ensure(ImageRequest req, Supplier<CompletableFuture<NetworkLayout>> network) {
        return owned(ResourceTags.IMAGE_SIGNATURE, req.signature()).thenCompose(found -> {
            if (found.isPresent()) {
                ImageInfo reused = new ImageInfo(found.get().id(), req.signature(), ImageInfo.Origin.REUSED);
                // A builder whose deletion failed (or an engine that stopped right after the capture) is removed now;
                // the image is there either way, so a failing cleanup does not fail the call.
                return machines.vm(builderName(req)).thenCompose(b -> b.isEmpty() ? CompletableFuture.completedFuture(null)
                        : machines.deleteVm(builderName(req))).handle((x, e) -> reused);
            }
            if (!req.needsCustomization()) {
                return base(req.base());
            }
            return base(req.base()).thenCompose(base -> build(base.imageId(), req, network));
        });
    }

    /** The newest image in the image resource group carrying a tag, made in this location and finished. */
    private CompletableFuture<Optional<ImageInner>> owned(String tag, String value) {
        String rg = scope.cfg().imageResourceGroup();
        return api.find("list images", IMAGE_READ, () -> api.compute().getImages().listByResourceGroupAsync(rg).collectList())
                .thenApply(l -> l.orElse(List.of()).stream()
                        .filter(i -> value.equals(Tags.get(i.tags(), tag)) && sameLocation(i.location()))
                        .filter(i -> "Succeeded".equals(i.provisioningState()))
                        .max(Comparator.comparing(ImageInner::name)));
    }

    private boolean sameLocation(String location) {
        return location != null && normalized(location).equals(normalized(scope.cfg().location()));
    }

    private static String normalized(String location) {
        return location.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    // ---- base images ----------------------------------------------------------------------------------------

    private CompletableFuture<ImageInfo> base(ImageReference ref) {
        String id = ref.id();
        Map<String, String> a = ref.attributes();
        if (id.isEmpty() && a.containsKey("publisher") && a.containsKey("offer") && a.containsKey("sku")) {
            id = a.get("publisher") + ":" + a.get("offer") + ":" + a.get("sku") + ":" + a.getOrDefault("version", "latest");
        }
        if (id.isEmpty()) {
            return CompletableFuture.failedFuture(ProviderException.permanent("the OS pack names no Azure image"));
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if (ImageIds.isMarketplace(id)) {
            return marketplace(id);
        }
        if (lower.startsWith("https://") && lower.contains(".vhd")) {
            return vhd(id, ref);
        }
        if (lower.startsWith("/subscriptions/") && lower.contains("/galleries/") && lower.contains("/versions/")) {
            return galleryVersion(id);
        }
        try {
            ImageIds.reference(id);
        } catch (ProviderException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(new ImageInfo(id, "", ImageInfo.Origin.BASE));
    }

    private CompletableFuture<ImageInfo> marketplace(String urn) {
        String[] p = urn.split(":", -1);
        String location = scope.cfg().location();
        CompletableFuture<Boolean> exists = "latest".equalsIgnoreCase(p[3])
                ? api.find("list versions of " + urn, MARKETPLACE_READ, () -> api.compute().getVirtualMachineImages()
                        .listAsync(location, p[0], p[1], p[2])).thenApply(v -> v.map(l -> !l.isEmpty()).orElse(false))
                : api.find("read image " + urn, MARKETPLACE_READ, () -> api.compute().getVirtualMachineImages()
                        .getAsync(location, p[0], p[1], p[2], p[3])).thenApply(Optional::isPresent);
        return exists.thenApply(ok -> {
            if (!ok) {
                throw ProviderException.permanent("the OS pack's marketplace image " + urn + " does not exist in location " + location);
            }
            return new ImageInfo(urn, "", ImageInfo.Origin.BASE);
        });
    }

    private CompletableFuture<ImageInfo> galleryVersion(String id) {
        String[] s = id.split("/");
        // /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/galleries/{g}/images/{i}/versions/{v}
        if (s.length < 13) {
            return CompletableFuture.failedFuture(ProviderException.permanent("'" + id + "' is not a gallery image version id"));
        }
        String rg = s[4];
        String gallery = s[8];
        String image = s[10];
        String version = s[12];
        return api.find("read gallery image version " + id, GALLERY_READ, () -> api.compute().getGalleryImageVersions()
                .getAsync(rg, gallery, image, version)).thenApply(v -> {
                    if (v.isEmpty()) {
                        throw ProviderException.permanent("the OS pack's gallery image version " + id + " does not exist");
                    }
                    boolean here = v.get().publishingProfile() == null || v.get().publishingProfile().targetRegions() == null
                            || v.get().publishingProfile().targetRegions().isEmpty() && sameLocation(v.get().location())
                            || v.get().publishingProfile().targetRegions().stream().anyMatch(t -> sameLocation(t.name()));
                    if (!here) {
                        throw ProviderException.permanent("the OS pack's gallery image version " + version + " of " + image
                                + " is not replicated to location " + scope.cfg().location()
                                + "; add it to the version's target regions");
                    }
                    return new ImageInfo(id, "", ImageInfo.Origin.BASE);
                });
    }

    /**
     * A VHD as a managed image in the location: made from the blob directly when it is stored there;
     * otherwise imported into an incremental snapshot where it is, copied across with {@code CopyStart},
     * and made from the copy. Found again by the source tag; the snapshots go once the image is made.
     */
    private CompletableFuture<ImageInfo> vhd(String url, ImageReference ref) {
        String location = scope.cfg().location();
        String rg = scope.cfg().imageResourceGroup();
        String name = "palette-vhd-" + Names.hash(url, 12) + "-" + location;
        return owned(Tags.SOURCE_IMAGE, url).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(new ImageInfo(found.get().id(), "", ImageInfo.Origin.COPIED));
            }
            boolean elsewhere = !ref.region().isEmpty() && !normalized(ref.region()).equals(normalized(location));
            String account = ref.attributes().getOrDefault("storageAccountId", "");
            if (elsewhere && account.isEmpty()) {
                throw ProviderException.permanent("the OS pack's VHD " + url + " is in " + ref.region() + ": its image reference "
                        + "needs the attribute storageAccountId to be imported into " + location);
            }
            Map<String, String> tags = imageTags(Map.of(Tags.SOURCE_IMAGE, url));
            LOG.info("cluster {}: importing VHD {} into an image in {}", scope.clusterId(), url, location);
            CompletableFuture<ImageOSDisk> disk = !elsewhere
                    ? CompletableFuture.completedFuture(new ImageOSDisk().withBlobUri(url))
                    : copiedSnapshot(url, ref.region(), account, name, tags).thenApply(snap -> new ImageOSDisk()
                            .withSnapshot(new SubResource().withId(snap)));
            return new ResourceGroups(scope).ensureImages().thenCompose(x -> disk).thenCompose(osDisk -> api.lro(
                    "create image " + name, IMAGE_WRITE, () -> api.compute().getImages().beginCreateOrUpdateAsync(rg, name,
                            new ImageInner().withLocation(location).withTags(tags).withHyperVGeneration(generation(ref))
                                    .withStorageProfile(new ImageStorageProfile().withOsDisk(osDisk.withOsType(OperatingSystemTypes.LINUX)
                                            .withOsState(OperatingSystemStateTypes.GENERALIZED))))))
                    .thenCompose(img -> elsewhere ? deleteSnapshots(name).thenApply(x -> img) : CompletableFuture.completedFuture(img))
                    .thenApply(img -> new ImageInfo(img.id(), "", ImageInfo.Origin.COPIED));
        });
    }

    private static HyperVGenerationTypes generation(ImageReference ref) {
        return "V1".equalsIgnoreCase(ref.attributes().getOrDefault("hyperVGeneration", "V2"))
                ? HyperVGenerationTypes.V1 : HyperVGenerationTypes.V2;
    }

    private CompletableFuture<String> copiedSnapshot(String url, String sourceLocation, String account, String name,
                                                     Map<String, String> tags) {
        String rg = scope.cfg().imageResourceGroup();
        String source = name + "-import";
        String copy = name + "-copy";
        return new ResourceGroups(scope).ensureImages().thenCompose(x -> api.lro("import VHD into snapshot " + source, SNAPSHOT_WRITE,
                () -> api.compute().getSnapshots().beginCreateOrUpdateAsync(rg, source, new SnapshotInner().withLocation(sourceLocation)
                        .withTags(tags).withIncremental(true).withOsType(OperatingSystemTypes.LINUX)
                        .withCreationData(new CreationData().withCreateOption(DiskCreateOption.IMPORT).withSourceUri(url)
                                .withStorageAccountId(account)))))
                .thenCompose(snap -> api.lro("copy snapshot " + source + " to " + scope.cfg().location(), SNAPSHOT_WRITE,
                        () -> api.compute().getSnapshots().beginCreateOrUpdateAsync(rg, copy, new SnapshotInner()
                                .withLocation(scope.cfg().location()).withTags(tags).withIncremental(true)
                                .withOsType(OperatingSystemTypes.LINUX)
                                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.COPY_START)
                                        .withSourceResourceId(snap.id())))))
                .thenCompose(c -> waits.until("snapshot " + copy + " to be copied", () -> api.call("read snapshot " + copy, SNAPSHOT_READ,
                        () -> api.compute().getSnapshots().getByResourceGroupAsync(rg, copy))
                        .thenApply(s -> s.completionPercent() == null || s.completionPercent() >= 100f)).thenApply(x -> c.id()));
    }

    private CompletableFuture<Void> deleteSnapshots(String name) {
        String rg = scope.cfg().imageResourceGroup();
        return CompletableFuture.allOf(List.of(name + "-import", name + "-copy").stream().map(s -> api.lro("delete snapshot " + s,
                SNAPSHOT_DELETE, () -> api.compute().getSnapshots().beginDeleteAsync(rg, s)).handle((r, e) -> null))
                .toArray(CompletableFuture[]::new));
    }

    private Map<String, String> imageTags(Map<String, String> extra) {
        Map<String, String> tags = new LinkedHashMap<>(scope.cfg().tags());
        tags.put(ResourceTags.MANAGED_BY, scope.ctx().tags().getOrDefault(ResourceTags.MANAGED_BY, "palette-sdk"));
        tags.putAll(extra);
        return Tags.toAzure(tags);
    }

    // ---- customized images ----------------------------------------------------------------------------------

    /** Launches (or finds) the builder, waits until it powered off, captures it, and deletes it. */
    private CompletableFuture<ImageInfo> build(String baseId, ImageRequest req, Supplier<CompletableFuture<NetworkLayout>> network) {
        String vmName = builderName(req);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ResourceTags.ROLE, Tags.IMAGE_BUILDER);
        tags.put(ResourceTags.IMAGE_SIGNATURE, req.signature());
        tags.put(ResourceTags.MACHINE, vmName);
        Machines.Spec spec = new Machines.Spec(vmName, vmName, SecurityRule.WORKER, BUILDER_SIZE, 30,
                scope.cfg().zones().stream().findFirst().orElse(""), baseId, req.builderUserData(GENERALIZE), tags);
        LOG.info("cluster {}: building image {} from {}", scope.clusterId(), req.signature(), baseId);
        CompletableFuture<ImageInfo> built = new ResourceGroups(scope).ensureImages()
                .thenCompose(x -> network.get())
                .thenCompose(layout -> machines.create(spec, layout))
                .thenCompose(vm -> waits.until("image builder " + vmName + " to power off", () -> machines.vm(vmName)
                        .thenApply(v -> v.map(Images::stopped).orElseThrow(() -> ProviderException.retryable(
                                "the image builder " + vmName + " disappeared")))).thenApply(x -> vm))
                .thenCompose(vm -> capture(vm, req))
                .thenApply(img -> new ImageInfo(img.id(), req.signature(), ImageInfo.Origin.BUILT));
        // The builder goes whether the capture worked or not; the capture's outcome is the result.
        return built.handle((v, e) -> machines.deleteVm(vmName).handle((x, cleanupError) -> x)
                .thenCompose(x -> e == null ? CompletableFuture.completedFuture(v) : CompletableFuture.<ImageInfo>failedFuture(e)))
                .thenCompose(f -> f);
    }

    private String builderName(ImageRequest req) {
        return Names.vm(scope.clusterId(), "image-builder-" + Names.hash(req.signature(), 8));
    }

    private static boolean stopped(VirtualMachineInner vm) {
        return vm.instanceView() != null && vm.instanceView().statuses() != null && vm.instanceView().statuses().stream()
                .map(InstanceViewStatus::code).anyMatch(c -> "PowerState/stopped".equals(c) || "PowerState/deallocated".equals(c));
    }

    private CompletableFuture<ImageInner> capture(VirtualMachineInner vm, ImageRequest req) {
        String rg = scope.resourceGroup();
        String name = "palette-" + req.signature().substring(0, Math.min(48, req.signature().length()));
        String disk = Names.osDisk(vm.name());
        return api.lro("deallocate image builder " + vm.name(), Machines.VM_WRITE, () -> api.compute().getVirtualMachines()
                        .beginDeallocateAsync(rg, vm.name()))
                .thenCompose(x -> api.call("generalize image builder " + vm.name(), Machines.VM_WRITE,
                        () -> api.compute().getVirtualMachines().generalizeAsync(rg, vm.name())))
                .thenCompose(x -> api.call("read disk " + disk, Machines.DISK_READ, () -> api.compute().getDisks()
                        .getByResourceGroupAsync(rg, disk)))
                .thenCompose(d -> api.lro("create image " + name, IMAGE_WRITE, () -> api.compute().getImages().beginCreateOrUpdateAsync(
                        scope.cfg().imageResourceGroup(), name, new ImageInner().withLocation(scope.cfg().location())
                                .withTags(imageTags(Map.of(ResourceTags.IMAGE_SIGNATURE, req.signature())))
                                .withHyperVGeneration(d.hyperVGeneration() == null ? HyperVGenerationTypes.V2
                                        : HyperVGenerationTypes.fromString(d.hyperVGeneration().toString()))
                                .withSourceVirtualMachine(new SubResource().withId(vm.id())))));
    }
}
