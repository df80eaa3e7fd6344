package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ChangePlan;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.PlannedAction;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.internal.validation.ClusterValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Previews a spec change: runs the same {@link MachinePlanner} the reconciler runs, step after step, on
 * a copy of the cluster's machines in which every created machine turns Ready at once, and records what
 * each step would do. Touches neither the store nor the cloud.
 */
public final class ChangePlanner {
    private static final int MAX_STEPS = 10_000;

    private final ClusterValidator validator;
    private final ProviderRegistry providers;
    private final MachineTemplates templates;
    private final boolean fastForward;

    /**
     * Creates a planner.
     *
     * @param validator validates the new spec
     * @param providers tells the cloud type of the spec's provider (for the image signature)
     * @param templates works out each step's machine template, as the reconciler does
     */
    public ChangePlanner(ClusterValidator validator, ProviderRegistry providers, MachineTemplates templates) {
        this(validator, providers, templates, true);
    }

    /** With {@code fastForward} false, every step is replayed: the reference the fast path is tested against. */
    ChangePlanner(ClusterValidator validator, ProviderRegistry providers, MachineTemplates templates, boolean fastForward) {
        this.validator = validator;
        this.providers = providers;
        this.templates = templates;
        this.fastForward = fastForward;
    }

    /**
     * Previews a change.
     *
     * @param cluster the cluster as it is
     * @param newSpec the spec to preview
     * @param now the current time
     * @return the preview
     */
    public ChangePlan plan(Cluster cluster, ClusterSpec newSpec, Instant now) {
        try {
            validator.requireValidChange(cluster.spec(), newSpec);
        } catch (ValidationException e) {
            return new ChangePlan(cluster.metadata().generation(), e.violations(), List.of(), List.of(), 0, 0);
        }
        Pack k8sPack = newSpec.profile().kubernetesPack().orElse(null);
        String newK8s = k8sPack == null ? "" : k8sPack.version();
        String oldK8s = KubernetesSteps.current(cluster.status().machines());
        if (oldK8s.isEmpty()) {
            oldK8s = cluster.spec().profile().kubernetesPack().map(Pack::version).orElse("");
        }
        Set<String> existing = cluster.status().machines().stream().map(Machine::name).collect(Collectors.toSet());
        Map<String, MachineTemplate> templateByVersion = new HashMap<>();

        List<Machine> machines = new ArrayList<>(cluster.status().machines());
        List<PlannedAction> actions = new ArrayList<>();
        Map<String, Integer> perPool = new HashMap<>();
        Map<String, String> planned = new HashMap<>(); // a machine the plan creates: its name -> new-<pool>-<n>
        int current = (int) machines.stream().filter(m -> m.phase() != MachinePhase.DELETING).count();
        int peak = current;
        for (int step = 1; step <= MAX_STEPS; step++) {
            Map<String, MachineInfo> cloud = new HashMap<>(machines.size() * 2);
            for (Machine m : machines) {
                cloud.put(m.name(), new MachineInfo(m.name(), m.providerId().isEmpty() ? "planned-" + m.name() : m.providerId(),
                        MachineState.RUNNING, m.zone(), m.instanceType(), m.diskGiB(), m.imageId(), m.address(), Map.of(), now));
            }
            String k8s = templates.kubernetesTarget(newSpec, machines);
            final List<Machine> at = machines;
            MachineTemplate template = templateByVersion.computeIfAbsent(k8s, v -> templateFor(cluster, newSpec, at, v));
            // Each step a little later, so machines of later steps are newer, as they will be.
            MachinePlanner.Plan p = MachinePlanner.plan(newSpec, machines,
                    new MachinePlanner.Observation(cloud, cloud.keySet(), MachinePlanner.Readiness.NODES, Map.of(), ""),
                    now.plusMillis(step), template);
            record(step, p, cluster, newSpec, existing, perPool, planned, actions);
            // Apply: deletions finish, creations exist and are Ready, nodes take their labels.
            Map<String, MachinePlanner.InPlace> updated = new HashMap<>();
            p.inPlace().forEach(u -> updated.put(u.machine().name(), u));
            List<Machine> next = new ArrayList<>(p.machines().size());
            for (Machine m : p.machines()) {
                if (m.phase() == MachinePhase.DELETING) {
                    continue;
                }
                MachinePlanner.InPlace u = updated.get(m.name());
                if (m.phase() == MachinePhase.RUNNING && !m.providerId().isEmpty() && u == null) {
                    next.add(m);
                    continue;
                }
                Machine.Builder b = m.toBuilder().phase(MachinePhase.RUNNING);
                if (m.providerId().isEmpty()) {
                    // A machine the preview creates goes by its label from now on: its real name is random,
                    // and the preview should read the same each time it is asked.
                    String label = planned.getOrDefault(m.name(), m.name());
                    b.name(label).providerId("planned-" + label);
                }
                if (u != null) {
                    b.labels(u.labels()).taints(u.taints());
                }
                next.add(b.build());
            }
            peak = Math.max(peak, (int) p.machines().stream().filter(m -> m.phase() != MachinePhase.DELETING).count());
            machines = next;
            if (!p.hasCloudCalls() && p.inPlace().isEmpty()) {
                break; // nothing happened, so nothing will (done, or a paused rollout)
            }
            if (fastForward && k8s.equals(newK8s) && RolloutFastForward.applies(newSpec, machines)) {
                peak = Math.max(peak, RolloutFastForward.finish(newSpec, machines, step + 1, perPool, planned, actions));
                break;
            }
        }
        int desired = newSpec.allPools().stream().mapToInt(x -> x.count()).sum();
        List<String> versions = templates.steps().path(oldK8s, k8sPack == null ? "" : k8sPack.name(), newK8s);
        return new ChangePlan(cluster.metadata().generation(), List.of(), renumber(actions), versions, peak,
                Math.max(0, peak - Math.max(current, desired)));
    }

