package dev.palette.sdk.testkit;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.api.workload.AppService;
import dev.palette.sdk.api.workload.NodeCondition;
import dev.palette.sdk.api.workload.NodeUsage;
import dev.palette.sdk.api.workload.PodLog;
import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-memory cloud: networks with security rules, load balancers, images, and machines that boot after
 * a delay, all tagged like real cloud resources. Its calls complete after a configurable latency on the
 * cloud's {@link TimeSource} (the {@link VirtualClock} in tests) and never block a thread. Faults are
 * injected through {@link #faults()}; counters and {@link #leftovers(String)} let tests assert that no
 * machine was duplicated or leaked.
 *
 * <p>{@link SimProvider} is the engine's view of it; {@link SimWorkloadClusterAccess} the view of the
 * simulated workload clusters (one node per running machine).
 */
public final class SimCloud {
    /** AWS's wording of its vCPU quota error; {@code %d} is the limit. */
    static final String VCPU_LIMIT_MESSAGE = "You have requested more vCPU capacity than your current vCPU limit of %d "
            + "allows for the instance bucket that the specified instance type belongs to. Please visit "
            + "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.";

    private final TimeSource time;
    private final Duration bootDelay;
    private final Duration nodeReadyDelay;
    private final Duration imageBuildDelay;
    private volatile Duration latency;
    private volatile int vcpuLimit;
    private final SimFaults faults = new SimFaults();
    private final SimAddons addons = new SimAddons();
    private final SimJobs jobs = new SimJobs();
    private final Map<String, TreeMap<String, PodLog>> podLogs = new HashMap<>();
    private final Map<String, String> descriptions = new HashMap<>();
    private final Map<String, SimUsage> usage = new HashMap<>();
    private final Map<String, TreeMap<String, AppService>> services = new HashMap<>();
    private final AtomicLong totalCalls = new AtomicLong();
    private final Map<SimOperation, AtomicLong> calls = new EnumMap<>(SimOperation.class);
    private final AtomicLong ids = new AtomicLong();

    // State, guarded by "this".
    // Machines by cluster: every call looks at one cluster's machines only, so a simulation of thousands
    // of clusters does not scan all of them on every call.
    private final Map<String, List<SimMachine>> machines = new HashMap<>();          // by cluster id
    private int usedVcpus;
    private final Map<String, NetworkInfo> networks = new HashMap<>();               // by cluster id
    private final Map<String, List<SecurityRule>> rules = new HashMap<>();           // by cluster id
    private final Map<String, LoadBalancerInfo> loadBalancers = new HashMap<>();     // by cluster id
    private final Map<String, String> imagesBySignature = new HashMap<>();           // signature -> image id
    private final Map<String, Integer> machinesEverCreated = new HashMap<>();        // by cluster id
    private final Map<String, Map<String, Map<String, String>>> nodeConditions = new HashMap<>(); // cluster -> machine -> type -> status
    private final Map<String, Instant> nodeConditionSince = new HashMap<>();
    private final Set<String> unreachable = new HashSet<>();
    private final Set<String> cordoned = new HashSet<>();
    private final Set<String> drained = new HashSet<>();
    private final Map<String, Map<String, String>> nodeLabels = new HashMap<>();    // cluster/machine -> labels set in place
    private final Map<String, List<dev.palette.sdk.api.model.Taint>> nodeTaints = new HashMap<>(); // cluster/machine -> taints
    private final Map<String, String> etcdLeaders = new HashMap<>();               // cluster id -> machine name
    private final Set<String> notReadyAfter = new HashSet<>();                     // cluster id -> new nodes never Ready
    private final Map<String, Instant> notReadySince = new HashMap<>();
    private final Map<String, String> userData = new HashMap<>();                    // cluster/machine -> user data
    private int imageBuilds;
    private int failingCaptures;

    private SimCloud(Builder b) {
        this.time = b.time;
        this.latency = b.latency;
        this.bootDelay = b.bootDelay;
        this.nodeReadyDelay = b.nodeReadyDelay;
        this.imageBuildDelay = b.imageBuildDelay;
        this.vcpuLimit = b.vcpuLimit;
        for (SimOperation op : SimOperation.values()) {
            calls.put(op, new AtomicLong());
        }
    }

    /**
     * A new builder with the defaults: system time, 20 ms latency, 1.5 s boot, node Ready 1 s after boot,
     * 2 s image builds, no vCPU limit.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fault injection of this cloud.
     *
     * @return the faults
     */
    public SimFaults faults() {
        return faults;
    }

    /**
     * The add-on objects of the workload clusters, and the apply failures a test arranges.
     *
     * @return the add-ons
     */
    public SimAddons addons() {
        return addons;
    }

    /**
     * The one-off node jobs of the workload clusters (kube-bench scans, log collection): what they print.
     *
     * @return the jobs
     */
    public SimJobs jobs() {
        return jobs;
    }

    /**
     * Makes a workload cluster report usage for its nodes (metrics.k8s.io and the kubelet, simulated); without
     * it the cluster reports none.
     *
     * @param clusterId the cluster
     * @param model the nodes' usage over time
     */
    public synchronized void usage(String clusterId, SimUsage model) {
        usage.put(clusterId, model);
    }

    synchronized List<NodeUsage> usage(String clusterId) {
        SimUsage model = usage.get(clusterId);
        if (model == null) {
            return List.of();
        }
        List<NodeUsage> out = new ArrayList<>();
        for (SimNode n : nodes(clusterId)) {
            NodeUsage u = model.of(n.name(), "control-plane".equals(n.labels().get(ResourceTags.ROLE)), time.now());
            List<NodeCondition> conds = new ArrayList<>();
            n.conditions().forEach((type, status) -> conds.add(new NodeCondition(type, status, "", "",
                    n.since().getOrDefault(type, n.bootedAt()))));
            out.add(new NodeUsage(u.name(), u.controlPlane(), u.cpuCapacityCores(), u.cpuUsedCores(),
                    u.cpuRequestedCores(), u.memoryCapacityBytes(), u.memoryUsedBytes(), u.memoryRequestedBytes(), u.diskCapacityBytes(),
                    u.diskUsedBytes(), conds));
        }
        out.sort(Comparator.comparing(NodeUsage::name));
        return out;
    }

    /**
     * Gives a pod's container of a workload cluster a log (what its kubelet would keep).
     *
     * @param clusterId the cluster
     * @param log the log; one with an error stands for a container whose log cannot be read
     */
    public synchronized void podLog(String clusterId, PodLog log) {
        podLogs.computeIfAbsent(clusterId, k -> new TreeMap<>()).put(log.namespace() + "/" + log.pod() + "/" + log.container(), log);
    }

    /**
     * What a workload cluster's description of its objects says (as a real implementation would write it).
     *
     * @param clusterId the cluster
     * @param yaml the description
     */
    public synchronized void describeObjects(String clusterId, String yaml) {
        descriptions.put(clusterId, yaml);
    }

    synchronized List<PodLog> podLogs(String clusterId, String namespace) {
        return podLogs.getOrDefault(clusterId, new TreeMap<>()).values().stream().filter(l -> l.namespace().equals(namespace)).toList();
    }

    synchronized String description(String clusterId) {
        return descriptions.getOrDefault(clusterId, "");
    }

    /**
     * Makes a workload cluster expose a service (as if someone deployed a Service of type LoadBalancer or
     * NodePort), or changes it: the one with the same namespace and name is replaced.
     *
     * @param clusterId the cluster
     * @param service the service
     */
    public synchronized void exposeService(String clusterId, AppService service) {
        services.computeIfAbsent(clusterId, k -> new TreeMap<>()).put(service.namespace() + "/" + service.name(), service);
    }

    /**
     * Removes a service from a workload cluster.
     *
     * @param clusterId the cluster
     * @param namespace its namespace
     * @param name its name
     */
    public synchronized void removeService(String clusterId, String namespace, String name) {
        services.getOrDefault(clusterId, new TreeMap<>()).remove(namespace + "/" + name);
    }

    synchronized List<AppService> services(String clusterId) {
        return List.copyOf(services.getOrDefault(clusterId, new TreeMap<>()).values());
    }

    /**
     * The cloud's clock.
     *
     * @return the time source
     */
    public TimeSource time() {
        return time;
    }

    /**
     * Changes the latency of every call.
     *
     * @param d the latency
     */
    public void setLatency(Duration d) {
        this.latency = Objects.requireNonNull(d);
    }

    /**
     * Changes the vCPU quota: machines that would exceed it are refused with a quota error.
     *
     * @param limit total vCPUs of running machines; {@link Integer#MAX_VALUE} for none
     */
    public void setVcpuLimit(int limit) {
        this.vcpuLimit = limit;
    }

    /**
     * Makes the capture step of the next image builds fail (after the builder machine ran).
     *
     * @param n how many captures fail
     */
    public synchronized void failNextImageCaptures(int n) {
        this.failingCaptures = n;
    }

    /**
     * The vCPUs of an instance type: {@code *xlarge} 8, {@code *large} 4, {@code *medium} 2, {@code *small} 1,
     * anything else 2.
     *
     * @param instanceType the instance type
     * @return its vCPUs
     */
    public static int vcpus(String instanceType) {
        if (instanceType.endsWith("xlarge")) {
            return 8;
        }
        if (instanceType.endsWith("large")) {
            return 4;
        }
        if (instanceType.endsWith("small")) {
            return 1;
        }
        return 2;
    }

    // ---- the call mechanism --------------------------------------------------------------------------------

    /** Runs one cloud call: counts it, applies faults and latency, completes the stage later. */
    <T> CompletionStage<T> call(SimOperation op, Supplier<T> action) {
        long n = totalCalls.incrementAndGet();
        calls.get(op).incrementAndGet();
        SimFaults.CrashMode crash = faults.crashes(n);
        if (crash != null) {
            if (crash == SimFaults.CrashMode.AFTER_APPLY) {
                try {
                    action.get();
                } catch (RuntimeException ignored) {
                    // the answer is lost either way
                }
            }
            return new CompletableFuture<>();
        }
        PaletteException fault = faults.next(op);
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable complete = () -> {
            if (fault != null) {
                f.completeExceptionally(fault);
                return;
            }
            try {
                f.complete(action.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        };
        Duration d = latency;
        if (d.isZero()) {
            complete.run();
        } else {
            time.schedule(d, complete);
        }
        return f;
    }

    // ---- operations (called by SimProvider, applied at completion time) ------------------------------------

    synchronized NetworkInfo ensureNetwork(String clusterId, NetworkRequest req) {
        rules.put(clusterId, List.copyOf(req.rules()));
        return networks.computeIfAbsent(clusterId, id -> {
            Map<String, String> res = new LinkedHashMap<>();
            List<String> zones = req.zones().isEmpty() ? List.of("sim-1a") : req.zones();
            long n = ids.incrementAndGet();
            for (String z : zones) {
                res.put("subnet/control-plane/" + z, "sim-subnet-cp-" + z + "-" + n);
                res.put("subnet/worker/" + z, "sim-subnet-w-" + z + "-" + n);
            }
            res.put("securityGroup/control-plane", "sim-sg-cp-" + n);
            res.put("securityGroup/worker", "sim-sg-w-" + n);
            return new NetworkInfo("sim-net-" + n, res);
        });
    }

    synchronized LoadBalancerInfo ensureLoadBalancer(String clusterId, LoadBalancerRequest req) {
        LoadBalancerInfo old = loadBalancers.get(clusterId);
        String id = old != null ? old.id() : "sim-lb-" + ids.incrementAndGet();
        LoadBalancerInfo lb = new LoadBalancerInfo(id, clusterId + ".lb.sim.local", req.port(), req.targets());
        loadBalancers.put(clusterId, lb);
        return lb;
    }

    /** Makes or finds an image; a build runs on a builder machine that is always removed afterwards. */
    CompletionStage<ImageInfo> ensureImage(String clusterId, String region, ImageRequest req) {
        synchronized (this) {
            String existing = imagesBySignature.get(req.signature());
            if (existing != null) {
                return CompletableFuture.completedFuture(new ImageInfo(existing, req.signature(), ImageInfo.Origin.REUSED));
            }
            if (!req.needsCustomization()) {
                boolean elsewhere = !req.base().region().isEmpty() && !req.base().region().equals(region);
                return CompletableFuture.completedFuture(elsewhere
                        ? new ImageInfo(req.base().id() + "-" + region, "", ImageInfo.Origin.COPIED)
                        : new ImageInfo(req.base().id(), "", ImageInfo.Origin.BASE));
            }
        }
        SimMachine builder = startMachine(clusterId, "image-builder-" + req.signature().substring(0, Math.min(8, req.signature().length())),
                "sim.medium", 30, "", req.base().id(), Map.of(ResourceTags.CLUSTER_ID, clusterId), true);
        CompletableFuture<ImageInfo> f = new CompletableFuture<>();
        time.schedule(imageBuildDelay, () -> {
            synchronized (this) {
                remove(builder); // the builder goes, whether the capture works or not
                if (failingCaptures > 0) {
                    failingCaptures--;
                    f.completeExceptionally(new ProviderException("CreateImage failed: the builder's volume could not be "
                            + "snapshotted (simulated)", "SnapshotCreationFailed", true, null));
                    return;
                }
                String id = imagesBySignature.computeIfAbsent(req.signature(), s -> "sim-img-" + ids.incrementAndGet());
                imageBuilds++;
                f.complete(new ImageInfo(id, req.signature(), ImageInfo.Origin.BUILT));
            }
        });
        return f;
    }

    MachineInfo createMachine(String clusterId, MachineRequest req) {
        synchronized (this) {
            Optional<SimMachine> existing = find(clusterId, req.machineName());
            if (existing.isPresent()) {
                return existing.get().info();
            }
            if (usedVcpus + vcpus(req.instanceType()) > vcpuLimit) {
                throw new QuotaExceededException(VCPU_LIMIT_MESSAGE.formatted(vcpuLimit), "VcpuLimitExceeded");
            }
        }
        Map<String, String> tags = new LinkedHashMap<>(req.tags());
        tags.putIfAbsent(ResourceTags.CLUSTER_ID, clusterId);
        tags.putIfAbsent(ResourceTags.MACHINE, req.machineName());
        SimMachine m = startMachine(clusterId, req.machineName(), req.instanceType(), req.diskGiB(),
                req.zone().isEmpty() ? "sim-1a" : req.zone(), req.imageId(), tags, false);
        synchronized (this) {
            userData.put(clusterId + "/" + req.machineName(), req.userData());
        }
        return m.info();
    }

    private SimMachine startMachine(String clusterId, String name, String type, int disk, String zone, String image,
                                    Map<String, String> tags, boolean builder) {
        SimMachine m;
        synchronized (this) {
            long n = ids.incrementAndGet();
            m = new SimMachine(name, "sim-i-" + Long.toHexString(n), clusterId, type, disk, zone, image,
                    "10.0." + (n / 250 % 250) + "." + (n % 250 + 2), Map.copyOf(tags), time.now(), builder);
            machines.computeIfAbsent(clusterId, k -> new ArrayList<>()).add(m);
            usedVcpus += vcpus(type);
            machinesEverCreated.merge(clusterId, 1, Integer::sum);
        }
        time.schedule(bootDelay, () -> {
            synchronized (this) {
                if (m.state == MachineState.PENDING) {
                    m.state = MachineState.RUNNING;
                    m.bootedAt = time.now();
                }
            }
        });
        return m;
    }

    synchronized Optional<MachineInfo> describeMachine(String clusterId, String name) {
        return find(clusterId, name).map(SimMachine::info);
    }

    synchronized List<MachineInfo> listMachines(String clusterId) {
        return of(clusterId).stream().filter(m -> !m.builder)
                .map(SimMachine::info).toList();
    }

    synchronized Void deleteMachine(String clusterId, String name) {
        find(clusterId, name).ifPresent(this::remove);
        return null;
    }

    synchronized Void deleteInfrastructure(String clusterId) {
        boolean busy = of(clusterId).stream().anyMatch(m -> !m.builder);
        if (busy) {
            throw new ProviderException("DependencyViolation: network of cluster " + clusterId + " still has machines",
                    "DependencyViolation", true, null);
        }
        loadBalancers.remove(clusterId);
        networks.remove(clusterId);
        addons.forget(clusterId); // the cluster, and every object in it, is gone with its network
        services.remove(clusterId);
        podLogs.remove(clusterId);
        descriptions.remove(clusterId);
        usage.remove(clusterId);
        rules.remove(clusterId);
        return null;
    }

    private Optional<SimMachine> find(String clusterId, String name) {
        return of(clusterId).stream().filter(m -> m.name.equals(name)).findFirst();
    }

    private List<SimMachine> of(String clusterId) {
        return machines.getOrDefault(clusterId, List.of());
    }

    private void remove(SimMachine m) {
        List<SimMachine> list = machines.get(m.clusterId);
        if (list != null && list.remove(m)) {
            usedVcpus -= vcpus(m.instanceType);
            if (list.isEmpty()) {
                machines.remove(m.clusterId);
            }
        }
    }

    // ---- workload clusters ---------------------------------------------------------------------------------

    synchronized boolean isUnreachable(String clusterId) {
        return unreachable.contains(clusterId);
    }

    /**
     * Makes a workload cluster's API stop answering, or answer again.
     *
     * @param clusterId the cluster
     * @param down whether it stops answering
     */
    public synchronized void setUnreachable(String clusterId, boolean down) {
        if (down) {
            unreachable.add(clusterId);
        } else {
            unreachable.remove(clusterId);
        }
    }

    /**
     * Overrides a node condition of a machine's node (e.g. {@code Ready}/{@code Unknown},
     * {@code NetworkUnavailable}/{@code True}).
     *
     * @param clusterId the cluster
     * @param machineName the machine
     * @param type the condition type
     * @param status {@code True}, {@code False} or {@code Unknown}
     */
    public synchronized void setNodeCondition(String clusterId, String machineName, String type, String status) {
        nodeConditions.computeIfAbsent(clusterId, k -> new HashMap<>()).computeIfAbsent(machineName, k -> new HashMap<>())
                .put(type, status);
        nodeConditionSince.put(clusterId + "/" + machineName + "/" + type, time.now());
    }

    /**
     * Makes the nodes of machines launched from now on register but never turn Ready (a broken image, a
     * CNI that does not start), or lifts that.
     *
     * @param clusterId the cluster
     * @param broken whether new nodes stay NotReady
     */
    public synchronized void newNodesNeverReady(String clusterId, boolean broken) {
        if (broken) {
            notReadyAfter.add(clusterId);
            notReadySince.put(clusterId, time.now());
        } else {
            notReadyAfter.remove(clusterId);
        }
    }

    synchronized List<SimNode> nodes(String clusterId) {
        List<SimNode> out = new ArrayList<>();
        Instant now = time.now();
        for (SimMachine m : of(clusterId)) {
            if (m.builder || m.state != MachineState.RUNNING) {
                continue;
            }
            boolean ready = !now.isBefore(m.bootedAt.plus(nodeReadyDelay))
                    && !(notReadyAfter.contains(clusterId) && !m.launchedAt.isBefore(notReadySince.get(clusterId)));
            Map<String, String> conds = new LinkedHashMap<>();
            conds.put("Ready", ready ? "True" : "False");
            conds.put("NetworkUnavailable", "False");
            conds.put("DiskPressure", "False");
            conds.put("MemoryPressure", "False");
            conds.put("PIDPressure", "False");
            Map<String, String> overrides = nodeConditions.getOrDefault(clusterId, Map.of()).get(m.name);
            Map<String, Instant> since = new HashMap<>();
            if (overrides != null) {
                conds.putAll(overrides);
                overrides.keySet().forEach(t -> since.put(t, nodeConditionSince.get(clusterId + "/" + m.name + "/" + t)));
            }
            String key = clusterId + "/" + m.name;
            Map<String, String> labels = new LinkedHashMap<>(m.tags);
            labels.putAll(nodeLabels.getOrDefault(key, Map.of()));
            out.add(new SimNode(m.name, labels, conds, since, m.bootedAt, cordoned.contains(key)));
        }
        return out;
    }

    synchronized void cordon(String clusterId, String node) {
        cordoned.add(clusterId + "/" + node);
    }

    synchronized void drain(String clusterId, String node) {
        drained.add(clusterId + "/" + node);
    }

    synchronized void updateNode(String clusterId, String node, dev.palette.sdk.api.workload.NodeUpdate update) {
        String key = clusterId + "/" + node;
        Map<String, String> labels = nodeLabels.computeIfAbsent(key, k -> new LinkedHashMap<>());
        update.removedLabels().forEach(labels::remove);
        labels.putAll(update.labels());
        List<dev.palette.sdk.api.model.Taint> taints = nodeTaints.computeIfAbsent(key, k -> new ArrayList<>());
        taints.removeIf(t -> update.removedTaints().stream().anyMatch(r -> sameTaint(r, t))
                || update.taints().stream().anyMatch(r -> sameTaint(r, t)));
        taints.addAll(update.taints());
    }

    private static boolean sameTaint(dev.palette.sdk.api.model.Taint a, dev.palette.sdk.api.model.Taint b) {
        return a.key().equals(b.key()) && a.effect().equals(b.effect());
    }

    /**
     * The labels the engine set on a machine's node in place.
     *
     * @param clusterId the cluster
     * @param machineName the machine
     * @return the labels
     */
    public synchronized Map<String, String> nodeLabels(String clusterId, String machineName) {
        return Map.copyOf(nodeLabels.getOrDefault(clusterId + "/" + machineName, Map.of()));
    }

    /**
     * The taints the engine set on a machine's node in place.
     *
     * @param clusterId the cluster
     * @param machineName the machine
     * @return the taints
     */
    public synchronized List<dev.palette.sdk.api.model.Taint> nodeTaints(String clusterId, String machineName) {
        return List.copyOf(nodeTaints.getOrDefault(clusterId + "/" + machineName, List.of()));
    }

    /**
     * The machine whose etcd member leads: the one made leader by {@link #setEtcdLeader}, while it runs;
     * otherwise the oldest running control-plane machine, as etcd's first member tends to stay leader.
     *
     * @param clusterId the cluster
     * @return the leader's machine name, or empty when no control-plane machine runs
     */
    public synchronized Optional<String> etcdLeader(String clusterId) {
        List<SimMachine> members = of(clusterId).stream().filter(m -> !m.builder && m.state == MachineState.RUNNING
                && "control-plane".equals(m.tags.get(ResourceTags.ROLE))).toList();
        String chosen = etcdLeaders.get(clusterId);
        if (chosen != null && members.stream().anyMatch(m -> m.name.equals(chosen))) {
            return Optional.of(chosen);
        }
        return members.stream().min(java.util.Comparator.comparing((SimMachine m) -> m.launchedAt).thenComparing(m -> m.name))
                .map(m -> m.name);
    }

    /**
     * Makes a control-plane machine's etcd member the leader (as an election would).
     *
     * @param clusterId the cluster
     * @param machineName the machine
     */
    public synchronized void setEtcdLeader(String clusterId, String machineName) {
        etcdLeaders.put(clusterId, machineName);
    }

    /**
     * The user data a machine was created with (it holds bootstrap secrets: for test assertions only).
     *
     * @param clusterId the cluster
     * @param machineName the machine
     * @return the user data, if the machine was created
     */
    public synchronized Optional<String> userData(String clusterId, String machineName) {
        return Optional.ofNullable(userData.get(clusterId + "/" + machineName));
    }

    /**
     * Whether a node was drained.
     *
     * @param clusterId the cluster
     * @param node the node (machine) name
     * @return {@code true} if drained
     */
    public synchronized boolean wasDrained(String clusterId, String node) {
        return drained.contains(clusterId + "/" + node);
    }

    /** A node as the simulated workload cluster reports it. */
    record SimNode(String name, Map<String, String> labels, Map<String, String> conditions, Map<String, Instant> since,
                   Instant bootedAt, boolean cordoned) {
    }

    // ---- security rules ------------------------------------------------------------------------------------

    /**
     * Whether the cluster's security rules let one network domain reach another on a port (deny by default).
     *
     * @param clusterId the cluster
     * @param fromDomain {@link SecurityRule#LOAD_BALANCER}, {@link SecurityRule#CONTROL_PLANE} or {@link SecurityRule#WORKER}
     * @param toDomain {@link SecurityRule#CONTROL_PLANE} or {@link SecurityRule#WORKER}
     * @param protocol {@code tcp} or {@code udp}
     * @param port the port
     * @return {@code true} if a rule allows it
     */
    public synchronized boolean canReach(String clusterId, String fromDomain, String toDomain, String protocol, int port) {
        return rules.getOrDefault(clusterId, List.of()).stream().anyMatch(r -> r.allows(fromDomain, toDomain, protocol, port));
    }

    // ---- counters and inspection ---------------------------------------------------------------------------

    /**
     * Calls made of one operation.
     *
     * @param op the operation
     * @return the count
     */
    public long calls(SimOperation op) {
        return calls.get(op).get();
    }

    /**
     * Calls made of every operation.
     *
     * @return the count
     */
    public long totalCalls() {
        return totalCalls.get();
    }

    /**
     * Machines ever created for a cluster (including deleted ones and image builders).
     *
     * @param clusterId the cluster
     * @return the count
     */
    public synchronized int machinesEverCreated(String clusterId) {
        return machinesEverCreated.getOrDefault(clusterId, 0);
    }

    /**
     * Images built by customization.
     *
     * @return the count
     */
    public synchronized int imageBuilds() {
        return imageBuilds;
    }

    /**
     * The machines a cluster has now, as the cloud reports them.
     *
     * @param clusterId the cluster
     * @return the machines
     */
    public List<MachineInfo> machines(String clusterId) {
        return listMachines(clusterId);
    }

    /**
     * The cloud gives up on a machine behind the engine's back (its host failed, someone stopped it): from now on
     * it is reported {@link MachineState#FAILED}.
     *
     * @param clusterId the cluster
     * @param machineName the machine
     */
    public synchronized void failMachine(String clusterId, String machineName) {
        of(clusterId).stream().filter(m -> m.name.equals(machineName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no machine " + machineName + " in " + clusterId))
                .state = MachineState.FAILED;
    }

    /**
     * Every resource still present for a cluster: machines, builder machines, network, load balancer.
     * Empty after a complete deletion.
     *
     * @param clusterId the cluster
     * @return descriptions such as {@code machine/workers-x7k2p}
     */
    public synchronized List<String> leftovers(String clusterId) {
        List<String> out = new ArrayList<>();
        of(clusterId).forEach(m -> out.add((m.builder ? "builder/" : "machine/") + m.name));
        if (networks.containsKey(clusterId)) {
            out.add("network/" + networks.get(clusterId).networkId());
        }
        if (loadBalancers.containsKey(clusterId)) {
            out.add("loadBalancer/" + loadBalancers.get(clusterId).id());
        }
        return out;
    }

    /**
     * Machine names that exist more than once in a cluster: always empty unless something is wrong.
     *
     * @param clusterId the cluster
     * @return the duplicated names
     */
    public synchronized List<String> duplicates(String clusterId) {
        Map<String, Integer> count = new HashMap<>();
        of(clusterId).forEach(m -> count.merge(m.name, 1, Integer::sum));
        return count.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * The load balancer of a cluster.
     *
     * @param clusterId the cluster
     * @return the load balancer
     * @throws NotFoundException if it has none
     */
    public synchronized LoadBalancerInfo loadBalancer(String clusterId) {
        LoadBalancerInfo lb = loadBalancers.get(clusterId);
        if (lb == null) {
            throw new NotFoundException("no load balancer for cluster " + clusterId);
        }
        return lb;
    }

    /** A machine of the simulated cloud; mutable state guarded by the cloud. */
    private static final class SimMachine {
        final String name;
        final String providerId;
        final String clusterId;
        final String instanceType;
        final int diskGiB;
        final String zone;
        final String imageId;
        final String address;
        final Map<String, String> tags;
        final Instant launchedAt;
        final boolean builder;
        MachineState state = MachineState.PENDING;
        Instant bootedAt;

        SimMachine(String name, String providerId, String clusterId, String instanceType, int diskGiB, String zone,
                   String imageId, String address, Map<String, String> tags, Instant launchedAt, boolean builder) {
            this.name = name;
            this.providerId = providerId;
            this.clusterId = clusterId;
            this.instanceType = instanceType;
            this.diskGiB = diskGiB;
            this.zone = zone;
            this.imageId = imageId;
            this.address = address;
            this.tags = tags;
            this.launchedAt = launchedAt;
            this.builder = builder;
        }

        MachineInfo info() {
            return new MachineInfo(name, providerId, state, zone, instanceType, diskGiB, imageId,
                    state == MachineState.RUNNING ? address : "", tags, launchedAt);
        }
    }

    /** Builds a {@link SimCloud}. */
    public static final class Builder {
        private TimeSource time = TimeSource.system();
        private Duration latency = Duration.ofMillis(20);
        private Duration bootDelay = Duration.ofMillis(1500);
        private Duration nodeReadyDelay = Duration.ofMillis(1000);
        private Duration imageBuildDelay = Duration.ofSeconds(2);
        private int vcpuLimit = Integer.MAX_VALUE;

        private Builder() {
        }

        /**
         * The clock and scheduler (default: system time); pass the {@link VirtualClock} in tests.
         *
         * @param v the time source
         * @return this builder
         */
        public Builder time(TimeSource v) {
            this.time = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The latency of every call (default 20 ms).
         *
         * @param v the latency
         * @return this builder
         */
        public Builder latency(Duration v) {
            this.latency = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How long a machine takes to boot (default 1.5 s).
         *
         * @param v the delay
         * @return this builder
         */
        public Builder bootDelay(Duration v) {
            this.bootDelay = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How long after boot a machine's node turns Ready (default 1 s).
         *
         * @param v the delay
         * @return this builder
         */
        public Builder nodeReadyDelay(Duration v) {
            this.nodeReadyDelay = Objects.requireNonNull(v);
            return this;
        }

        /**
         * How long an image customization takes (default 2 s).
         *
         * @param v the delay
         * @return this builder
         */
        public Builder imageBuildDelay(Duration v) {
            this.imageBuildDelay = Objects.requireNonNull(v);
            return this;
        }

        /**
         * The vCPU quota (default: none).
         *
         * @param v total vCPUs
         * @return this builder
         */
        public Builder vcpuLimit(int v) {
            this.vcpuLimit = v;
            return this;
        }

        /**
         * Builds the cloud.
         *
         * @return the cloud
         */
        public SimCloud build() {
            return new SimCloud(this);
        }
    }
}
