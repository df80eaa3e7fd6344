package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent.Severity;
import dev.palette.sdk.api.model.ClusterPhase;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.api.workload.WorkloadTarget;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.bootstrap.ClusterPki;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The cluster lifecycle: infrastructure, image, control plane, workers, ready; and deletion. Each pass
 * reads the cluster, observes the cloud, takes the next steps and writes status with compare-and-set.
 * Level-triggered: a pass never relies on what an earlier pass (or an earlier engine) remembered beyond
 * what is stored and what the cloud reports, so a crash anywhere converges on restart.
 */
public final class ClusterReconciler {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterReconciler.class);
    private final AddonSync addonSync;
    private final AppServices appServices = new AppServices();

    /** The API server port behind the load balancer. */
    static final int API_SERVER_PORT = 6443;
    static final String INFRA_NETWORK = "network";
    static final String INFRA_LOAD_BALANCER = "loadBalancer";
    static final String INFRA_LB_TARGETS = "loadBalancer.targets";
    static final String INFRA_IMAGE = "image";
    /** How long a node drain may take before the machine is deleted anyway. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    /** How often a converged cluster's nodes are checked for health. */
    static final Duration HEALTH_CHECK_INTERVAL = Duration.ofMinutes(1);
    /** Upgrade history entries kept per cluster. */
    static final int MAX_UPGRADE_HISTORY = 500;

    private final ClusterStore store;
    private final dev.palette.sdk.api.store.SecretStore secrets;
    private final ProviderRegistry providers;
    private final ProviderContexts contexts;
    private final WorkloadClusterAccess workload;
    private final EventLog events;
    private final TimeSource time;
    private final StatusWriter writer;
    private final BootstrapData bootstrap;
    private final List<SecurityRule> securityRules;
    private final Duration pollInterval;
    private final DeletionStep deletion;
    private final MachineTemplates templates;
    private final ClusterHealth health;

    /**
     * Creates the reconciler.
     *
     * @param store the cluster store
     * @param secrets the secret store (credentials, keys)
     * @param providers the providers
     * @param workload the workload cluster access, or {@code null} to take a running cloud machine as Ready
     * @param events the event log
     * @param time the clock
     * @param writer the status writer
     * @param bootstrap the user data source
     * @param securityRules the network isolation rules handed to providers
     * @param pollInterval how often to look again while machines boot or are deleted
     * @param templates works out each pass's machine template (Kubernetes step, bootstrap hash)
     * @param health the clusters' heartbeats and health verdicts
     * @param charts how chart packs become manifests
     */
    public ClusterReconciler(ClusterStore store, dev.palette.sdk.api.store.SecretStore secrets, ProviderRegistry providers,
                             WorkloadClusterAccess workload, EventLog events, TimeSource time, StatusWriter writer,
                             BootstrapData bootstrap, List<SecurityRule> securityRules, Duration pollInterval,
                             MachineTemplates templates, ClusterHealth health, AddonCharts charts) {
        this.addonSync = new AddonSync(charts);
        this.templates = templates;
        this.health = health;
        this.store = store;
        this.secrets = secrets;
        this.providers = providers;
        this.contexts = new ProviderContexts(secrets);
        this.workload = workload;
        this.events = events;
        this.time = time;
        this.writer = writer;
        this.bootstrap = bootstrap;
        this.securityRules = List.copyOf(securityRules);
        this.pollInterval = pollInterval;
        this.deletion = new DeletionStep(store, secrets, workload, events, time, writer, pollInterval);
    }

    /**
     * The application services of the clusters, as last read.
     *
     * @return the registry
     */
    public AppServices appServices() {
        return appServices;
    }

    /**
     * One pass over a cluster.
     *
     * @param clusterId the cluster
     * @return what to do next; exceptional only for conflicts and store failures
     */
    public CompletionStage<ReconcileResult> reconcile(String clusterId) {
        Cluster c = store.get(clusterId).orElse(null);
        if (c == null) {
            templates.forget(clusterId);
            health.forget(clusterId);
            addonSync.forget(clusterId);
            appServices.forget(clusterId);
            return CompletableFuture.completedFuture(ReconcileResult.done());
        }
        // With the cluster id (set by the engine), so every log line of the pass says whose it is.
        org.slf4j.MDC.put("tenant", c.metadata().tenant());
        org.slf4j.MDC.put("project", c.metadata().project());
        CloudProvider provider;
        ProviderContext ctx;
        try {
            provider = providers.get(c.spec().cloud().provider());
            ctx = contexts.of(c);
        } catch (PaletteException e) {
            return CompletableFuture.completedFuture(fail(c, c.metadata().deletionRequestedAt().isPresent()
                    ? ConditionTypes.DELETING : ConditionTypes.INFRASTRUCTURE_READY, e));
        }
        if (c.metadata().deletionRequestedAt().isPresent()) {
            return deletion.reconcile(c, provider, ctx)
                    .exceptionally(err -> fail(store.get(c.id()).orElse(c), ConditionTypes.DELETING, err));
        }
        CompletionStage<Step> s = infrastructure(c, provider, ctx);
        s = Step.then(s, x -> image(x, provider, ctx));
        s = Step.then(s, x -> machines(x, provider, ctx));
        return s.thenApply(step -> step instanceof Step.Stop stop ? stop.result() : ReconcileResult.done());
    }

    // ---- infrastructure ------------------------------------------------------------------------------------

    private CompletionStage<Step> infrastructure(Cluster c, CloudProvider p, ProviderContext ctx) {
        Conditions conds = new Conditions(c.status().conditions(), time.now());
        if (conds.isTrue(ConditionTypes.INFRASTRUCTURE_READY)) {
            return Step.next(c);
        }
        Cluster started = begin(c, conds, ConditionTypes.INFRASTRUCTURE_READY, "CreatingInfrastructure",
                "creating network domains, security groups and the API load balancer");
        NetworkRequest req = new NetworkRequest(zones(c), securityRules);
        return p.ensureNetwork(ctx, req)
                .thenCompose(net -> p.ensureLoadBalancer(ctx, new LoadBalancerRequest(API_SERVER_PORT, List.of()))
                        .thenApply(lb -> {
                            Conditions cs = new Conditions(started.status().conditions(), time.now());
                            cs.set(ConditionTypes.INFRASTRUCTURE_READY, ConditionStatus.TRUE, "InfrastructureReady",
                                    "network " + net.networkId() + ", load balancer " + lb.host());
                            Map<String, String> infra = new LinkedHashMap<>(started.status().infrastructure());
                            infra.put(INFRA_NETWORK, net.networkId());
                            infra.putAll(net.resources());
                            infra.put(INFRA_LOAD_BALANCER, lb.id());
                            infra.put(INFRA_LB_TARGETS, String.join(",", new TreeSet<>(lb.targets())));
                            // The PKI is made once per cluster (first writer wins in the secret store);
                            // the admin kubeconfig names the load balancer, known only now.
                            ClusterPki pki = ClusterPki.ensure(secrets, c.id(), time.now());
                            pki.writeAdminKubeconfig(c.metadata().name(), lb.endpoint(), time.now());
                            Cluster written = writer.write(started, started.status().toBuilder()
                                    .conditions(cs.toList()).infrastructure(infra).endpoint(lb.endpoint())
                                    .certificates(pki.expiries()).lastError("").build());
                            events.record(c.id(), Severity.NORMAL, "InfrastructureReady",
                                    "network " + net.networkId() + " and load balancer " + lb.endpoint() + " ready");
                            return (Step) new Step.Next(written);
                        }))
                .exceptionally(err -> new Step.Stop(fail(started, ConditionTypes.INFRASTRUCTURE_READY, err)));
    }

    private static List<String> zones(Cluster c) {
        Set<String> zones = new LinkedHashSet<>();
        c.spec().allPools().forEach(p -> zones.addAll(p.zones()));
        return List.copyOf(zones);
    }

    // ---- image ---------------------------------------------------------------------------------------------

    private CompletionStage<Step> image(Cluster c, CloudProvider p, ProviderContext ctx) {
        Conditions conds = new Conditions(c.status().conditions(), time.now());
        // Keyed by the Kubernetes step too: an upgrade through intermediate minors moves on without a new spec.
        String k8s = templates.kubernetesTarget(c.spec(), c.status().machines());
        String generation = c.metadata().generation() + "/" + k8s;
        if (conds.isTrue(ConditionTypes.IMAGE_READY)
                && generation.equals(c.status().infrastructure().get(INFRA_IMAGE + ".generation"))) {
            return Step.next(c); // the packs cannot have changed without a new spec generation
        }
        ImageRequest req = ImageRequests.forSpec(c.spec(), p.metadata().cloudType(), k8s);
        String current = c.status().infrastructure().get(INFRA_IMAGE + ".signature");
        if (conds.isTrue(ConditionTypes.IMAGE_READY) && req.signature().equals(current)) {
            Map<String, String> infra = new LinkedHashMap<>(c.status().infrastructure());
            infra.put(INFRA_IMAGE + ".generation", generation);
            return Step.next(writer.write(c, c.status().toBuilder().infrastructure(infra).build()));
        }
        Cluster started = begin(c, conds, ConditionTypes.IMAGE_READY,
                req.needsCustomization() ? "CustomizingImage" : "CopyingImage",
                req.needsCustomization() ? "building an image from " + req.base().id() + " with the OS pack's roles"
                        : "making image " + req.base().id() + " available in the region");
        return p.ensureImage(ctx, req).thenApply(img -> {
            Conditions cs = new Conditions(started.status().conditions(), time.now());
            cs.set(ConditionTypes.IMAGE_READY, ConditionStatus.TRUE, "ImageReady",
                    img.imageId() + " (" + img.origin().name().toLowerCase(java.util.Locale.ROOT) + ")");
            Map<String, String> infra = new LinkedHashMap<>(started.status().infrastructure());
            infra.put(INFRA_IMAGE, img.imageId());
            infra.put(INFRA_IMAGE + ".signature", req.signature());
            keepImageLabels(infra, started.status().machines(), img.imageId(), c.spec().profile().osPack().orElseThrow());
            infra.put(INFRA_IMAGE + ".generation", generation);
            Cluster written = writer.write(started, started.status().toBuilder().conditions(cs.toList())
                    .infrastructure(infra).lastError("").build());
            events.record(c.id(), Severity.NORMAL, "ImageReady", "image " + img.imageId() + " ready ("
                    + img.origin().name().toLowerCase(java.util.Locale.ROOT) + ")");
            return (Step) new Step.Next(written);
        }).exceptionally(err -> new Step.Stop(fail(started, ConditionTypes.IMAGE_READY, err)));
    }

    /** Remembers which OS layer each image in use was made from, so replacement reasons can name it. */
    private static void keepImageLabels(Map<String, String> infra, List<Machine> machines, String imageId, Pack os) {
        Set<String> inUse = machines.stream().map(Machine::imageId).collect(Collectors.toSet());
        infra.keySet().removeIf(k -> k.startsWith(MachineTemplates.IMAGE_OS_PREFIX)
                && !inUse.contains(k.substring(MachineTemplates.IMAGE_OS_PREFIX.length())));
        infra.put(MachineTemplates.IMAGE_OS_PREFIX + imageId, os.name() + " " + os.version());
    }

    // ---- machines ------------------------------------------------------------------------------------------

    private CompletionStage<Step> machines(Cluster c, CloudProvider p, ProviderContext ctx) {
        return observe(c, p, ctx).thenCompose(obs -> addons(c, obs).thenCompose(addons -> act(c, p, ctx, obs, addons)))
                .exceptionally(err -> new Step.Stop(fail(store.get(c.id()).orElse(c), ConditionTypes.CONTROL_PLANE_READY, err)));
    }

    private CompletionStage<MachinePlanner.Observation> observe(Cluster c, CloudProvider p, ProviderContext ctx) {
        return p.listMachines(ctx).thenCompose(infos -> {
            Map<String, MachineInfo> cloud = new LinkedHashMap<>();
            for (MachineInfo i : infos) {
                if (i.exists() && c.id().equals(i.tags().get(ResourceTags.CLUSTER_ID))) {
                    cloud.put(i.machineName(), i);
                }
            }
            boolean anyRunning = cloud.values().stream().anyMatch(i -> i.state() == dev.palette.sdk.api.provider.MachineState.RUNNING);
            if (workload == null) {
                return CompletableFuture.completedFuture(
                        new MachinePlanner.Observation(cloud, Set.of(), MachinePlanner.Readiness.CLOUD));
            }
            if (!anyRunning || c.status().endpoint().isEmpty()) {
                return CompletableFuture.completedFuture(
                        new MachinePlanner.Observation(cloud, Set.of(), MachinePlanner.Readiness.NODES));
            }
            WorkloadTarget target = new WorkloadTarget(c.id(), c.status().endpoint(), "clusters/" + c.id() + "/kubeconfig");
            dev.palette.sdk.api.workload.WorkloadCluster wc = workload.connect(target);
            CompletionStage<String> leader = wc.etcdLeader().handle((l, err) -> err != null || l == null ? "" : l.orElse(""));
            return wc.nodes().thenCombine(leader, (nodes, etcdLeader) -> {
                        health.heartbeat(c.id(), time.now()); // the API server answered: the engine's probe
                        Map<String, NodeStatus> byMachine = new LinkedHashMap<>();
                        nodes.forEach(n -> byMachine.put(n.machineName().isEmpty() ? n.name() : n.machineName(), n));
                        Set<String> ready = byMachine.entrySet().stream().filter(e -> e.getValue().isReady())
                                .map(Map.Entry::getKey).collect(Collectors.toSet());
                        return new MachinePlanner.Observation(cloud, ready, MachinePlanner.Readiness.NODES, byMachine, etcdLeader);
                    })
                    .thenCompose(obs -> c.status().phase() != ClusterPhase.RUNNING ? CompletableFuture.completedFuture(obs)
                            // A running cluster's services, on the same periodic pass as its health; a failed read
                            // keeps the last list rather than failing the pass.
                            : wc.services().handle((list, err) -> {
                                if (err == null) {
                                    appServices.record(c.id(), list);
                                }
                                return obs;
                            }).thenCompose(o -> wc.usage().handle((nodes, err) -> {
                                if (err == null) {
                                    health.usage().record(c.id(), time.now(), nodes);
                                }
                                return o;
                            })))
                    .exceptionally(err -> new MachinePlanner.Observation(cloud, Set.of(), MachinePlanner.Readiness.UNREACHABLE));
        });
    }

    /** Add-on packs, once the API server answers (CNI first: nodes turn Ready only with a network). */
    private CompletionStage<Optional<AddonSync.Outcome>> addons(Cluster c, MachinePlanner.Observation obs) {
        if (workload == null || obs.readiness() != MachinePlanner.Readiness.NODES || obs.nodes().isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        WorkloadTarget target = new WorkloadTarget(c.id(), c.status().endpoint(), "clusters/" + c.id() + "/kubeconfig");
        return addonSync.sync(c, workload.connect(target), time.now());
    }

    private void addonsCondition(String clusterId, Conditions conds, Optional<AddonSync.Outcome> outcome) {
        if (outcome.isEmpty()) {
            return;
        }
        AddonSync.Outcome o = outcome.get();
        o.applied().forEach(a -> events.record(clusterId, Severity.NORMAL, "AddonApplied", "applied " + a));
        o.removed().forEach(a -> events.record(clusterId, Severity.NORMAL, "AddonRemoved", "removed " + a + ", which left the profile"));
        if (o.status() == ConditionStatus.FALSE) {
            events.record(clusterId, Severity.WARNING, o.reason(), o.message());
        }
        conds.set(ConditionTypes.ADDONS_READY, o.status(), o.reason(), o.message());
    }

    private CompletionStage<Step> act(Cluster c, CloudProvider p, ProviderContext ctx, MachinePlanner.Observation obs,
                                      Optional<AddonSync.Outcome> addons) {
        MachineTemplate template = templates.of(c, c.status().machines(), c.status().infrastructure().getOrDefault(INFRA_IMAGE, ""));
        MachinePlanner.Plan plan = MachinePlanner.plan(c.spec(), c.status().machines(), obs, time.now(), template);
        for (String name : plan.lost()) {
            events.record(c.id(), Severity.WARNING, "MachineLost", "machine " + name + " disappeared from the cloud; replacing it");
        }
        for (String name : plan.becameReady()) {
            events.record(c.id(), Severity.NORMAL, "MachineReady", "machine " + name + " is ready");
        }
        Conditions conds = new Conditions(c.status().conditions(), time.now());
        progressConditions(conds, plan);
        addonsCondition(c.id(), conds, addons);
        List<dev.palette.sdk.api.model.UpgradeRecord> history = new ArrayList<>(c.status().upgradeHistory());
        for (Machine m : plan.replaced()) {
            String why = String.join("; ", m.replacementReasons());
            events.record(c.id(), Severity.NORMAL, "MachineReplaced", "replacing " + m.name() + ": " + why);
            history.add(new dev.palette.sdk.api.model.UpgradeRecord(time.now(), m.name(), "", m.replacementReasons()));
        }
        if (history.size() > MAX_UPGRADE_HISTORY) {
            history = new ArrayList<>(history.subList(history.size() - MAX_UPGRADE_HISTORY, history.size()));
        }
        String desiredK8s = c.spec().profile().kubernetesPack().map(Pack::version).orElse("");
        upgradingCondition(conds, plan, c.spec().upgrade().paused(), template.kubernetesVersion().equals(desiredK8s) ? ""
                : "; Kubernetes step " + template.kubernetesVersion() + " on the way to " + desiredK8s);
        remediatingCondition(c.id(), conds, plan.remediation());
        TreeSet<String> lbWanted = plan.machines().stream()
                .filter(m -> m.role() == MachineRole.CONTROL_PLANE && m.phase() == MachinePhase.RUNNING && !m.providerId().isEmpty())
                .map(Machine::providerId).collect(Collectors.toCollection(TreeSet::new));
        boolean lbInSync = String.join(",", lbWanted).equals(c.status().infrastructure().getOrDefault(INFRA_LB_TARGETS, ""));
        // The zones each pool has now become "known" once the pools are spread over them.
        Map<String, String> recorded = c.status().infrastructure();
        String zonesNow = String.join(",", MachineTemplates.poolZones(c.spec()));
        if (plan.controlPlane().converged() && plan.workers().converged() && !zonesNow.equals(recorded.get(MachineTemplates.POOL_ZONES))) {
            recorded = new LinkedHashMap<>(recorded);
            recorded.put(MachineTemplates.POOL_ZONES, zonesNow);
        }
        ClusterPhase phase = phase(c, conds, lbInSync && !plan.hasCloudCalls() && plan.inPlace().isEmpty());
        if (phase == ClusterPhase.RUNNING && workload != null) {
            healthCondition(c.id(), conds, obs);
        }
        ClusterStatus status = c.status().toBuilder().machines(plan.machines()).infrastructure(recorded).conditions(conds.toList()).upgradeHistory(history)
                .phase(phase).observedGeneration(c.metadata().generation()).build();
        if (status.phase() == ClusterPhase.RUNNING && c.status().phase() != ClusterPhase.RUNNING) {
            events.record(c.id(), Severity.NORMAL, "ClusterReady", "all " + plan.machines().size() + " machines ready");
        }
        // Intents are stored before the cloud is asked, so a crash in between repeats the same names.
        Cluster written = writer.write(c, status);
        if (plan.hasCloudCalls()) {
            return cloudCalls(written, p, ctx, plan);
        }
        if (!plan.inPlace().isEmpty()) {
            return updateNodes(written, plan.inPlace());
        }
        if (!lbInSync) {
            return p.ensureLoadBalancer(ctx, new LoadBalancerRequest(API_SERVER_PORT, List.copyOf(lbWanted))).thenApply(lb -> {
                Cluster fresh = store.get(c.id()).orElse(written);
                Map<String, String> infra = new LinkedHashMap<>(fresh.status().infrastructure());
                infra.put(INFRA_LB_TARGETS, String.join(",", new TreeSet<>(lb.targets())));
                writer.write(fresh, fresh.status().toBuilder().infrastructure(infra).build());
                return (Step) new Step.Stop(ReconcileResult.requeueAfter(Duration.ZERO));
            });
        }
        boolean converged = plan.controlPlane().converged() && plan.workers().converged();
        if (!converged) {
            return Step.stop(ReconcileResult.requeueAfter(pollInterval));
        }
        // With a workload cluster to watch, a converged cluster is still checked for unhealthy nodes.
        return Step.stop(workload == null ? ReconcileResult.done() : ReconcileResult.requeueAfter(HEALTH_CHECK_INTERVAL));
    }

    /**
     * Sets {@code Healthy} from the heartbeat and the nodes' conditions, with an event when it turns. The nodes
     * count only when this pass could list them; otherwise the heartbeat alone decides.
     */
    private void healthCondition(String clusterId, Conditions conds, MachinePlanner.Observation obs) {
        java.util.Collection<NodeStatus> nodes = obs.readiness() == MachinePlanner.Readiness.NODES ? obs.nodes().values() : null;
        ClusterHealth.Verdict v = health.evaluate(clusterId, time.now(), nodes);
        ConditionStatus before = conds.get(ConditionTypes.HEALTHY).map(Condition::status).orElse(null);
        ConditionStatus now = v.healthy() ? ConditionStatus.TRUE : ConditionStatus.FALSE;
        conds.set(ConditionTypes.HEALTHY, now, v.reason(), v.message());
        if (now == ConditionStatus.FALSE && before != ConditionStatus.FALSE) {
            events.record(clusterId, Severity.WARNING, "ClusterUnhealthy", v.reason() + ": " + v.message());
        } else if (now == ConditionStatus.TRUE && before == ConditionStatus.FALSE) {
            events.record(clusterId, Severity.NORMAL, "ClusterHealthy", v.message());
        }
    }

    /**
     * Applies changed pool labels and taints to running nodes in place, then records on each machine what
     * its node now carries. A node that does not take the change is retried on the next pass.
     */
    private CompletionStage<Step> updateNodes(Cluster c, List<MachinePlanner.InPlace> updates) {
        dev.palette.sdk.api.workload.WorkloadCluster wc = workload.connect(
                new WorkloadTarget(c.id(), c.status().endpoint(), "clusters/" + c.id() + "/kubeconfig"));
        Map<String, MachinePlanner.InPlace> applied = new java.util.concurrent.ConcurrentHashMap<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (MachinePlanner.InPlace u : updates) {
            calls.add(wc.updateNode(u.machine().name(), u.update()).toCompletableFuture().handle((v, err) -> {
                if (err != null) {
                    events.record(c.id(), Severity.WARNING, "NodeUpdateFailed", "node " + u.machine().name()
                            + " did not take its pool's labels and taints: " + Failures.asPalette(err).getMessage());
                } else {
                    applied.put(u.machine().name(), u);
                    events.record(c.id(), Severity.NORMAL, "NodeUpdated", "node " + u.machine().name()
                            + " updated in place: " + InPlaceWords.describe(u.update()));
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Cluster fresh = store.get(c.id()).orElse(c);
            List<Machine> machines = fresh.status().machines().stream().map(m -> {
                MachinePlanner.InPlace u = applied.get(m.name());
                return u == null ? m : m.toBuilder().labels(u.labels()).taints(u.taints()).build();
            }).toList();
            writer.write(fresh, fresh.status().toBuilder().machines(machines).build());
            return (Step) new Step.Stop(ReconcileResult.requeueAfter(applied.size() == updates.size() ? Duration.ZERO : pollInterval));
        });
    }

    /** Sets CP/worker conditions from counts; a failed condition stays failed until its role makes progress. */
    private static void progressConditions(Conditions conds, MachinePlanner.Plan plan) {
        role(conds, ConditionTypes.CONTROL_PLANE_READY, plan.controlPlane(), "AddingControlPlaneNode",
                "RemovingControlPlaneNode", "WaitingForControlPlaneNodes");
        role(conds, ConditionTypes.WORKERS_READY, plan.workers(), "AddingWorkerNodes", "RemovingWorkerNodes",
                "WaitingForWorkerNodes");
    }

    private static void role(Conditions conds, String type, MachinePlanner.PoolCounts n, String adding, String removing,
                             String waiting) {
        String counts = n.ready() + "/" + n.desired() + " ready";
        if (n.converged()) {
            conds.set(type, ConditionStatus.TRUE, type, counts);
            return;
        }
        if (conds.get(type).map(x -> x.isFailed()).orElse(false)) {
            return; // keep the provider's message visible until a cloud call of this role succeeds
        }
        conds.set(type, ConditionStatus.FALSE, reason(n, adding, removing, waiting), counts);
    }

    /** {@code Remediating} is TRUE while unhealthy machines are replaced, FALSE with the reason when held back. */
    private void remediatingCondition(String clusterId, Conditions conds, MachinePlanner.Remediation r) {
        r.unhealthy().forEach((machine, why) -> events.record(clusterId, Severity.WARNING, "MachineUnhealthy", machine + " " + why));
        if (!r.blocked().isEmpty()) {
            conds.set(ConditionTypes.REMEDIATING, ConditionStatus.FALSE, "MaxUnhealthyExceeded", r.blocked());
        } else if (!r.unhealthy().isEmpty()) {
            conds.set(ConditionTypes.REMEDIATING, ConditionStatus.TRUE, "ReplacingUnhealthyMachines",
                    String.join("; ", r.unhealthy().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
        } else if (conds.get(ConditionTypes.REMEDIATING).isPresent()) {
            conds.set(ConditionTypes.REMEDIATING, ConditionStatus.FALSE, "NoUnhealthyMachines", "every machine is healthy");
        }
    }

    /** {@code Upgrading} is TRUE while machines differ from their templates, with how many and why. */
    private static void upgradingCondition(Conditions conds, MachinePlanner.Plan plan, boolean paused, String step) {
        List<Machine> outdated = plan.machines().stream()
                .filter(m -> m.phase() != MachinePhase.DELETING && MachinePlanner.outdated(m)).toList();
        if (!outdated.isEmpty()) {
            java.util.Set<String> why = new java.util.LinkedHashSet<>();
            outdated.forEach(m -> why.addAll(m.replacementReasons()));
            long done = plan.machines().stream().filter(m -> m.phase() != MachinePhase.DELETING && !MachinePlanner.outdated(m)).count();
            conds.set(ConditionTypes.UPGRADING, ConditionStatus.TRUE, paused ? "RolloutPaused" : "RollingUpdate",
                    done + "/" + (done + outdated.size()) + " machines current; " + (paused ? "paused before replacing "
                    : "replacing ") + outdated.size() + ": " + String.join("; ", why) + step);
        } else if (conds.isTrue(ConditionTypes.UPGRADING)) {
            conds.set(ConditionTypes.UPGRADING, ConditionStatus.FALSE, "UpgradeComplete", "every machine matches its pool's template");
        }
    }

    private static String reason(MachinePlanner.PoolCounts n, String adding, String removing, String waiting) {
        return n.existing() < n.desired() ? adding : n.deleting() > 0 || n.existing() > n.desired() ? removing : waiting;
    }

    private static ClusterPhase phase(Cluster c, Conditions conds, boolean settled) {
        boolean all = ConditionTypes.PROVISIONING_ORDER.stream()
                .filter(t -> !t.equals(ConditionTypes.ADDONS_READY) || conds.get(t).isPresent())
                .allMatch(conds::isTrue);
        if (all && settled) {
            return ClusterPhase.RUNNING;
        }
        ClusterPhase old = c.status().phase();
        return old == ClusterPhase.RUNNING || old == ClusterPhase.UPDATING ? ClusterPhase.UPDATING : ClusterPhase.PROVISIONING;
    }

    private CompletionStage<Step> cloudCalls(Cluster c, CloudProvider p, ProviderContext ctx, MachinePlanner.Plan plan) {
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        Map<String, PaletteException> failures = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
        Map<String, MachineRole> roles = new HashMap<>();
        boolean noCpRunning = plan.machines().stream()
                .noneMatch(m -> m.role() == MachineRole.CONTROL_PLANE && m.phase() == MachinePhase.RUNNING);
        for (Machine m : plan.toCreate()) {
            roles.put(m.name(), m.role());
            boolean init = noCpRunning && m.role() == MachineRole.CONTROL_PLANE && firstControlPlane(plan, m);
            Map<String, String> tags = new LinkedHashMap<>(ctx.tags());
            tags.put(ResourceTags.MACHINE, m.name());
            tags.put(ResourceTags.POOL, m.pool());
            tags.put(ResourceTags.ROLE, m.role() == MachineRole.CONTROL_PLANE ? "control-plane" : "worker");
            String userData;
            try {
                userData = bootstrap.userData(c, m, init);
            } catch (RuntimeException e) {
                failures.put(m.name(), Failures.asPalette(e)); // e.g. the secret store cannot decrypt the cluster's PKI
                continue;
            }
            MachineRequest req = new MachineRequest(m.name(), m.pool(), m.role(), m.instanceType(), m.diskGiB(), m.zone(),
                    m.imageId(), userData, tags);
            // The user data holds the cluster's keys and tokens: its size is logged, never its text.
            LOG.debug("cluster {} ({}): creating {} {} in zone '{}' from image {} with {} bytes of user data", c.id(),
                    c.metadata().name(), m.role(), m.name(), m.zone(), m.imageId(), userData.length());
            calls.add(p.createMachine(ctx, req).toCompletableFuture().handle((info, err) -> {
                if (err != null) {
                    failures.put(m.name(), Failures.asPalette(err));
                } else {
                    events.record(c.id(), Severity.NORMAL, "MachineCreated", "created " + m.role().name().toLowerCase(java.util.Locale.ROOT)
                            .replace('_', '-') + " machine " + m.name() + (m.zone().isEmpty() ? "" : " in " + m.zone()));
                }
                return null;
            }));
        }
        List<String> deletions = new ArrayList<>(plan.toDelete());
        deletions.addAll(plan.orphans());
        for (String name : deletions) {
            boolean orphan = plan.orphans().contains(name);
            plan.machines().stream().filter(m -> m.name().equals(name)).findFirst().ifPresent(m -> roles.put(name, m.role()));
            boolean hadNode = !orphan && plan.machines().stream().anyMatch(m -> m.name().equals(name) && !m.providerId().isEmpty());
            calls.add(drain(c, name, hadNode).thenCompose(x -> p.deleteMachine(ctx, name)).toCompletableFuture().handle((v, err) -> {
                if (err != null) {
                    failures.put(name, Failures.asPalette(err));
                } else {
                    events.record(c.id(), Severity.NORMAL, orphan ? "OrphanDeleted" : "MachineDeleted", orphan
                            ? "deleted machine " + name + ", left in the cloud by an interrupted attempt"
                            : "deleting machine " + name);
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(v -> {
            synchronized (failures) {
                if (failures.isEmpty()) {
                    clearFailures(c.id(), plan, roles.values());
                    return (Step) new Step.Stop(plan.toCreate().isEmpty()
                            ? ReconcileResult.requeueAfter(pollInterval) : ReconcileResult.requeueAfter(Duration.ZERO));
                }
                Map.Entry<String, PaletteException> first = failures.entrySet().iterator().next();
                String type = roles.get(first.getKey()) == MachineRole.WORKER
                        ? ConditionTypes.WORKERS_READY : ConditionTypes.CONTROL_PLANE_READY;
                return (Step) new Step.Stop(fail(store.get(c.id()).orElse(c), type, first.getValue()));
            }
        });
    }

    /**
     * Cordons and drains a machine's node before the machine goes, so its pods move first. A drain that
     * does not finish within {@link #DRAIN_TIMEOUT} (or a cluster that does not answer) does not block the
     * deletion: it is reported as an event, as Cluster API's node drain timeout does.
     */
    private CompletionStage<Void> drain(Cluster c, String node, boolean hadNode) {
        if (workload == null || !hadNode || c.status().endpoint().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        dev.palette.sdk.api.workload.WorkloadCluster wc = workload.connect(
                new WorkloadTarget(c.id(), c.status().endpoint(), "clusters/" + c.id() + "/kubeconfig"));
        return wc.cordon(node).thenCompose(v -> wc.drain(node, DRAIN_TIMEOUT)).handle((v, err) -> {
            if (err != null) {
                events.record(c.id(), Severity.WARNING, "DrainFailed", "node " + node + " not drained ("
                        + Failures.asPalette(err).getMessage() + "); deleting the machine anyway");
            } else {
                events.record(c.id(), Severity.NORMAL, "NodeDrained", "node " + node + " cordoned and drained");
            }
            return null;
        });
    }

    /** After successful cloud calls, a role's failed condition turns back into plain progress. */
    private void clearFailures(String id, MachinePlanner.Plan plan, java.util.Collection<MachineRole> rolesCalled) {
        Cluster fresh = store.get(id).orElse(null);
        if (fresh == null) {
            return;
        }
        Conditions conds = new Conditions(fresh.status().conditions(), time.now());
        boolean changed = false;
        for (MachineRole r : new java.util.HashSet<>(rolesCalled)) {
            String type = r == MachineRole.WORKER ? ConditionTypes.WORKERS_READY : ConditionTypes.CONTROL_PLANE_READY;
            MachinePlanner.PoolCounts n = r == MachineRole.WORKER ? plan.workers() : plan.controlPlane();
            if (conds.get(type).map(x -> x.isFailed()).orElse(false)) {
                conds.set(type, ConditionStatus.FALSE, r == MachineRole.WORKER
                        ? reason(n, "AddingWorkerNodes", "RemovingWorkerNodes", "WaitingForWorkerNodes")
                        : reason(n, "AddingControlPlaneNode", "RemovingControlPlaneNode", "WaitingForControlPlaneNodes"),
                        n.ready() + "/" + n.desired() + " ready");
                changed = true;
            }
        }
        if (changed) {
            writer.write(fresh, fresh.status().toBuilder().conditions(conds.toList()).lastError("").build());
        }
    }

    private static boolean firstControlPlane(MachinePlanner.Plan plan, Machine m) {
        return plan.machines().stream().filter(x -> x.role() == MachineRole.CONTROL_PLANE && x.phase() != MachinePhase.DELETING)
                .min(java.util.Comparator.comparing(Machine::createdAt).thenComparing(Machine::name))
                .map(x -> x.name().equals(m.name())).orElse(false);
    }

    // ---- shared --------------------------------------------------------------------------------------------

    /** Shows which step is active: its condition FALSE with a progress reason (unless it is failing). */
    private Cluster begin(Cluster c, Conditions conds, String type, String reason, String message) {
        boolean failing = conds.get(type).map(x -> x.isFailed()).orElse(false);
        if (!failing) {
            conds.set(type, ConditionStatus.FALSE, reason, message);
        }
        ClusterPhase phase = c.status().phase() == ClusterPhase.PENDING ? ClusterPhase.PROVISIONING : c.status().phase();
        return writer.write(c, c.status().toBuilder().conditions(conds.toList()).phase(phase).build());
    }

    /**
     * Marks a step failed with the provider's message, records a warning event, and asks for a retry with
     * backoff. Store conflicts are re-thrown: the engine re-queues those without counting a failure.
     */
    ReconcileResult fail(Cluster c, String type, Throwable err) {
        PaletteException e = Failures.asPalette(err);
        if (e instanceof dev.palette.sdk.api.error.ConflictException) {
            throw e;
        }
        Conditions conds = new Conditions(c.status().conditions(), time.now());
        conds.fail(type, Failures.reason(e), e.getMessage());
        try {
            writer.write(c, c.status().toBuilder().conditions(conds.toList()).lastError(e.getMessage()).build());
        } catch (dev.palette.sdk.api.error.ConflictException conflict) {
            // someone changed the cluster meanwhile; the next pass records the failure again if it persists
        }
        events.record(c.id(), Severity.WARNING, Failures.reason(e), type + ": " + e.getMessage());
        return ReconcileResult.failed(e);
    }
}