    /** Adds one simulated pass's actions: replacements, deletions, creations and in-place node updates. */
    private static void record(int step, MachinePlanner.Plan p, Cluster cluster, ClusterSpec newSpec, Set<String> existing,
                               Map<String, Integer> perPool, Map<String, String> planned, List<PlannedAction> actions) {
        Set<String> replacedNames = new HashSet<>();
        for (Machine m : p.replaced()) {
            replacedNames.add(m.name());
            actions.add(new PlannedAction(step, PlannedAction.Kind.REPLACE, m.pool(), planned.getOrDefault(m.name(), m.name()),
                    m.replacementReasons()));
        }
        if (p.toDelete().size() > replacedNames.size()) {
            Map<String, Machine> byName = new HashMap<>();
            p.machines().forEach(m -> byName.put(m.name(), m));
            for (String name : p.toDelete()) {
                if (!replacedNames.contains(name)) {
                    Machine m = byName.get(name);
                    boolean poolRemoved = cluster.spec().allPools().stream().anyMatch(x -> x.name().equals(m.pool()))
                            && newSpec.allPools().stream().noneMatch(x -> x.name().equals(m.pool()));
                    actions.add(new PlannedAction(step, PlannedAction.Kind.DELETE, m.pool(), planned.getOrDefault(name, name),
                            List.of(poolRemoved ? "pool " + m.pool() + " removed" : "pool " + m.pool() + " scaled down")));
                }
            }
        }
        for (Machine m : p.toCreate()) {
            String label = "new-" + m.pool() + "-" + perPool.merge(m.pool(), 1, Integer::sum);
            planned.put(m.name(), label);
            actions.add(new PlannedAction(step, PlannedAction.Kind.CREATE, m.pool(), label, List.of()));
        }
        for (MachinePlanner.InPlace u : p.inPlace()) {
            if (existing.contains(u.machine().name())) { // a new machine's first labels are part of its creation
                actions.add(new PlannedAction(step, PlannedAction.Kind.UPDATE, u.machine().pool(), u.machine().name(),
                        List.of(InPlaceWords.describe(u.update()))));
            }
        }
    }

    /** Steps that did nothing are dropped, so steps count 1, 2, 3... */
    private static List<PlannedAction> renumber(List<PlannedAction> actions) {
        List<PlannedAction> out = new ArrayList<>();
        int step = 0;
        int last = -1;
        for (PlannedAction a : actions) {
            if (a.step() != last) {
                step++;
                last = a.step();
            }
            out.add(new PlannedAction(step, a.kind(), a.pool(), a.machine(), a.reasons()));
        }
        return out;
    }

    /** The template of one step: the image the step's Kubernetes version needs, named by its OS layer. */
    private MachineTemplate templateFor(Cluster cluster, ClusterSpec newSpec, List<Machine> machines, String k8s) {
        String current = cluster.status().infrastructure().getOrDefault(ClusterReconciler.INFRA_IMAGE, "");
        String cloudType = providers.get(newSpec.cloud().provider()).metadata().cloudType();
        dev.palette.sdk.api.provider.ImageRequest req = ImageRequests.forSpec(newSpec, cloudType, k8s);
        String oldSignature = cluster.status().infrastructure().getOrDefault(ClusterReconciler.INFRA_IMAGE + ".signature", "");
        Pack os = newSpec.profile().osPack().orElseThrow();
        String image;
        if (req.signature().equals(oldSignature) || current.isEmpty()) {
            image = current;
        } else if (!req.needsCustomization()) {
            // A base image is used as it is: the same one unless the OS pack names another.
            image = current.startsWith(req.base().id()) ? current : req.base().id();
        } else {
            image = "(new image: " + os.name() + " " + os.version() + ")";
        }
        return templates.preview(cluster, newSpec, machines, image, Map.of(image, os.name() + " " + os.version()));
    }
}
