package dev.palette.sdk.provider.vsphere.internal.vim.yavijava;

import com.vmware.vim25.ClusterAntiAffinityRuleSpec;
import com.vmware.vim25.ClusterConfigInfoEx;
import com.vmware.vim25.ClusterConfigSpecEx;
import com.vmware.vim25.ClusterRuleInfo;
import com.vmware.vim25.ClusterRuleSpec;
import com.vmware.vim25.CustomFieldDef;
import com.vmware.vim25.CustomFieldStringValue;
import com.vmware.vim25.CustomFieldValue;
import com.vmware.vim25.DistributedVirtualSwitchPortConnection;
import com.vmware.vim25.HttpNfcLeaseDeviceUrl;
import com.vmware.vim25.HttpNfcLeaseInfo;
import com.vmware.vim25.HttpNfcLeaseState;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.OvfCreateImportSpecParams;
import com.vmware.vim25.OvfCreateImportSpecResult;
import com.vmware.vim25.OvfFileItem;
import com.vmware.vim25.OvfNetworkMapping;
import com.vmware.vim25.TaskInfo;
import com.vmware.vim25.TaskInfoState;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualEthernetCardDistributedVirtualPortBackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualMachineCloneSpec;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineRelocateSpec;
import com.vmware.vim25.mo.ClusterComputeResource;
import com.vmware.vim25.mo.ComputeResource;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.Datastore;
import com.vmware.vim25.mo.DistributedVirtualPortgroup;
import com.vmware.vim25.mo.DistributedVirtualSwitch;
import com.vmware.vim25.mo.Folder;
import com.vmware.vim25.mo.HostSystem;
import com.vmware.vim25.mo.HttpNfcLease;
import com.vmware.vim25.mo.InventoryNavigator;
import com.vmware.vim25.mo.ManagedEntity;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import com.vmware.vim25.mo.util.MorUtil;
import com.vmware.vim25.mo.util.PropertyCollectorUtil;
import com.vmware.vim25.ws.CustomSSLTrustContextCreator;
import dev.palette.sdk.provider.vsphere.internal.vim.Capacity;
import dev.palette.sdk.provider.vsphere.internal.vim.CloneSpec;
import dev.palette.sdk.provider.vsphere.internal.vim.OvfImport;
import dev.palette.sdk.provider.vsphere.internal.vim.Placement;
import dev.palette.sdk.provider.vsphere.internal.vim.PlacementRequest;
import dev.palette.sdk.provider.vsphere.internal.vim.TaskState;
import dev.palette.sdk.provider.vsphere.internal.vim.VimClient;
import dev.palette.sdk.provider.vsphere.internal.vim.VimFault;
import dev.palette.sdk.provider.vsphere.internal.vim.VmInfo;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * {@link VimClient} over yavijava (vim25 SOAP). One logged-in session per client; a call that finds its
 * session gone ({@code NotAuthenticated}: expired, or ended by an administrator) logs in again and is
 * made once more.
 */
public final class YavijavaClient implements VimClient {
    private static final String[] VM_PROPERTIES = {"name", "config.template", "runtime.powerState", "guest.ipAddress",
        "config.hardware.numCPU", "config.hardware.memoryMB", "config.hardware.device", "runtime.host", "customValue",
        "config.createDate"};

    private static final Pattern OVF_NETWORK = Pattern.compile("<(?:ovf:)?Network\\s+ovf:name=\"([^\"]+)\"");

    private final URL url;
    private final String username;
    private final String password;
    private final TrustManager trust;
    private final Duration timeout;
    private final Object loginLock = new Object();
    private final LogGuard guard = new LogGuard();
    private volatile ServiceInstance si;

