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
import java.util.LinkedHashMap;
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

    /**
     * Creates a planner.
     *
     * @param validator validates the new spec
     * @param providers tells the cloud type of the spec's provider (for the image signature)
     */
    public ChangePlanner(ClusterValidator validator, ProviderRegistry providers) {
        this.validator = validator;
        this.providers = providers;
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
        String newK8s = newSpec.profile().kubernetesPack().map(Pack::version).orElse("");
        String oldK8s = cluster.spec().profile().kubernetesPack().map(Pack::version).orElse("");
        String imageId = imageFor(cluster, newSpec);

        List<Machine> machines = new ArrayList<>(cluster.status().machines());
        List<PlannedAction> actions = new ArrayList<>();
        Map<String, String> newNames = new HashMap<>();
        Map<String, Integer> perPool = new HashMap<>();
        int current = (int) machines.stream().filter(m -> m.phase() != MachinePhase.DELETING).count();
        int peak = current;
        for (int step = 1; step <= MAX_STEPS; step++) {
            Map<String, MachineInfo> cloud = new LinkedHashMap<>();
            for (Machine m : machines) {
                cloud.put(m.name(), new MachineInfo(m.name(), m.providerId().isEmpty() ? "planned-" + m.name() : m.providerId(),
                        MachineState.RUNNING, m.zone(), m.instanceType(), m.diskGiB(), m.imageId(), "", Map.of(), now));
            }
            Set<String> ready = cloud.keySet();
            MachinePlanner.Plan p = MachinePlanner.plan(newSpec, machines,
                    new MachinePlanner.Observation(cloud, ready, MachinePlanner.Readiness.NODES), now, imageId, newK8s);
            Set<String> replacedNames = p.replaced().stream().map(Machine::name).collect(Collectors.toSet());
            final int s = step;
            p.replaced().forEach(m -> actions.add(new PlannedAction(s, PlannedAction.Kind.REPLACE, m.pool(), m.name(),
                    m.replacementReasons())));
            for (String name : p.toDelete()) {
                if (!replacedNames.contains(name)) {
                    Machine m = p.machines().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                    actions.add(new PlannedAction(step, PlannedAction.Kind.DELETE, m.pool(), name, List.of(
                            cluster.spec().allPools().stream().anyMatch(x -> x.name().equals(m.pool()))
                                    && newSpec.allPools().stream().noneMatch(x -> x.name().equals(m.pool()))
                                    ? "pool " + m.pool() + " removed" : "pool " + m.pool() + " scaled down")));
                }
            }
            for (Machine m : p.toCreate()) {
                String label = "new-" + m.pool() + "-" + perPool.merge(m.pool(), 1, Integer::sum);
                newNames.put(m.name(), label);
                actions.add(new PlannedAction(step, PlannedAction.Kind.CREATE, m.pool(), label, List.of()));
            }
            // Apply: deletions finish, creations exist and are Ready.
            List<Machine> next = new ArrayList<>();
            for (Machine m : p.machines()) {
                if (m.phase() == MachinePhase.DELETING) {
                    continue;
                }
                next.add(m.providerId().isEmpty() ? m.toBuilder().providerId("planned-" + m.name()).phase(MachinePhase.RUNNING).build()
                        : m.toBuilder().phase(MachinePhase.RUNNING).build());
            }
            peak = Math.max(peak, (int) p.machines().stream().filter(m -> m.phase() != MachinePhase.DELETING).count());
            machines = next;
            if (!p.hasCloudCalls() && p.controlPlane().converged() && p.workers().converged()) {
                break;
            }
        }
        int desired = newSpec.allPools().stream().mapToInt(x -> x.count()).sum();
        List<String> versions = oldK8s.equals(newK8s) ? List.of(oldK8s) : List.of(oldK8s, newK8s);
        return new ChangePlan(cluster.metadata().generation(), List.of(), renumber(actions), versions, peak,
                Math.max(0, peak - Math.max(current, desired)));
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

    private String imageFor(Cluster cluster, ClusterSpec newSpec) {
        String current = cluster.status().infrastructure().getOrDefault(ClusterReconciler.INFRA_IMAGE, "");
        String cloudType = providers.get(newSpec.cloud().provider()).metadata().cloudType();
        dev.palette.sdk.api.provider.ImageRequest req = ImageRequests.forSpec(newSpec, cloudType);
        String oldSignature = cluster.status().infrastructure().getOrDefault(ClusterReconciler.INFRA_IMAGE + ".signature", "");
        if (req.signature().equals(oldSignature) || current.isEmpty()) {
            return current;
        }
        if (!req.needsCustomization()) {
            // A base image is used as it is: the same one unless the OS pack names another.
            return current.startsWith(req.base().id()) ? current : req.base().id();
        }
        Pack os = newSpec.profile().osPack().orElseThrow();
        return "(new image: " + os.name() + " " + os.version() + ")";
    }
}
