package dev.palette.sdk.provider.vsphere.internal;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.vsphere.VsphereCloudConfig.Size;
import dev.palette.sdk.provider.vsphere.internal.vim.CloneSpec;
import dev.palette.sdk.provider.vsphere.internal.vim.VmInfo;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * A cluster's virtual machines: cloned from a template into the cluster's folder, sized, given their cloud-init
 * data through {@code guestinfo}, marked with custom attributes and powered on — each step skipped when an
 * earlier attempt (or a crashed engine) already made it, so a repeated create finishes the machine instead of
 * making a second one.
 */
public final class Machines {
    private static final Pattern VM_ID = Pattern.compile("vm-\\d+");
    private final Scope s;
    private final Folders folders;

    /**
     * Works in a scope.
     *
     * @param s the scope
     */
    public Machines(Scope s) {
        this.s = s;
        this.folders = new Folders(s);
    }

    /**
     * Creates (or finishes, or finds) a machine.
     *
     * @param req the machine
     * @return the machine as vCenter has it
     */
    public CompletableFuture<MachineInfo> create(MachineRequest req) {
        Size size = s.cfg().size(req.instanceType()).orElse(null);
        if (size == null) {
            return CompletableFuture.failedFuture(ProviderException.permanent("instance type '" + req.instanceType()
                    + "' is not a vSphere machine size: write <cpus>cpu-<memory>gib such as 4cpu-8gib, or name one in "
                    + "properties.instanceTypes"));
        }
        Optional<String> host = host(req.zone());
        if (!req.zone().isEmpty() && host.isEmpty()) {
            return CompletableFuture.failedFuture(ProviderException.permanent("zone '" + req.zone()
                    + "' is not in properties.faultDomains (" + String.join(", ", s.cfg().faultDomains().keySet()) + ")"));
        }
        String key = s.ctx().clusterId() + "/" + req.machineName();
        s.creating().add(key);
        return folders.ensure().thenCompose(folder -> s.vc().run(() -> find(folder, req.machineName())).thenCompose(found -> {
            if (found.isPresent()) {
                return CompletableFuture.completedFuture(found.get());
            }
            return clone(folder, req, size, host);
        }).thenCompose(vm -> finish(folder, vm, req, size))).whenComplete((m, e) -> s.creating().remove(key)).exceptionally(e -> {
            throw VsphereErrors.map("creating machine " + req.machineName(), e);
        });
    }

    private Optional<String> host(String zone) {
        if (zone.isEmpty()) {
            return Optional.empty();
        }
        String hostName = s.cfg().faultDomains().get(zone);
        return hostName == null ? Optional.empty() : Optional.ofNullable(s.placement().hosts().get(hostName));
    }

    private CompletableFuture<VmInfo> clone(String folder, MachineRequest req, Size size, Optional<String> host) {
        return template(req.imageId()).thenCompose(template -> {
            String network = s.placement().networks().get(req.role() == MachineRole.CONTROL_PLANE ? s.cfg().network()
                    : s.cfg().workerNetwork());
            CloneSpec spec = new CloneSpec(template, folder, req.machineName(), s.placement().resourcePool(),
                    s.placement().datastore(), host, Optional.ofNullable(network), size.cpus(), size.memoryMiB(),
                    GuestInfo.of(req.machineName(), s.ctx().clusterId() + "/" + req.machineName(), req.userData()));
            // Made, or made meanwhile by another attempt (DuplicateName): read it back by name either way.
            return s.task(() -> s.vim().cloneVm(spec)).handle(VsphereErrors.<Optional<String>>tolerating("cloning "
                            + req.machineName(), "DuplicateName"))
                    .thenCompose(x -> s.vc().run(() -> find(folder, req.machineName()).orElseThrow(() ->
                            ProviderException.retryable("the clone of " + req.machineName() + " is not in its folder yet"))));
        });
    }

    /** The template an image id names: a template's id as ensureImage gives it, or an existing template's name. */
    private CompletableFuture<String> template(String imageId) {
        if (VM_ID.matcher(imageId).matches()) {
            return CompletableFuture.completedFuture(imageId);
        }
        return s.vc().run(() -> new Images(s).templateNamed(imageId).map(VmInfo::id)
                .orElseThrow(() -> ProviderException.permanent("no template '" + imageId + "' in datacenter " + s.cfg().datacenter())));
    }