    /**
     * Logs in to a vCenter.
     *
     * @param url the SDK URL ({@code https://vcenter/sdk})
     * @param username the user
     * @param password the password
     * @param trust decides which server certificates are trusted
     * @param timeout connect and read timeout of each call
     * @throws VimFault if the login fails
     */
    public YavijavaClient(URL url, String username, String password, TrustManager trust, Duration timeout) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.trust = trust;
        this.timeout = timeout;
        this.si = login();
    }

    private ServiceInstance login() {
        guard.check();
        try {
            int ms = (int) timeout.toMillis();
            // yavijava keeps one SSLContext for the whole JVM, made with the first TrustManager it was ever given,
            // and hands it to every later client: a second vCenter (or a test's trust-all client) would then be
            // trusted by the first one's rules. Each client keeps the socket factory of the context current when
            // it is made, so a fresh context per login, made under this lock, gives each client its own trust.
            synchronized (CustomSSLTrustContextCreator.class) {
                CustomSSLTrustContextCreator.setContextAlreadyCreated(false);
                return new ServiceInstance(url, username, password, trust, ms, ms);
            }
        } catch (Exception e) {
            throw Faults.of(e);
        }
    }

    /** A call to vCenter with its checked exceptions. */
    @FunctionalInterface
    private interface Call<T> {
        T run(ServiceInstance si) throws Exception;
    }

    /** Makes a call; once more after logging in again if the session was gone. */
    private <T> T call(Call<T> call) {
        guard.check();
        ServiceInstance current = si;
        try {
            return call.run(current);
        } catch (Exception e) {
            VimFault f = Faults.of(e);
            if (!f.is("NotAuthenticated")) {
                throw f;
            }
            synchronized (loginLock) {
                if (si == current) {
                    si = login();
                }
            }
            try {
                return call.run(si);
            } catch (Exception again) {
                throw Faults.of(again);
            }
        }
    }

    private static ManagedObjectReference mor(String type, String id) {
        return MorUtil.createMOR(type, id);
    }

    private static VirtualMachine vmOf(ServiceInstance si, String id) {
        return new VirtualMachine(si.getServerConnection(), mor("VirtualMachine", id));
    }

    private static Folder folderOf(ServiceInstance si, String id) {
        return new Folder(si.getServerConnection(), mor("Folder", id));
    }

    @Override
    public Placement resolve(PlacementRequest r) {
        return call(si -> {
            Datacenter dc = (Datacenter) new InventoryNavigator(si.getRootFolder()).searchManagedEntity("Datacenter", r.datacenter());
            if (dc == null) {
                throw new VimFault("NotFound", "datacenter '" + r.datacenter() + "' not found", null);
            }
            ComputeResource compute;
            Map<String, String> hosts = new LinkedHashMap<>();
            if (r.computeCluster().isPresent()) {
                compute = (ComputeResource) new InventoryNavigator(dc.getHostFolder())
                        .searchManagedEntity("ClusterComputeResource", r.computeCluster().get());
                if (compute == null) {
                    throw new VimFault("NotFound", "compute cluster '" + r.computeCluster().get() + "' not found in "
                            + r.datacenter(), null);
                }
            } else {
                HostSystem host = (HostSystem) new InventoryNavigator(dc.getHostFolder()).searchManagedEntity("HostSystem",
                        r.host().orElseThrow());
                if (host == null) {
                    throw new VimFault("NotFound", "host '" + r.host().get() + "' not found in " + r.datacenter(), null);
                }
                compute = (ComputeResource) host.getParent();
            }
            for (HostSystem h : compute.getHosts()) {
                hosts.put(h.getName(), h.getMOR().getVal());
            }
            for (String wanted : r.hosts()) {
                if (!hosts.containsKey(wanted)) {
                    throw new VimFault("NotFound", "host '" + wanted + "' is not in " + compute.getName()
                            + " (it has " + String.join(", ", hosts.keySet()) + ")", null);
                }
            }
            ResourcePool pool = compute.getResourcePool();
            if (r.resourcePool().isPresent()) {
                for (String part : r.resourcePool().get().split("/")) {
                    ResourcePool next = null;
                    for (ResourcePool child : pool.getResourcePools()) {
                        if (child.getName().equals(part)) {
                            next = child;
                        }
                    }
                    if (next == null) {
                        throw new VimFault("NotFound", "resource pool '" + r.resourcePool().get() + "' not found under "
                                + compute.getName(), null);
                    }
                    pool = next;
                }
            }
            Datastore ds = (Datastore) new InventoryNavigator(dc).searchManagedEntity("Datastore", r.datastore());
            if (ds == null) {
                throw new VimFault("NotFound", "datastore '" + r.datastore() + "' not found in " + r.datacenter(), null);
            }
            Map<String, String> networks = new LinkedHashMap<>();
            for (String name : r.networks()) {
                ManagedEntity n = new InventoryNavigator(dc).searchManagedEntity("Network", name);
                if (n == null) {
                    n = new InventoryNavigator(dc).searchManagedEntity("DistributedVirtualPortgroup", name);
                }
                if (n == null) {
                    throw new VimFault("NotFound", "network '" + name + "' not found in " + r.datacenter(), null);
                }
                networks.put(name, n.getMOR().getType() + ":" + n.getMOR().getVal());
            }
            Folder folder = dc.getVmFolder();
            if (r.folder().isPresent()) {
                for (String part : r.folder().get().split("/")) {
                    Folder next = null;
                    for (ManagedEntity child : folder.getChildEntity()) {
                        if (child instanceof Folder f && f.getName().equals(part)) {
                            next = f;
                        }
                    }
                    if (next == null) {
                        throw new VimFault("NotFound", "VM folder '" + r.folder().get() + "' not found in " + r.datacenter(), null);
                    }
                    folder = next;
                }
            }
            return new Placement(dc.getMOR().getVal(), compute.getMOR().getVal(), compute instanceof ClusterComputeResource,
                    pool.getMOR().getVal(), ds.getMOR().getVal(), networks, folder.getMOR().getVal(), hosts);
        });
    }

    @Override
    public Optional<String> findFolder(String parent, String name) {
        return call(si -> {
            for (ManagedEntity child : folderOf(si, parent).getChildEntity()) {
                if (child instanceof Folder && name.equals(child.getName())) {
                    return Optional.of(child.getMOR().getVal());
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public String createFolder(String parent, String name) {
        try {
            return call(si -> folderOf(si, parent).createFolder(name).getMOR().getVal());
        } catch (VimFault f) {
            if (f.is("DuplicateName")) {
                return findFolder(parent, name).orElseThrow(() -> f);
            }
            throw f;
        }
    }

    @Override
    public String destroyFolder(String folder) {
        return call(si -> folderOf(si, folder).destroy_Task().getMOR().getVal());
    }

    @Override
    public List<VmInfo> listVms(String folder) {
        return call(si -> {
            List<VirtualMachine> vms = new ArrayList<>();
            for (ManagedEntity child : folderOf(si, folder).getChildEntity()) {
                if (child instanceof VirtualMachine vm) {
                    vms.add(vm);
                }
            }
            return describe(si, vms);
        });
    }

    @Override
    public List<VmInfo> templates(String datacenter) {
        return call(si -> {
            Datacenter dc = new Datacenter(si.getServerConnection(), mor("Datacenter", datacenter));
            ManagedEntity[] all = new InventoryNavigator(dc.getVmFolder()).searchManagedEntities("VirtualMachine");
            List<VirtualMachine> vms = new ArrayList<>();
            for (ManagedEntity e : all) {
                vms.add((VirtualMachine) e);
            }
            return describe(si, vms).stream().filter(VmInfo::template).toList();
        });
    }

    @Override
    public Optional<VmInfo> vm(String vm) {
        try {
            return call(si -> describe(si, List.of(vmOf(si, vm))).stream().findFirst());
        } catch (VimFault f) {
            if (f.is("ManagedObjectNotFound")) {
                return Optional.empty();
            }
            throw f;
        }
    }

    /** Reads machines' properties in one property-collector call. */
    @SuppressWarnings("rawtypes")
    private static List<VmInfo> describe(ServiceInstance si, List<VirtualMachine> vms) throws Exception {
        if (vms.isEmpty()) {
            return List.of();
        }
        Map<Integer, String> fieldNames = new HashMap<>();
        CustomFieldDef[] defs = si.getCustomFieldsManager().getField();
        if (defs != null) {
            for (CustomFieldDef d : defs) {
                fieldNames.put(d.getKey(), d.getName());
            }
        }
        Hashtable[] props = PropertyCollectorUtil.retrieveProperties(vms.toArray(new VirtualMachine[0]), "VirtualMachine",
                VM_PROPERTIES);
        List<VmInfo> out = new ArrayList<>();
        for (int i = 0; i < vms.size(); i++) {
            Hashtable p = props[i];
            if (p.get("name") == null) {
                continue; // deleted while we looked
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            if (p.get("customValue") instanceof CustomFieldValue[] values) {
                for (CustomFieldValue v : values) {
                    if (v instanceof CustomFieldStringValue s && fieldNames.containsKey(v.getKey())) {
                        attributes.put(fieldNames.get(v.getKey()), s.getValue());
                    }
                }
            }
            int diskGiB = 0;
            if (p.get("config.hardware.device") instanceof VirtualDevice[] devices) {
                for (VirtualDevice d : devices) {
                    if (d instanceof VirtualDisk disk && diskGiB == 0) {
                        diskGiB = (int) (disk.getCapacityInKB() / (1024 * 1024));
                    }
                }
            }
            Object host = p.get("runtime.host");
            Object created = p.get("config.createDate");
            out.add(new VmInfo(vms.get(i).getMOR().getVal(), (String) p.get("name"), Boolean.TRUE.equals(p.get("config.template")),
                    p.get("runtime.powerState") == null ? "" : p.get("runtime.powerState").toString(),
                    p.get("guest.ipAddress") instanceof String ip ? ip : "",
                    p.get("config.hardware.numCPU") instanceof Integer n ? n : 0,
                    p.get("config.hardware.memoryMB") instanceof Integer m ? m : 0, diskGiB,
                    host instanceof ManagedObjectReference h ? h.getVal() : "", attributes,
                    created instanceof Calendar c ? c.toInstant() : Instant.EPOCH));
        }
        return out;
    }

    @Override
    public String cloneVm(CloneSpec spec) {
        return call(si -> {
            VirtualMachine source = vmOf(si, spec.source());
            VirtualMachineRelocateSpec location = new VirtualMachineRelocateSpec();
            location.setPool(mor("ResourcePool", spec.resourcePool()));
            location.setDatastore(mor("Datastore", spec.datastore()));
            spec.host().ifPresent(h -> location.setHost(mor("HostSystem", h)));
            if (spec.network().isPresent()) {
                VirtualDeviceConfigSpec nic = nicChange(si, source, spec.network().get());
                if (nic != null) {
                    location.setDeviceChange(new VirtualDeviceConfigSpec[] {nic});
                }
            }
            VirtualMachineConfigSpec config = new VirtualMachineConfigSpec();
            if (spec.cpus() > 0) {
                config.setNumCPUs(spec.cpus());
            }
            if (spec.memoryMiB() > 0) {
                config.setMemoryMB(spec.memoryMiB());
            }
            config.setExtraConfig(options(spec.extraConfig()));
            VirtualMachineCloneSpec clone = new VirtualMachineCloneSpec();
            clone.setLocation(location);
            clone.setConfig(config);
            clone.setPowerOn(false);
            clone.setTemplate(false);
            return source.cloneVM_Task(folderOf(si, spec.folder()), spec.name(), clone).getMOR().getVal();
        });
    }

    /** Connects the source's first NIC to a network (a port group of a standard or distributed switch). */
    private static VirtualDeviceConfigSpec nicChange(ServiceInstance si, VirtualMachine source, String network) throws Exception {
        VirtualEthernetCard card = null;
        for (VirtualDevice d : source.getConfig().getHardware().getDevice()) {
            if (d instanceof VirtualEthernetCard c && card == null) {
                card = c;
            }
        }
        if (card == null) {
            return null;
        }
        int colon = network.indexOf(':');
        String type = network.substring(0, colon);
        String id = network.substring(colon + 1);
        if (type.equals("DistributedVirtualPortgroup")) {
            DistributedVirtualPortgroup pg = new DistributedVirtualPortgroup(si.getServerConnection(), mor(type, id));
            DistributedVirtualSwitch dvs = new DistributedVirtualSwitch(si.getServerConnection(),
                    pg.getConfig().getDistributedVirtualSwitch());
            DistributedVirtualSwitchPortConnection port = new DistributedVirtualSwitchPortConnection();
            port.setSwitchUuid(dvs.getUuid());
            port.setPortgroupKey(pg.getKey());
            VirtualEthernetCardDistributedVirtualPortBackingInfo backing = new VirtualEthernetCardDistributedVirtualPortBackingInfo();
            backing.setPort(port);
            card.setBacking(backing);
        } else {
            ManagedEntity n = MorUtil.createExactManagedEntity(si.getServerConnection(), mor(type, id));
            VirtualEthernetCardNetworkBackingInfo backing = new VirtualEthernetCardNetworkBackingInfo();
            backing.setDeviceName(n.getName());
            backing.setNetwork(mor(type, id));
            card.setBacking(backing);
        }
        VirtualDeviceConfigSpec change = new VirtualDeviceConfigSpec();
        change.setOperation(VirtualDeviceConfigSpecOperation.edit);
        change.setDevice(card);
        return change;
    }

    private static OptionValue[] options(Map<String, String> values) {
        List<OptionValue> out = new ArrayList<>();
        values.forEach((k, v) -> {
            OptionValue o = new OptionValue();
            o.setKey(k);
            o.setValue(v);
            out.add(o);
        });
        return out.toArray(new OptionValue[0]);
    }

    @Override
    public String reconfigure(String vm, int cpus, long memoryMiB, int diskGiB, Map<String, String> extraConfig) {
        return call(si -> {
            VirtualMachine m = vmOf(si, vm);
            VirtualMachineConfigSpec config = new VirtualMachineConfigSpec();
            if (cpus > 0) {
                config.setNumCPUs(cpus);
            }
            if (memoryMiB > 0) {
                config.setMemoryMB(memoryMiB);
            }
            if (!extraConfig.isEmpty()) {
                config.setExtraConfig(options(extraConfig));
            }
            if (diskGiB > 0) {
                for (VirtualDevice d : m.getConfig().getHardware().getDevice()) {
                    if (d instanceof VirtualDisk disk) {
                        long wanted = diskGiB * 1024L * 1024L;
                        if (disk.getCapacityInKB() < wanted) {
                            disk.setCapacityInKB(wanted);
                            VirtualDeviceConfigSpec change = new VirtualDeviceConfigSpec();
                            change.setOperation(VirtualDeviceConfigSpecOperation.edit);
                            change.setDevice(disk);
                            config.setDeviceChange(new VirtualDeviceConfigSpec[] {change});
                        }
                        break;
                    }
                }
            }
            return m.reconfigVM_Task(config).getMOR().getVal();
        });
    }

    @Override
    public String relocate(String vm, String host) {
        return call(si -> {
            VirtualMachineRelocateSpec spec = new VirtualMachineRelocateSpec();
            spec.setHost(mor("HostSystem", host));
            return vmOf(si, vm).relocateVM_Task(spec).getMOR().getVal();
        });
    }

    @Override
    public String powerOn(String vm) {
        return call(si -> vmOf(si, vm).powerOnVM_Task(null).getMOR().getVal());
    }

    @Override
    public String powerOff(String vm) {
        return call(si -> vmOf(si, vm).powerOffVM_Task().getMOR().getVal());
    }

    @Override
    public String destroy(String vm) {
        return call(si -> vmOf(si, vm).destroy_Task().getMOR().getVal());
    }

    @Override
    public void markAsTemplate(String vm) {
        call(si -> {
            vmOf(si, vm).markAsTemplate();
            return null;
        });
    }

    @Override
    public void setAttributes(String vm, Map<String, String> attributes) {
        call(si -> {
            Map<String, Boolean> known = new HashMap<>();
            CustomFieldDef[] defs = si.getCustomFieldsManager().getField();
            if (defs != null) {
                for (CustomFieldDef d : defs) {
                    known.put(d.getName(), Boolean.TRUE);
                }
            }
            for (String name : attributes.keySet()) {
                if (!known.containsKey(name)) {
                    try {
                        si.getCustomFieldsManager().addCustomFieldDef(name, "VirtualMachine", null, null);
                    } catch (Exception e) {
                        if (!Faults.of(e).is("DuplicateName")) { // defined meanwhile by another caller
                            throw e;
                        }
                    }
                }
            }
            VirtualMachine m = vmOf(si, vm);
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                m.setCustomValue(a.getKey(), a.getValue());
            }
            return null;
        });
    }

    @Override
    public TaskState task(String task) {
        return call(si -> {
            TaskInfo info = new Task(si.getServerConnection(), mor("Task", task)).getTaskInfo();
            if (info.getState() == TaskInfoState.success) {
                Object result = info.getResult();
                return new TaskState(true, result instanceof ManagedObjectReference m ? Optional.of(m.getVal()) : Optional.empty(),
                        Optional.empty());
            }
            if (info.getState() == TaskInfoState.error) {
                return new TaskState(true, Optional.empty(), Optional.of(Faults.of(info.getError())));
            }
            return TaskState.RUNNING;
        });
    }

    @Override
    public String importOvf(OvfImport spec) {
        return call(si -> {
            Placement p = spec.placement();
            ResourcePool pool = new ResourcePool(si.getServerConnection(), mor("ResourcePool", p.resourcePool()));
            Datastore ds = new Datastore(si.getServerConnection(), mor("Datastore", p.datastore()));
            OvfCreateImportSpecParams params = new OvfCreateImportSpecParams();
            params.setEntityName(spec.name());
            params.setLocale("");
            params.setDeploymentOption("");
            params.setDiskProvisioning("thin");
            String network = spec.network();
            List<OvfNetworkMapping> mappings = new ArrayList<>();
            Matcher names = OVF_NETWORK.matcher(spec.descriptor());
            while (names.find()) { // every network the package names goes to the cluster's
                OvfNetworkMapping mapping = new OvfNetworkMapping();
                mapping.setName(names.group(1));
                mapping.setNetwork(mor(network.substring(0, network.indexOf(':')), network.substring(network.indexOf(':') + 1)));
                mappings.add(mapping);
            }
            params.setNetworkMapping(mappings.toArray(new OvfNetworkMapping[0]));
            OvfCreateImportSpecResult result = si.getOvfManager().createImportSpec(spec.descriptor(), pool, ds, params);
            if (result.getError() != null && result.getError().length > 0) {
                throw Faults.of(result.getError()[0]);
            }
            HttpNfcLease lease = pool.importVApp(result.getImportSpec(), folderOf(si, p.folder()), null);
            try {
                HttpNfcLeaseState state = lease.getState();
                for (int i = 0; state == HttpNfcLeaseState.initializing && i < 600; i++) {
                    Thread.sleep(100); // the lease is made by vCenter in a moment; there is no task to wait on
                    state = lease.getState();
                }
                if (state == HttpNfcLeaseState.error) {
                    throw Faults.of(lease.getError());
                }
                if (state != HttpNfcLeaseState.ready) {
                    throw new VimFault("Timedout", "the import lease of " + spec.name() + " did not become ready", null);
                }
                HttpNfcLeaseInfo info = lease.getInfo(); // read while the lease lives: completing it ends it
                upload(si, info, result.getFileItem(), spec.files());
                lease.httpNfcLeaseComplete();
                return info.getEntity().getVal();
            } catch (Exception e) {
                try {
                    lease.httpNfcLeaseAbort(null);
                } catch (Exception ignored) {
                    // the lease ends by itself when it times out; the failure that matters is the first one
                }
                throw e;
            }
        });
    }

    /** Sends each disk of the package to the URL the lease gives for it, with the session's cookie. */
    private void upload(ServiceInstance si, HttpNfcLeaseInfo lease, OvfFileItem[] items, Map<String, Path> files) throws Exception {
        if (items == null) {
            return;
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {trust}, new SecureRandom());
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).build();
        for (OvfFileItem item : items) {
            HttpNfcLeaseDeviceUrl target = null;
            for (HttpNfcLeaseDeviceUrl d : lease.getDeviceUrl()) {
                if (item.getDeviceId().equals(d.getImportKey())) {
                    target = d;
                }
            }
            Path file = files.get(item.getPath());
            if (target == null || file == null) {
                throw new VimFault("InvalidArgument", "the package has no file " + item.getPath() + " for device "
                        + item.getDeviceId(), null);
            }
            URI uri = URI.create(target.getUrl().replace("*", url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "")));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofHours(1))
                    .header("Content-Type", "application/x-vnd.vmware-streamVmdk")
                    .header("Cookie", si.getServerConnection().getSessionStr())
                    .method(item.isCreate() ? "PUT" : "POST", HttpRequest.BodyPublishers.ofFile(file)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new VimFault("SystemError", "uploading " + item.getPath() + " failed with HTTP " + response.statusCode(), null);
            }
        }
    }

    @Override
    public Capacity capacity(Placement placement) {
        return call(si -> {
            ComputeResource compute = (ComputeResource) MorUtil.createExactManagedEntity(si.getServerConnection(),
                    mor(placement.clustered() ? "ClusterComputeResource" : "ComputeResource", placement.computeResource()));
            long memory = compute.getSummary().getEffectiveMemory();
            for (HostSystem h : compute.getHosts()) {
                for (VirtualMachine vm : h.getVms()) {
                    if (vm.getRuntime() != null && "poweredOn".equals(String.valueOf(vm.getRuntime().getPowerState()))
                            && vm.getConfig() != null) {
                        memory -= vm.getConfig().getHardware().getMemoryMB();
                    }
                }
            }
            Datastore ds = new Datastore(si.getServerConnection(), mor("Datastore", placement.datastore()));
            return new Capacity(Math.max(0, memory), ds.getSummary().getFreeSpace() / (1024L * 1024L * 1024L));
        });
    }

    @Override
    public void antiAffinity(String computeResource, String rule, List<String> vms) {
        call(si -> {
            ClusterComputeResource cluster = new ClusterComputeResource(si.getServerConnection(),
                    mor("ClusterComputeResource", computeResource));
            Integer key = null;
            if (cluster.getConfigurationEx() instanceof ClusterConfigInfoEx cfg && cfg.getRule() != null) {
                for (ClusterRuleInfo r : cfg.getRule()) {
                    if (rule.equals(r.getName())) {
                        key = r.getKey();
                    }
                }
            }
            if (key == null && vms.isEmpty()) {
                return null;
            }
            ClusterRuleSpec change = new ClusterRuleSpec();
            if (vms.isEmpty()) {
                change.setOperation(com.vmware.vim25.ArrayUpdateOperation.remove);
                change.setRemoveKey(key);
            } else {
                ClusterAntiAffinityRuleSpec info = new ClusterAntiAffinityRuleSpec();
                info.setName(rule);
                info.setEnabled(true);
                if (key != null) {
                    info.setKey(key);
                }
                info.setVm(vms.stream().map(v -> mor("VirtualMachine", v)).toArray(ManagedObjectReference[]::new));
                change.setOperation(key == null ? com.vmware.vim25.ArrayUpdateOperation.add : com.vmware.vim25.ArrayUpdateOperation.edit);
                change.setInfo(info);
            }
            ClusterConfigSpecEx spec = new ClusterConfigSpecEx();
            spec.setRulesSpec(new ClusterRuleSpec[] {change});
            Task t = cluster.reconfigureComputeResource_Task(spec, true);
            String state = t.waitForTask(50, 200);
            if (!Task.SUCCESS.equals(state)) {
                throw Faults.of(t.getTaskInfo().getError());
            }
            return null;
        });
    }

    @Override
    public void close() {
        try {
            guard.check();
            si.getServerConnection().logout();
        } catch (RuntimeException ignored) {
            // the session ends with vCenter's idle timeout anyway
        }
    }
}
