package dev.palette.sdk.provider.azure.internal;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.DiskUpdate;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Virtual machines as machines. Each gets fixed names derived from the cluster and machine name (the VM,
 * {@code <vm>-nic}, {@code <vm>-osdisk}), so a repeated create lands on what the first one made; a NIC in
 * its role's subnet with its role's security group; a managed OS disk of the requested size; the cloud-init
 * user data as base64 custom data; and tags (cluster id, machine, pool, role) on the VM, its NIC and its
 * disk. Machines are found again by name and tag, and deleted with their NICs and disks.
 */
public final class Machines {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Machines.class);
    static final String VM_READ = "Microsoft.Compute/virtualMachines/read";
    static final String VM_WRITE = "Microsoft.Compute/virtualMachines/write";
    static final String VM_DELETE = "Microsoft.Compute/virtualMachines/delete";
    static final String NIC_READ = "Microsoft.Network/networkInterfaces/read";
    static final String NIC_WRITE = "Microsoft.Network/networkInterfaces/write";
    static final String NIC_DELETE = "Microsoft.Network/networkInterfaces/delete";
    static final String DISK_READ = "Microsoft.Compute/disks/read";
    static final String DISK_WRITE = "Microsoft.Compute/disks/write";
    static final String DISK_DELETE = "Microsoft.Compute/disks/delete";

    private final Scope scope;
    private final AzureApi api;

    /**
     * Works for one cluster.
     *
     * @param scope the cluster and its clients
     */
    public Machines(Scope scope) {
        this.scope = scope;
        this.api = scope.api();
    }

    /**
     * What a VM is made of, whatever it is for (a machine, an image builder).
     *
     * @param vmName the VM's name
     * @param hostname its host name
     * @param role the network role whose subnet and security group it uses
     * @param size the VM size
     * @param diskGiB the OS disk size
     * @param zone the availability zone, or empty
     * @param imageId the image to boot
     * @param customData the cloud-init user data, plain text
     * @param tags its tags in the SDK's form (the cluster's are added)
     */
    record Spec(String vmName, String hostname, String role, String size, int diskGiB, String zone, String imageId,
                String customData, Map<String, String> tags) {
        @Override
        public String toString() {
            return "Spec[" + vmName + ", " + size + ", zone " + zone + ", custom data " + customData.length() + " chars]";
        }
    }

    /**
     * Creates a machine unless it exists.
     *
     * @param req the machine
     * @param layout the network to place it in
     * @return the machine
     */
    public CompletableFuture<MachineInfo> create(MachineRequest req, NetworkLayout layout) {
        String role = req.role() == MachineRole.CONTROL_PLANE ? SecurityRule.CONTROL_PLANE : SecurityRule.WORKER;
        String zone = req.zone().isEmpty() ? scope.cfg().zones().stream().findFirst().orElse("") : req.zone();
        Map<String, String> tags = new LinkedHashMap<>(req.tags());
        tags.put(ResourceTags.MACHINE, req.machineName());
        tags.put(ResourceTags.POOL, req.pool());
        tags.put(ResourceTags.ROLE, role);
        tags.put(Tags.DISK_GIB, Integer.toString(req.diskGiB()));
        Spec spec = new Spec(Names.vm(scope.clusterId(), req.machineName()), hostname(req.machineName()), role,
                req.instanceType(), req.diskGiB(), zone, req.imageId(), req.userData(), tags);
        return create(spec, layout).thenCompose(this::withAddress);
    }

    /**
     * Creates a VM (its NIC first, its disk tagged after) unless one of its name exists, and waits until Azure
     * has provisioned it: allocation failures ({@code ZonalAllocationFailed}, {@code SkuNotAvailable}) are
     * only known then. A VM whose creation failed is deleted again, so the next attempt starts clean.
     *
     * @param spec the VM
     * @param layout the network
     * @return the VM
     */
    CompletableFuture<VirtualMachineInner> create(Spec spec, NetworkLayout layout) {
        return anyVm(spec.vmName()).thenCompose(existing -> {
            if (existing.isPresent() && !ours(existing.get())) {
                // A PUT is an upsert: on a VM that is not the cluster's it would change someone else's machine.
                throw ProviderException.permanent("virtual machine " + spec.vmName() + " exists in resource group "
                        + scope.resourceGroup() + " but is not tagged with cluster " + scope.clusterId() + "'s id; it is left alone");
            }
            if (existing.isPresent()) {
                return CompletableFuture.completedFuture(existing.get());
            }
            String subnet = layout.subnet(spec.role()).orElseThrow(() -> ProviderException.permanent(
                    "the cluster's network has no " + spec.role() + " subnet"));
            String nsg = layout.securityGroup(spec.role()).orElseThrow(() -> ProviderException.permanent(
                    "the cluster's network has no " + spec.role() + " security group"));
            Map<String, String> tags = Tags.of(scope.ctx(), scope.cfg(), spec.tags());
            return nic(spec.vmName(), subnet, nsg, tags).thenCompose(nic -> {
                VirtualMachineInner body = body(spec, nic.id(), tags);
                String rg = scope.resourceGroup();
                return api.lro("create virtual machine " + spec.vmName(), VM_WRITE, () -> api.compute().getVirtualMachines()
                        .beginCreateOrUpdateAsync(rg, spec.vmName(), body)).handle((vm, e) -> {
                            if (e == null) {
                                // Never the body: its custom data holds bootstrap secrets.
                                LOG.info("cluster {}: virtual machine {} ({}, zone '{}') created", scope.clusterId(),
                                        spec.vmName(), spec.size(), spec.zone());
                                return tagDisk(spec.vmName(), tags).thenApply(x -> vm);
                            }
                            PaletteException failure = AzureErrors.map("create virtual machine " + spec.vmName(), VM_WRITE, e,
                                    api.redact());
                            if (!(failure instanceof QuotaExceededException)) {
                                return CompletableFuture.<VirtualMachineInner>failedFuture(failure);
                            }
                            // Azure keeps a VM whose allocation failed, in state Failed: remove it, so a retry
                            // once capacity is there creates it afresh rather than finding a failed one.
                            return deleteVm(spec.vmName()).handle((x, ignored) -> (VirtualMachineInner) null)
                                    .thenCompose(x -> CompletableFuture.<VirtualMachineInner>failedFuture(failure));
                        }).thenCompose(f -> f);
            });
        });
    }

    private VirtualMachineInner body(Spec spec, String nicId, Map<String, String> tags) {
        String admin = scope.cfg().adminUsername();
        String key = scope.cfg().sshPublicKey().orElseGet(SshKeys::throwaway);
        return new VirtualMachineInner().withLocation(scope.cfg().location()).withTags(tags)
                .withZones(spec.zone().isEmpty() ? null : List.of(spec.zone()))
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(spec.size())))
                .withStorageProfile(new StorageProfile().withImageReference(ImageIds.reference(spec.imageId()))
                        .withOsDisk(new OSDisk().withName(Names.osDisk(spec.vmName())).withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                                .withDiskSizeGB(spec.diskGiB()).withCaching(CachingTypes.READ_WRITE)
                                .withDeleteOption(DiskDeleteOptionTypes.DELETE)
                                .withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.STANDARD_SSD_LRS))))
                .withOsProfile(new OSProfile().withComputerName(spec.hostname()).withAdminUsername(admin)
                        .withCustomData(Base64.getEncoder().encodeToString(spec.customData().getBytes(StandardCharsets.UTF_8)))
                        .withLinuxConfiguration(new LinuxConfiguration().withDisablePasswordAuthentication(true)
                                .withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                                        .withPath("/home/" + admin + "/.ssh/authorized_keys").withKeyData(key))))))
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(new NetworkInterfaceReference()
                        .withId(nicId).withPrimary(true).withDeleteOption(DeleteOptions.DELETE))));
    }

    private CompletableFuture<NetworkInterfaceInner> nic(String vmName, String subnetId, String nsgId, Map<String, String> tags) {
        String name = Names.nic(vmName);
        NetworkInterfaceInner body = new NetworkInterfaceInner().withLocation(scope.cfg().location()).withTags(tags)
                .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(nsgId))
                .withIpConfigurations(List.of(new NetworkInterfaceIpConfigurationInner().withName("ipconfig1").withPrimary(true)
                        .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC).withSubnet(new SubnetInner().withId(subnetId))));
        return api.lro("create network interface " + name, NIC_WRITE, () -> api.network().getNetworkInterfaces()
                .beginCreateOrUpdateAsync(scope.resourceGroup(), name, body));
    }

    /** Azure does not pass a VM's tags on to the OS disk it makes for it. */
    private CompletableFuture<Void> tagDisk(String vmName, Map<String, String> tags) {
        String disk = Names.osDisk(vmName);
        return api.lro("tag disk " + disk, DISK_WRITE, () -> api.compute().getDisks()
                .beginUpdateAsync(scope.resourceGroup(), disk, new DiskUpdate().withTags(tags))).thenApply(x -> null);
    }

    /**
     * A VM by name, with its power state; only if it is this cluster's.
     *
     * @param vmName the VM name
     * @return the VM, or empty
     */
    CompletableFuture<Optional<VirtualMachineInner>> vm(String vmName) {
        return anyVm(vmName).thenApply(v -> v.filter(this::ours));
    }

    private CompletableFuture<Optional<VirtualMachineInner>> anyVm(String vmName) {
        String rg = scope.resourceGroup();
        return api.find("read virtual machine " + vmName, VM_READ, () -> api.compute().getVirtualMachines()
                .getByResourceGroupWithResponseAsync(rg, vmName, InstanceViewTypes.INSTANCE_VIEW).map(r -> r.getValue()));
    }

    private boolean ours(VirtualMachineInner vm) {
        return Tags.ofCluster(vm.tags(), scope.clusterId());
    }

    /**
     * A machine by name.
     *
     * @param machineName the name
     * @return the machine, empty if none exists
     */
    public CompletableFuture<Optional<MachineInfo>> describe(String machineName) {
        return vm(Names.vm(scope.clusterId(), machineName)).thenCompose(v -> v.isEmpty()
                ? CompletableFuture.completedFuture(Optional.<MachineInfo>empty()) : withAddress(v.get()).thenApply(Optional::of));
    }

    private CompletableFuture<MachineInfo> withAddress(VirtualMachineInner vm) {
        String nic = Names.nic(vm.name());
        return api.find("read network interface " + nic, NIC_READ, () -> api.network().getNetworkInterfaces()
                .getByResourceGroupAsync(scope.resourceGroup(), nic)).thenApply(n -> info(vm, n.map(Machines::address).orElse("")));
    }

    /**
     * Every VM of the cluster, image builders included.
     *
     * @return the VMs
     */
    CompletableFuture<List<VirtualMachineInner>> vms() {
        String rg = scope.resourceGroup();
        return api.find("list virtual machines", VM_READ, () -> api.compute().getVirtualMachines().listByResourceGroupAsync(rg)
                .collectList()).thenApply(l -> l.orElse(List.of()).stream().filter(this::ours).toList());
    }

    /**
     * Every machine of the cluster, image builders excepted.
     *
     * @return the machines
     */
    public CompletableFuture<List<MachineInfo>> list() {
        String rg = scope.resourceGroup();
        CompletableFuture<Map<String, String>> addresses = api.find("list network interfaces", NIC_READ, () -> api.network()
                .getNetworkInterfaces().listByResourceGroupAsync(rg).collectList()).thenApply(l -> {
                    Map<String, String> m = new HashMap<>();
                    l.orElse(List.of()).forEach(n -> m.put(n.name(), address(n)));
                    return m;
                });
        return vms().thenCombine(addresses, (vms, ips) -> vms.stream()
                .filter(v -> !Tags.IMAGE_BUILDER.equals(Tags.get(v.tags(), ResourceTags.ROLE)))
                .map(v -> info(v, ips.getOrDefault(Names.nic(v.name()), ""))).toList());
    }

    /**
     * Deletes a machine with its NIC and disk; done if they are already gone.
     *
     * @param machineName the name
     * @return completes when Azure has deleted them
     */
    public CompletableFuture<Void> delete(String machineName) {
        return deleteVm(Names.vm(scope.clusterId(), machineName));
    }

    /**
     * Deletes a VM, then its NIC and OS disk (a NIC or disk cannot go while the VM holds it). Each is
     * deleted only if it carries the cluster's id; each that is gone counts as deleted.
     *
     * @param vmName the VM's name
     * @return completes when they are gone
     */
    CompletableFuture<Void> deleteVm(String vmName) {
        String rg = scope.resourceGroup();
        return vm(vmName).thenCompose(v -> {
            if (v.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            LOG.info("cluster {}: deleting virtual machine {}", scope.clusterId(), vmName);
            return gone(api.lro("delete virtual machine " + vmName, VM_DELETE,
                    () -> api.compute().getVirtualMachines().beginDeleteAsync(rg, vmName)), "delete virtual machine " + vmName, VM_DELETE);
        }).thenCompose(x -> deleteNic(Names.nic(vmName))).thenCompose(x -> deleteDisk(Names.osDisk(vmName)));
    }

    /**
     * Deletes a NIC of the cluster, if it is there.
     *
     * @param name the NIC's name
     * @return completes when it is gone
     */
    CompletableFuture<Void> deleteNic(String name) {
        String rg = scope.resourceGroup();
        return api.find("read network interface " + name, NIC_READ, () -> api.network().getNetworkInterfaces()
                .getByResourceGroupAsync(rg, name)).thenCompose(n -> n.isEmpty() || !Tags.ofCluster(n.get().tags(), scope.clusterId())
                ? CompletableFuture.completedFuture(null)
                : gone(api.lro("delete network interface " + name, NIC_DELETE, () -> api.network().getNetworkInterfaces()
                        .beginDeleteAsync(rg, name)), "delete network interface " + name, NIC_DELETE));
    }

    /**
     * Deletes a disk of the cluster, if it is there.
     *
     * @param name the disk's name
     * @return completes when it is gone
     */
    CompletableFuture<Void> deleteDisk(String name) {
        String rg = scope.resourceGroup();
        return api.find("read disk " + name, DISK_READ, () -> api.compute().getDisks().getByResourceGroupAsync(rg, name))
                .thenCompose(d -> d.isEmpty() || !Tags.ofCluster(d.get().tags(), scope.clusterId())
                        ? CompletableFuture.completedFuture(null)
                        : gone(api.lro("delete disk " + name, DISK_DELETE, () -> api.compute().getDisks().beginDeleteAsync(rg, name)),
                                "delete disk " + name, DISK_DELETE));
    }

    /** A deletion whose target vanished meanwhile is done. */
    private CompletableFuture<Void> gone(CompletableFuture<?> deletion, String operation, String permission) {
        return deletion.handle((r, e) -> {
            if (e != null && !AzureErrors.isNotFound(e)) {
                throw AzureErrors.map(operation, permission, e, api.redact());
            }
            return null;
        });
    }

    private static String address(NetworkInterfaceInner nic) {
        return nic.ipConfigurations() == null ? "" : nic.ipConfigurations().stream().map(NetworkInterfaceIpConfigurationInner::privateIpAddress)
                .filter(a -> a != null && !a.isEmpty()).findFirst().orElse("");
    }

    /** Linux host names: letters, digits and hyphens, at most 63; the node's name in Kubernetes. */
    static String hostname(String machineName) {
        String h = machineName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return h.length() <= 63 ? h : h.substring(0, 63);
    }

    /**
     * The engine's view of a VM.
     *
     * @param vm the VM
     * @param address its private address, or {@code ""}
     * @return the machine
     */
    static MachineInfo info(VirtualMachineInner vm, String address) {
        Map<String, String> tags = Tags.fromAzure(vm.tags());
        int disk;
        try {
            disk = Integer.parseInt(tags.getOrDefault(Tags.DISK_GIB, ""));
        } catch (NumberFormatException e) {
            disk = vm.storageProfile() != null && vm.storageProfile().osDisk() != null && vm.storageProfile().osDisk().diskSizeGB() != null
                    ? vm.storageProfile().osDisk().diskSizeGB() : 0;
        }
        String zone = vm.zones() == null || vm.zones().isEmpty() ? "" : vm.zones().get(0);
        String size = vm.hardwareProfile() == null || vm.hardwareProfile().vmSize() == null ? "" : vm.hardwareProfile().vmSize().toString();
        String image = vm.storageProfile() == null ? "" : ImageIds.of(vm.storageProfile().imageReference());
        Instant launched = vm.timeCreated() == null ? Instant.EPOCH : vm.timeCreated().toInstant();
        return new MachineInfo(tags.getOrDefault(ResourceTags.MACHINE, vm.name()), vm.id(), state(vm), zone, size, disk, image,
                address, tags, launched);
    }

    static MachineState state(VirtualMachineInner vm) {
        String provisioning = vm.provisioningState() == null ? "" : vm.provisioningState();
        String power = vm.instanceView() == null || vm.instanceView().statuses() == null ? "" : vm.instanceView().statuses().stream()
                .map(InstanceViewStatus::code).filter(c -> c != null && c.startsWith("PowerState/")).findFirst().orElse("");
        return switch (provisioning) {
            case "Creating" -> MachineState.PENDING;
            case "Deleting" -> MachineState.STOPPING;
            case "Failed" -> MachineState.FAILED;
            default -> switch (power) {
                case "PowerState/stopping", "PowerState/stopped", "PowerState/deallocating", "PowerState/deallocated" -> MachineState.STOPPING;
                case "PowerState/starting" -> MachineState.PENDING;
                default -> MachineState.RUNNING;
            };
        };
    }
}