    /** Marks, sizes and powers on a machine, doing only what is not done yet. */
    private CompletableFuture<MachineInfo> finish(String folder, VmInfo vm, MachineRequest req, Size size) {
        Map<String, String> attributes = new LinkedHashMap<>(req.tags());
        attributes.put(ResourceTags.CLUSTER_ID, s.ctx().clusterId());
        attributes.put(ResourceTags.MACHINE, req.machineName());
        attributes.put(ResourceTags.POOL, req.pool());
        attributes.put(Attributes.INSTANCE_TYPE, req.instanceType());
        attributes.put(Attributes.ZONE, req.zone());
        attributes.put(Attributes.IMAGE, req.imageId());
        attributes.put(Attributes.DISK, Integer.toString(req.diskGiB()));
        Map<String, String> missing = new HashMap<>();
        attributes.forEach((k, v) -> {
            if (!v.equals(vm.attributes().get(k))) {
                missing.put(k, v);
            }
        });
        CompletableFuture<Void> marked = missing.isEmpty() ? CompletableFuture.completedFuture(null)
                : s.vc().run(() -> {
                    s.vim().setAttributes(vm.id(), missing);
                    return null;
                });
        boolean resize = vm.cpus() != size.cpus() || vm.memoryMiB() != size.memoryMiB() || vm.diskGiB() < req.diskGiB();
        CompletableFuture<Void> sized = marked.thenCompose(x -> !resize || vm.poweredOn() ? CompletableFuture.completedFuture(null)
                : s.task(() -> s.vim().reconfigure(vm.id(), size.cpus(), size.memoryMiB(), req.diskGiB(), Map.of()))
                        .thenApply(r -> null));
        boolean start = !vm.poweredOn() && !"true".equals(vm.attributes().get(Attributes.STARTED));
        // The clone is asked for on the zone's host; where it landed elsewhere (a simulator, an admission rule),
        // it is moved there before it first starts.
        Optional<String> host = host(req.zone());
        CompletableFuture<Void> placed = sized.thenCompose(x -> !start || host.isEmpty() || host.get().equals(vm.host())
                ? CompletableFuture.completedFuture(null)
                : s.task(() -> s.vim().relocate(vm.id(), host.get())).thenApply(r -> null));
        CompletableFuture<Void> started = placed.thenCompose(x -> !start ? CompletableFuture.completedFuture(null)
                : s.task(() -> s.vim().powerOn(vm.id())) // InvalidPowerState: on already, by an earlier attempt
                        .handle(VsphereErrors.<Optional<String>>tolerating("powering on " + req.machineName(), "InvalidPowerState"))
                        .thenCompose(r -> s.vc().run(() -> {
                            s.vim().setAttributes(vm.id(), Map.of(Attributes.STARTED, "true"));
                            return null;
                        })));
        return started.thenCompose(x -> s.vc().run(() -> {
            if (start) {
                new AntiAffinity(s).sync(ours(folder), req.pool());
            }
            return s.vim().vm(vm.id()).map(this::info)
                    .orElseThrow(() -> ProviderException.retryable(req.machineName() + " disappeared while it was made"));
        }));
    }

    /**
     * A machine by name.
     *
     * @param machineName the name
     * @return it, if the cluster's folder holds it
     */
    public CompletableFuture<Optional<MachineInfo>> describe(String machineName) {
        return folders.find().thenCompose(folder -> folder.isEmpty() ? CompletableFuture.completedFuture(Optional.<MachineInfo>empty())
                : s.vc().run(() -> find(folder.get(), machineName).map(this::info)))
                .exceptionally(e -> {
                    throw VsphereErrors.map("describing machine " + machineName, e);
                });
    }

    /**
     * Every machine in the cluster's folder that carries its id.
     *
     * @return the machines
     */
    public CompletableFuture<List<MachineInfo>> list() {
        return folders.find().thenCompose(folder -> folder.isEmpty() ? CompletableFuture.completedFuture(List.<MachineInfo>of())
                : s.vc().run(() -> ours(folder.get()).stream().map(this::info).toList()))
                .exceptionally(e -> {
                    throw VsphereErrors.map("listing machines", e);
                });
    }

