package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.vsphere.internal.vim.CloneSpec;
import dev.palette.sdk.provider.vsphere.internal.vim.OvfImport;
import dev.palette.sdk.provider.vsphere.internal.vim.VmInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Templates machines are cloned from. The OS pack's OVA is imported once per datacenter as a template
 * ({@code palette-ova-<hash>}, attribute {@code palette.dev/image-source} = the OVA's address); an OS pack with
 * Ansible roles or a Kubernetes install gets a template of its own, built by a builder machine cloned from the
 * base that runs the roles from its cloud-init data and powers itself off, then becomes a template named
 * {@code palette-image-<hash>} with attribute {@code palette.dev/image-signature}. Templates are shared by the
 * clusters of the datacenter and live in the configured parent folder, never in a cluster's folder, so deleting
 * a cluster leaves them.
 */
public final class Images {
    /** Imports under way in this process, by vCenter, datacenter and source: clusters created together import once. */
    private static final ConcurrentMap<String, CompletableFuture<ImageInfo>> IMPORTS = new ConcurrentHashMap<>();

    private final Scope s;

    /**
     * Works in a scope.
     *
     * @param s the scope
     */
    public Images(Scope s) {
        this.s = s;
    }

    /**
     * Finds, imports or builds the image.
     *
     * @param req the request
     * @return the template
     */
    public CompletableFuture<ImageInfo> ensure(ImageRequest req) {
        // One listing of the datacenter's templates serves every lookup below: it is the costly call.
        return s.vc().run(() -> s.vim().templates(s.placement().datacenter())).thenCompose(templates -> {
            Optional<VmInfo> built = carrying(templates, ResourceTags.IMAGE_SIGNATURE, req.signature());
            if (built.isPresent() && req.needsCustomization()) {
                return CompletableFuture.completedFuture(new ImageInfo(built.get().id(), req.signature(), ImageInfo.Origin.REUSED));
            }
            CompletableFuture<ImageInfo> base = base(req.base(), templates);
            return req.needsCustomization() ? base.thenCompose(b -> build(b.imageId(), req)) : base;
        }).exceptionally(e -> {
            throw VsphereErrors.map("making image " + req.signature(), e);
        });
    }

    private static Optional<VmInfo> carrying(List<VmInfo> templates, String attribute, String value) {
        return templates.stream().filter(t -> value.equals(t.attributes().get(attribute))).findFirst();
    }

    private static Optional<VmInfo> named(List<VmInfo> templates, String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * A template of the datacenter by name (a blocking call).
     *
     * @param name the name
     * @return the template, if there is one
     */
    Optional<VmInfo> templateNamed(String name) {
        return named(s.vim().templates(s.placement().datacenter()), name);
    }

    /** The base template: the OVA's import (found or made), or an existing template the pack names. */
    private CompletableFuture<ImageInfo> base(ImageReference ref, List<VmInfo> templates) {
        String source = ref.attributes().getOrDefault("ovaUrl", ref.id());
        if (source.isEmpty()) {
            return CompletableFuture.failedFuture(ProviderException.permanent("the OS pack names no vSphere OVA (vsphere.ovaUrl)"));
        }
        if (!Ova.isPackage(source)) {
            return named(templates, source).map(t -> CompletableFuture.completedFuture(new ImageInfo(t.id(), "", ImageInfo.Origin.BASE)))
                    .orElseGet(() -> CompletableFuture.failedFuture(ProviderException.permanent("the OS pack's image '" + source
                            + "' is neither an OVA (http, https or file address, or a path ending in .ova) nor a template in "
                            + "datacenter " + s.cfg().datacenter())));
        }
        Optional<VmInfo> imported = carrying(templates, Attributes.IMAGE_SOURCE, source);
        if (imported.isPresent()) {
            return CompletableFuture.completedFuture(new ImageInfo(imported.get().id(), "", ImageInfo.Origin.BASE));
        }
        String key = s.cfg().server() + "\n" + s.placement().datacenter() + "\n" + source; // ids repeat across vCenters
        CompletableFuture<ImageInfo> mine = new CompletableFuture<>();
        CompletableFuture<ImageInfo> running = IMPORTS.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        importOva(source).whenComplete((id, e) -> {
            IMPORTS.remove(key, mine);
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(new ImageInfo(id, "", ImageInfo.Origin.COPIED));
            }
        });
        return mine;
    }

    /**
     * Imports an OVA as a template, replacing what a failed import left under the same name (destroyed
     * asynchronously, so no provider thread waits on another's work).
     */
    private CompletableFuture<String> importOva(String source) {
        String name = "palette-ova-" + hash(source);
        Map<String, String> attributes = Map.of(Attributes.IMAGE_SOURCE, source, ResourceTags.MANAGED_BY, "palette-sdk");
        return s.vc().run(() -> s.vim().listVms(s.placement().folder()).stream().filter(v -> v.name().equals(name)).findFirst())
                .thenCompose(left -> {
                    if (left.isPresent() && left.get().template()) { // imported before its attribute was set: finish it
                        return s.vc().run(() -> {
                            s.vim().setAttributes(left.get().id(), attributes);
                            return left.get().id();
                        });
                    }
                    CompletableFuture<Void> cleared = left.isPresent() ? new Machines(s).destroy(left.get())
                            : CompletableFuture.completedFuture(null);
                    return cleared.thenCompose(x -> s.vc().run(() -> {
                        try (Ova ova = Ova.open(source)) {
                            String vm = s.vim().importOvf(new OvfImport(ova.descriptor(), ova.files(), name, s.placement(),
                                    s.placement().networks().get(s.cfg().network())));
                            s.vim().markAsTemplate(vm);
                            s.vim().setAttributes(vm, attributes);
                            return vm;
                        }
                    }));
                });
    }

    /** Builds the customized template from the base with a builder machine, or finishes an earlier build. */
    private CompletableFuture<ImageInfo> build(String base, ImageRequest req) {
        String name = "palette-image-" + hash(req.signature());
        return s.vc().run(() -> s.vim().listVms(s.placement().folder()).stream().filter(v -> v.name().equals(name)).findFirst())
                .thenCompose(existing -> {
                    if (existing.isPresent() && existing.get().template()) {
                        return finishTemplate(existing.get().id(), req);
                    }
                    CompletableFuture<String> builder = existing.isPresent() ? CompletableFuture.completedFuture(existing.get().id())
                            : cloneBuilder(base, name, req);
                    return builder.thenCompose(vm -> run(vm, name)).thenCompose(vm -> s.vc().run(() -> {
                        s.vim().markAsTemplate(vm);
                        return vm;
                    })).thenCompose(vm -> finishTemplate(vm, req));
                });
    }

    private CompletableFuture<String> cloneBuilder(String base, String name, ImageRequest req) {
        Map<String, String> guest = GuestInfo.of(name, name, req.builderUserData("cloud-init clean --logs --machine-id"));
        CloneSpec spec = new CloneSpec(base, s.placement().folder(), name, s.placement().resourcePool(), s.placement().datastore(),
                Optional.empty(), Optional.ofNullable(s.placement().networks().get(s.cfg().workerNetwork())), 2, 4096, guest);
        return s.task(() -> s.vim().cloneVm(spec))
                .thenCompose(made -> s.vc().run(() -> {
                    String vm = made.orElseGet(() -> s.vim().listVms(s.placement().folder()).stream()
                            .filter(v -> v.name().equals(name)).findFirst().orElseThrow().id());
                    s.vim().setAttributes(vm, Map.of(Attributes.BUILDS, req.signature(), ResourceTags.MANAGED_BY, "palette-sdk"));
                    return vm;
                }));
    }

    /** Powers the builder on (unless it already ran) and waits until it has powered itself off. */
    private CompletableFuture<String> run(String vm, String name) {
        return s.vc().run(() -> s.vim().vm(vm).orElseThrow()).thenCompose(info -> {
            if (info.poweredOn() || "true".equals(info.attributes().get(Attributes.STARTED))) {
                return CompletableFuture.completedFuture(null);
            }
            return s.task(() -> s.vim().powerOn(vm))
                    .thenCompose(x -> s.vc().run(() -> {
                        s.vim().setAttributes(vm, Map.of(Attributes.STARTED, "true"));
                        return null;
                    }));
        }).thenCompose(x -> s.vc().until(() -> s.vim().vm(vm).filter(v -> !v.poweredOn()).map(VmInfo::id),
                s.settings().waitInterval(), s.settings().maxWait(), "image builder " + name + " powering itself off"))
                .handle((id, e) -> {
                    if (e != null) {
                        // A builder that did not finish is thrown away, so the next attempt starts clean.
                        s.vc().run(() -> s.vim().vm(vm)).thenAccept(v -> v.ifPresent(b -> new Machines(s).destroy(b)));
                        throw VsphereErrors.map("building image " + name, e);
                    }
                    return id;
                });
    }

    private CompletableFuture<ImageInfo> finishTemplate(String vm, ImageRequest req) {
        return s.vc().run(() -> {
            Map<String, String> a = new LinkedHashMap<>();
            a.put(ResourceTags.IMAGE_SIGNATURE, req.signature());
            a.put(ResourceTags.MANAGED_BY, "palette-sdk");
            s.vim().setAttributes(vm, a);
            return new ImageInfo(vm, req.signature(), ImageInfo.Origin.BUILT);
        });
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