    /**
     * Powers a machine off and destroys it with its disks; succeeds when it is gone already.
     *
     * @param machineName the machine
     * @return completes when it is gone
     */
    public CompletableFuture<Void> delete(String machineName) {
        return folders.find().thenCompose(folder -> folder.isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                : s.vc().run(() -> find(folder.get(), machineName)).thenCompose(vm -> vm.isEmpty()
                        ? CompletableFuture.<Void>completedFuture(null) : destroy(vm.get()).thenCompose(x -> s.vc().<Void>run(() -> {
                            new AntiAffinity(s).sync(ours(folder.get()), vm.get().attributes().getOrDefault(ResourceTags.POOL, ""));
                            return null;
                        }))))
                .exceptionally(e -> {
                    throw VsphereErrors.map("deleting machine " + machineName, e);
                });
    }

    /**
     * Powers a virtual machine off if it is on, then destroys it.
     *
     * @param vm the machine
     * @return completes when it is gone
     */
    public CompletableFuture<Void> destroy(VmInfo vm) {
        CompletableFuture<Void> off = !vm.poweredOn() ? CompletableFuture.completedFuture(null)
                : s.task(() -> s.vim().powerOff(vm.id()))
                        .handle(VsphereErrors.<Optional<String>>tolerating("powering off " + vm.name(), "InvalidPowerState"));
        return off.thenCompose(x -> s.task(() -> s.vim().destroy(vm.id())))
                .handle(VsphereErrors.<Optional<String>>tolerating("destroying " + vm.name(), "ManagedObjectNotFound"));
    }

    /**
     * The cluster's machines in its folder (a blocking call): those carrying its id, and those a crash left
     * before their attributes were set (the folder is the cluster's alone).
     *
     * @param folder the cluster's folder
     * @return the machines, oldest first
     */
    List<VmInfo> ours(String folder) {
        return s.vim().listVms(folder).stream().filter(v -> !v.template())
                .filter(v -> s.ctx().clusterId().equals(v.attributes().getOrDefault(ResourceTags.CLUSTER_ID, s.ctx().clusterId())))
                .sorted(Comparator.comparing(VmInfo::createdAt)).toList();
    }

    private Optional<VmInfo> find(String folder, String name) {
        return ours(folder).stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The engine's view of a virtual machine. */
    private MachineInfo info(VmInfo vm) {
        Map<String, String> a = vm.attributes();
        MachineState state;
        if (vm.poweredOn()) {
            state = vm.ipAddress().isEmpty() ? MachineState.PENDING : MachineState.RUNNING;
        } else if ("true".equals(a.get(Attributes.STARTED))) {
            state = MachineState.FAILED; // powered off after the provider started it: stopped by someone, or crashed
        } else if (s.creating().contains(s.ctx().clusterId() + "/" + vm.name())) {
            state = MachineState.PENDING; // being made now
        } else {
            // Never started and nobody is making it: an attempt that failed or died left it half-made, and the
            // engine, seeing it exist, would wait for it forever; failed, it is replaced.
            state = MachineState.FAILED;
        }
        Map<String, String> tags = new LinkedHashMap<>();
        a.forEach((k, v) -> {
            if (!k.equals(Attributes.STARTED)) {
                tags.put(k, v);
            }
        });
        tags.putIfAbsent(ResourceTags.MACHINE, vm.name());
        int disk = vm.diskGiB();
        try {
            disk = Math.max(disk, Integer.parseInt(a.getOrDefault(Attributes.DISK, "0")));
        } catch (NumberFormatException ignored) {
            // someone edited the attribute: the disk's own size stands
        }
        return new MachineInfo(vm.name(), vm.id(), state, a.getOrDefault(Attributes.ZONE, ""),
                a.getOrDefault(Attributes.INSTANCE_TYPE, vm.cpus() + "cpu-" + vm.memoryMiB() + "mib"), disk,
                a.getOrDefault(Attributes.IMAGE, ""), vm.ipAddress(), tags, vm.createdAt());
    }
}
