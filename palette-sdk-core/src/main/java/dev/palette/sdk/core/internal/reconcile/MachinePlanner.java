package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.NodeUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, from the spec, the machines recorded in status and what the cloud and the workload cluster
 * report, what the next machine actions are. Pure: no I/O, so it is unit-tested directly and can later
 * serve change previews.
 *
 * <p>Rules: the first control-plane machine is created alone; the others join one at a time once every
 * existing control-plane machine is Ready (etcd quorum); workers are created once the control plane is
 * initialized; surplus machines are removed not-ready first, then newest; a cloud machine the status
 * does not know (left by a crash) is deleted; a recorded machine the cloud lost is forgotten and
 * recreated.
 */
final class MachinePlanner {

    /** Where node readiness comes from. */
    enum Readiness {
        /** No workload access: a running cloud machine counts as Ready. */
        CLOUD,
        /** The workload cluster's nodes: Ready means the node's Ready condition is True. */
        NODES,
        /** The workload cluster did not answer: machines keep the readiness they had. */
        UNREACHABLE
    }

    /** What the cloud and the workload cluster report. */
    record Observation(Map<String, MachineInfo> cloud, Set<String> readyNodes, Readiness readiness,
                       Map<String, NodeStatus> nodes, String etcdLeader) {
        Observation(Map<String, MachineInfo> cloud, Set<String> readyNodes, Readiness readiness) {
            this(cloud, readyNodes, readiness, Map.of(), "");
        }

        /** Whether the machine's node is registered with the workload cluster (so it can be labelled). */
        boolean hasNode(String machine) {
            return readiness == Readiness.NODES && (nodes.containsKey(machine) || readyNodes.contains(machine));
        }
    }

    /** A node whose labels or taints differ from its pool's: changed in place, not replaced. */
    record InPlace(Machine machine, NodeUpdate update, Map<String, String> labels, List<Taint> taints) {
    }

    /** The decided actions. */
    record Plan(List<Machine> machines, List<Machine> toCreate, List<String> toDelete, List<String> orphans,
                List<String> lost, List<String> becameReady, List<Machine> replaced, Remediation remediation, boolean changed,
                PoolCounts controlPlane, PoolCounts workers, List<InPlace> inPlace) {
        boolean hasCloudCalls() {
            return !toCreate.isEmpty() || !toDelete.isEmpty() || !orphans.isEmpty();
        }
    }

    /**
     * Unhealthy machines found and what was done about them.
     *
     * @param unhealthy machines found unhealthy, with why
     * @param blocked why remediation was held back (too many unhealthy at once), or empty
     */
    record Remediation(Map<String, String> unhealthy, String blocked) {
        static final Remediation NONE = new Remediation(Map.of(), "");
    }

    /** Desired, existing, ready, deleting and outdated machine counts of a role. */
    record PoolCounts(int desired, int existing, int ready, int deleting, int outdated) {
        boolean converged() {
            return existing == desired && ready == desired && deleting == 0 && outdated == 0;
        }
    }

    private MachinePlanner() {
    }

    static Plan plan(ClusterSpec spec, List<Machine> recorded, Observation obs, Instant now, MachineTemplate target) {
        List<Machine> machines = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> becameReady = new ArrayList<>();
        boolean changed = false;
        Set<String> known = new HashSet<>();

        // 1. Sync recorded machines with what the cloud and the nodes say.
        for (Machine m : recorded) {
            known.add(m.name());
            MachineInfo info = obs.cloud().get(m.name());
            if (info == null) {
                if (m.phase() == MachinePhase.DELETING) {
                    changed = true; // gone: deletion finished
                    continue;
                }
                if (!m.providerId().isEmpty()) {
                    lost.add(m.name()); // it existed, and the cloud no longer has it
                    changed = true;
                    continue;
                }
                machines.add(m); // an intent whose create has not happened yet
                continue;
            }
            Machine synced = sync(m, info, obs);
            if (synced.phase() == MachinePhase.RUNNING && m.phase() != MachinePhase.RUNNING) {
                becameReady.add(m.name());
            }
            if (!synced.equals(m)) {
                changed = true;
            }
            machines.add(synced);
        }
        List<String> orphans = new ArrayList<>();
        for (String name : obs.cloud().keySet()) {
            if (!known.contains(name)) {
                orphans.add(name);
            }
        }

        // 2. Pools that no longer exist lose their machines.
        Set<String> pools = new HashSet<>();
        spec.allPools().forEach(p -> pools.add(p.name()));
        for (int i = 0; i < machines.size(); i++) {
            Machine m = machines.get(i);
            if (!pools.contains(m.pool()) && m.phase() != MachinePhase.DELETING) {
                machines.set(i, m.withPhase(MachinePhase.DELETING));
                changed = true;
            }
        }

        // 2b. Why each machine differs from its pool's template now (empty when it is current).
        for (int i = 0; i < machines.size(); i++) {
            Machine m = machines.get(i);
            if (m.phase() == MachinePhase.DELETING) {
                continue;
            }
            MachinePoolSpec pool = m.role() == MachineRole.CONTROL_PLANE ? spec.controlPlane()
                    : spec.workerPool(m.pool()).orElse(null);
            List<String> reasons = pool == null ? List.of() : reasons(m, pool, target);
            reasons = withCertificateRenewal(reasons, m, spec.upgrade(), now);
            if (ZoneBalance.isMove(m)) {
                reasons = plus(reasons, m.replacementReasons().stream().filter(ZoneBalance::isReason).findFirst().orElseThrow());
            }
            if (!reasons.equals(m.replacementReasons())) {
                machines.set(i, m.toBuilder().replacementReasons(reasons).build()); // zone moves settled next, per pool
            }
        }
        Map<String, List<Integer>> byPool = new HashMap<>();
        for (int i = 0; i < machines.size(); i++) {
            if (machines.get(i).phase() != MachinePhase.DELETING) {
                byPool.computeIfAbsent(machines.get(i).pool(), k -> new ArrayList<>()).add(i);
            }
        }
        for (MachinePoolSpec pool : spec.allPools()) {
            List<Integer> members = byPool.getOrDefault(pool.name(), List.of());
            // Machines replaced for other reasons leave anyway; their replacements are placed evenly.
            List<Machine> staying = new ArrayList<>();
            for (int i : members) {
                Machine m = machines.get(i);
                if (m.replacementReasons().stream().allMatch(ZoneBalance::isReason)) {
                    staying.add(m);
                }
            }
            Map<String, String> moves = ZoneBalance.moves(pool, staying, target.knownZones());
            for (int i : members) {
                Machine m = machines.get(i);
                String move = moves.get(m.name());
                boolean hadMove = ZoneBalance.isMove(m);
                if (move == null && !hadMove || move != null && m.replacementReasons().contains(move)) {
                    continue;
                }
                List<String> reasons = m.replacementReasons().stream().filter(r -> !ZoneBalance.isReason(r)).toList();
                machines.set(i, m.toBuilder().replacementReasons(move == null ? reasons : plus(reasons, move)).build());
            }
        }
        Map<String, List<String>> recordedReasons = new HashMap<>();
        recorded.forEach(m -> recordedReasons.put(m.name(), m.replacementReasons()));
        for (Machine m : machines) {
            List<String> before = recordedReasons.get(m.name());
            if (before != null && !before.equals(m.replacementReasons())) {
                changed = true;
            }
        }
        List<Machine> replaced = new ArrayList<>();
        Remediation remediation = remediate(spec, machines, obs, now, replaced);
        changed |= !remediation.unhealthy().isEmpty() && remediation.blocked().isEmpty();

        // 3. Control plane: one at a time, never while another is not Ready; a new member joins before an old one leaves.
        MachinePoolSpec cp = spec.controlPlane();
        List<Machine> newIntents = new ArrayList<>();
        Set<String> taken = new HashSet<>(known);
        taken.addAll(obs.cloud().keySet());
        List<Machine> cps = active(machines, cp.name());
        boolean cpAllReady = cps.stream().allMatch(m -> m.phase() == MachinePhase.RUNNING);
        boolean cpDeleting = machines.stream().anyMatch(m -> m.pool().equals(cp.name()) && m.phase() == MachinePhase.DELETING);
        if (cps.isEmpty()) {
            newIntents.add(intent(cp, MachineRole.CONTROL_PLANE, machines, newIntents, taken, now, target));
        } else if (cpAllReady && !cpDeleting && cps.size() < cp.count()) {
            newIntents.add(intent(cp, MachineRole.CONTROL_PLANE, machines, newIntents, taken, now, target));
        } else if (cpAllReady && !cpDeleting && cps.size() > cp.count()) {
            replaced.addAll(markSurplus(machines, cp.name(), cps.size() - cp.count(), true, obs.etcdLeader()));
            changed = true;
        } else if (cpAllReady && !cpDeleting && !spec.upgrade().paused() && cps.stream().anyMatch(MachinePlanner::outdated)) {
            newIntents.add(intent(cp, MachineRole.CONTROL_PLANE, machines, newIntents, taken, now, target));
        }
        boolean cpInitialized = cps.stream().anyMatch(m -> m.phase() == MachinePhase.RUNNING);
        // Workers roll only once the control plane is done rolling: control plane first, then workers.
        boolean cpSettled = cpAllReady && !cpDeleting && cps.size() == cp.count() && cps.stream().noneMatch(MachinePlanner::outdated);

        // 4. Workers: all at once, once the control plane answers.
        for (MachinePoolSpec pool : spec.workerPools()) {
            List<Machine> members = active(machines, pool.name());
            long outdated = members.stream().filter(MachinePlanner::outdated).count();
            if (outdated > 0 && (!cpSettled || spec.upgrade().paused())) {
                continue; // wait for the control plane's rollout, or for the rollout to be resumed
            } else if (outdated > 0) {
                changed |= roll(pool, spec.upgrade(), members, machines, newIntents, replaced, cpInitialized, taken, now,
                        target);
            } else if (members.size() > pool.count()) {
                replaced.addAll(markSurplus(machines, pool.name(), members.size() - pool.count(), false, ""));
                changed = true;
            } else if (members.size() < pool.count() && cpInitialized) {
                for (int i = members.size(); i < pool.count(); i++) {
                    newIntents.add(intent(pool, MachineRole.WORKER, machines, newIntents, taken, now, target));
                }
            }
        }
        machines.addAll(newIntents);
        changed |= !newIntents.isEmpty();

        // 5. Cloud calls: create every intent the cloud lacks; delete what is marked and what is orphaned.
        List<Machine> toCreate = new ArrayList<>();
        List<String> toDelete = new ArrayList<>();
        for (Machine m : machines) {
            if (m.phase() == MachinePhase.PROVISIONING && m.providerId().isEmpty() && !obs.cloud().containsKey(m.name())) {
                toCreate.add(m);
            } else if (m.phase() == MachinePhase.DELETING) {
                toDelete.add(m.name());
            }
        }
        return new Plan(List.copyOf(machines), toCreate, toDelete, orphans, lost, becameReady, replaced, remediation, changed,
                counts(machines, cp), workerCounts(machines, spec), inPlace(spec, machines, obs));
    }

    /** Running machines whose node lacks its pool's current labels and taints. */
    private static List<InPlace> inPlace(ClusterSpec spec, List<Machine> machines, Observation obs) {
        List<InPlace> out = new ArrayList<>();
        for (Machine m : machines) {
            if (m.phase() != MachinePhase.RUNNING || !obs.hasNode(m.name())) {
                continue;
            }
            MachinePoolSpec pool = m.role() == MachineRole.CONTROL_PLANE ? spec.controlPlane()
                    : spec.workerPool(m.pool()).orElse(null);
            if (pool == null || (pool.labels().equals(m.labels()) && pool.taints().equals(m.taints()))) {
                continue;
            }
            Map<String, String> setLabels = new LinkedHashMap<>();
            pool.labels().forEach((k, v) -> {
                if (!v.equals(m.labels().get(k))) {
                    setLabels.put(k, v);
                }
            });
            Set<String> removedLabels = new HashSet<>(m.labels().keySet());
            removedLabels.removeAll(pool.labels().keySet());
            List<Taint> setTaints = pool.taints().stream().filter(t -> !m.taints().contains(t)).toList();
            List<Taint> removedTaints = m.taints().stream().filter(t -> pool.taints().stream()
                    .noneMatch(x -> x.key().equals(t.key()) && x.effect().equals(t.effect()))).toList();
            out.add(new InPlace(m, new NodeUpdate(setLabels, removedLabels, setTaints, removedTaints), pool.labels(), pool.taints()));
        }
        return out;
    }

    private static List<String> plus(List<String> list, String item) {
        List<String> out = new ArrayList<>(list);
        out.add(item);
        return List.copyOf(out);
    }



    private static Machine sync(Machine m, MachineInfo info, Observation obs) {
        String zone = info.zone().isEmpty() ? m.zone() : info.zone();
        MachinePhase phase;
        if (m.phase() == MachinePhase.DELETING) {
            phase = MachinePhase.DELETING;
        } else if (info.state() == MachineState.FAILED) {
            phase = MachinePhase.FAILED;
        } else if (info.state() != MachineState.RUNNING) {
            phase = MachinePhase.PROVISIONING;
        } else if (obs.readiness() == Readiness.CLOUD || obs.readyNodes().contains(m.name())) {
            phase = MachinePhase.RUNNING;
        } else if (obs.readiness() == Readiness.UNREACHABLE && m.phase() == MachinePhase.RUNNING) {
            phase = MachinePhase.RUNNING;
        } else {
            phase = MachinePhase.BOOTING;
        }
        if (phase == m.phase() && zone.equals(m.zone()) && info.providerId().equals(m.providerId())
                && info.address().equals(m.address())) {
            return m; // unchanged: most machines on most passes
        }
        return m.toBuilder().providerId(info.providerId()).address(info.address()).zone(zone).phase(phase).build();
    }

    private static List<Machine> active(List<Machine> machines, String pool) {
        return machines.stream().filter(m -> m.pool().equals(pool) && m.phase() != MachinePhase.DELETING).toList();
    }

    private static Machine intent(MachinePoolSpec pool, MachineRole role, List<Machine> machines, List<Machine> pending,
                                  Set<String> taken, Instant now, MachineTemplate target) {
        String imageId = target.imageId();
        String kubernetesVersion = target.kubernetesVersion();
        String bootstrapHash = target.bootstrapHash();
        String name = MachineNames.next(pool.name(), taken);
        taken.add(name);
        return Machine.builder().name(name).pool(pool.name()).role(role).phase(MachinePhase.PROVISIONING)
                .zone(leastUsedZone(pool, machines, pending)).instanceType(pool.instanceType()).diskGiB(pool.diskGiB())
                .imageId(imageId).kubernetesVersion(kubernetesVersion).createdAt(now)
                .templateHash(MachineTemplate.hash(imageId, kubernetesVersion, pool.instanceType(), pool.diskGiB(), bootstrapHash))
                .build();
    }

    /**
     * Spreads a pool evenly: the zone with the fewest machines that stay, first in spec order on ties.
     * Outdated machines do not count: they are leaving, and their replacements should end up balanced.
     */
    private static String leastUsedZone(MachinePoolSpec pool, List<Machine> machines, List<Machine> pending) {
        if (pool.zones().isEmpty()) {
            return "";
        }
        Map<String, Integer> use = new LinkedHashMap<>();
        pool.zones().forEach(z -> use.put(z, 0));
        for (List<Machine> list : List.of(machines, pending)) {
            for (Machine m : list) {
                if (m.pool().equals(pool.name()) && m.phase() != MachinePhase.DELETING && !outdated(m)
                        && use.containsKey(m.zone())) {
                    use.merge(m.zone(), 1, Integer::sum);
                }
            }
        }
        return use.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /**
     * Marks {@code n} machines of a pool for deletion, one at a time: not Ready first, then outdated, then
     * (in the control plane) any but the etcd leader, then the newest in the zone that has the most
     * machines left, so the pool stays spread over its zones.
     */
    private static List<Machine> markSurplus(List<Machine> machines, String pool, int n, boolean oneAtATime, String etcdLeader) {
        int count = oneAtATime ? Math.min(1, n) : n;
        List<Machine> marked = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Map<String, Integer> perZone = new HashMap<>();
            machines.stream().filter(m -> m.pool().equals(pool) && m.phase() != MachinePhase.DELETING)
                    .forEach(m -> perZone.merge(m.zone(), 1, Integer::sum));
            Comparator<Machine> order = Comparator.<Machine>comparingInt(m -> m.phase() == MachinePhase.RUNNING ? 1 : 0)
                    .thenComparingInt(m -> outdated(m) ? 0 : 1)
                    .thenComparingInt(m -> m.name().equals(etcdLeader) ? 1 : 0) // the etcd leader goes last
                    .thenComparing(m -> perZone.getOrDefault(m.zone(), 0), Comparator.reverseOrder())
                    .thenComparing(Machine::createdAt, Comparator.reverseOrder()).thenComparing(Machine::name);
            Machine victim = machines.stream().filter(m -> m.pool().equals(pool) && m.phase() != MachinePhase.DELETING)
                    .min(order).orElse(null);
            if (victim == null) {
                break;
            }
            for (int i = 0; i < machines.size(); i++) {
                if (machines.get(i).name().equals(victim.name())) {
                    machines.set(i, victim.withPhase(MachinePhase.DELETING));
                }
            }
            marked.add(victim);
        }
        return marked.stream().filter(MachinePlanner::outdated).toList();
    }

    /**
     * One step of a worker pool's rolling replacement: new machines up to {@code maxSurge} above the
     * desired count, outdated ones removed while at least {@code count - maxUnavailable} stay Ready.
     */
    private static boolean roll(MachinePoolSpec pool, dev.palette.sdk.api.model.UpgradePolicy policy, List<Machine> members,
                                List<Machine> machines, List<Machine> newIntents, List<Machine> replaced, boolean cpInitialized,
                                Set<String> taken, Instant now, MachineTemplate target) {
        boolean changed = false;
        long current = members.stream().filter(m -> !outdated(m)).count();
        long need = pool.count() - current;
        long canCreate = Math.min(need, pool.count() + policy.maxSurge() - members.size());
        for (long i = 0; i < canCreate && cpInitialized; i++) {
            newIntents.add(intent(pool, MachineRole.WORKER, machines, newIntents, taken, now, target));
            changed = true;
        }
        long ready = members.stream().filter(m -> m.phase() == MachinePhase.RUNNING).count();
        long mayLoseReady = ready - (pool.count() - policy.maxUnavailable());
        long surplus = members.size() - pool.count();
        List<Machine> outdated = members.stream().filter(MachinePlanner::outdated)
                .sorted(Comparator.<Machine>comparingInt(m -> m.phase() == MachinePhase.RUNNING ? 1 : 0)
                        .thenComparing(Machine::createdAt).thenComparing(Machine::name)).toList();
        for (Machine m : outdated) {
            boolean isReady = m.phase() == MachinePhase.RUNNING;
            if (isReady) {
                if (mayLoseReady <= 0) {
                    continue; // removing it would leave fewer Ready machines than the policy allows
                }
                mayLoseReady--;
            } else if (surplus <= 0 && policy.maxUnavailable() == 0) {
                continue; // not Ready, but it may still turn Ready and no replacement stands by yet
            }
            for (int i = 0; i < machines.size(); i++) {
                if (machines.get(i).name().equals(m.name())) {
                    machines.set(i, m.withPhase(MachinePhase.DELETING));
                }
            }
            replaced.add(m);
            changed = true;
            surplus--;
        }
        return changed;
    }

    /**
     * Machine health checks: a machine its cloud reports failed, and, from the nodes' conditions, kubelet not
     * posting status (Ready Unknown), the network unavailable, or a node that never turned Ready, each for longer
     * than the health policy allows. Unhealthy machines are removed (their pools make new ones), unless more are unhealthy than
     * {@code maxUnhealthy} allows; a control-plane machine is removed only if etcd keeps its quorum.
     */
    private static Remediation remediate(ClusterSpec spec, List<Machine> machines, Observation obs, Instant now,
                                         List<Machine> replaced) {
        Map<String, String> unhealthy = new LinkedHashMap<>();
        int active = 0;
        for (Machine m : machines) {
            if (m.phase() == MachinePhase.DELETING || m.providerId().isEmpty()) {
                continue;
            }
            active++;
            if (m.phase() == MachinePhase.FAILED) {
                // The cloud gave up on it (stopped, lost, its host failed): no node check is needed to know.
                unhealthy.put(m.name(), "failed: the cloud reports the machine failed");
                continue;
            }
            if (obs.readiness() != Readiness.NODES) {
                continue; // the node checks below need the workload cluster's nodes
            }
            MachinePoolSpec pool = m.role() == MachineRole.CONTROL_PLANE ? spec.controlPlane() : spec.workerPool(m.pool()).orElse(null);
            dev.palette.sdk.api.model.HealthPolicy policy = pool != null && pool.health() != null ? pool.health() : spec.health();
            NodeStatus n = obs.nodes().get(m.name());
            if (n != null) {
                n.condition("Ready").filter(c -> c.status().equals("Unknown"))
                        .filter(c -> !c.lastTransitionTime().plus(policy.readyUnknownTimeout()).isAfter(now))
                        .ifPresent(c -> unhealthy.put(m.name(), "unhealthy: kubelet not posting status for "
                                + minutes(policy.readyUnknownTimeout())));
                n.condition("NetworkUnavailable").filter(c -> c.status().equals("True"))
                        .filter(c -> !c.lastTransitionTime().plus(policy.networkUnavailableTimeout()).isAfter(now))
                        .ifPresent(c -> unhealthy.putIfAbsent(m.name(), "unhealthy: network unavailable for "
                                + minutes(policy.networkUnavailableTimeout())));
            }
            // A node that never registered, or registered and never turned Ready, within the startup timeout.
            boolean everReady = n != null && n.isReady() || m.phase() == MachinePhase.RUNNING;
            if (!everReady && !m.createdAt().plus(policy.nodeStartupTimeout()).isAfter(now)) {
                unhealthy.putIfAbsent(m.name(), "unhealthy: node not Ready within " + minutes(policy.nodeStartupTimeout()));
            }
        }
        if (unhealthy.isEmpty()) {
            return Remediation.NONE;
        }
        dev.palette.sdk.api.model.HealthPolicy policy = spec.health();
        int allowed = maxUnhealthy(policy.maxUnhealthy(), active);
        if (unhealthy.size() > allowed) {
            return new Remediation(unhealthy, unhealthy.size() + " of " + active + " machines unhealthy; maxUnhealthy "
                    + policy.maxUnhealthy() + " allows " + allowed + " at once");
        }
        MachinePoolSpec cp = spec.controlPlane();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < machines.size(); i++) {
            order.add(i);
        }
        // The etcd leader's machine is remediated last: another unhealthy member goes first.
        order.sort(Comparator.comparingInt(i -> machines.get(i).name().equals(obs.etcdLeader()) ? 1 : 0));
        for (int i : order) {
            Machine m = machines.get(i);
            String why = unhealthy.get(m.name());
            if (why == null || m.phase() == MachinePhase.DELETING) {
                continue;
            }
            if (m.role() == MachineRole.CONTROL_PLANE) {
                long readyMembers = machines.stream().filter(x -> x.pool().equals(cp.name()) && x.phase() == MachinePhase.RUNNING
                        && !unhealthy.containsKey(x.name())).count();
                boolean otherCpLeaving = machines.stream().anyMatch(x -> x.pool().equals(cp.name()) && x.phase() == MachinePhase.DELETING);
                if (readyMembers < cp.count() / 2 + 1 || otherCpLeaving) {
                    continue; // removing it now would cost etcd its quorum; wait
                }
            }
            Machine marked = m.toBuilder().phase(MachinePhase.DELETING).replacementReasons(List.of(why)).build();
            machines.set(i, marked);
            replaced.add(marked);
            if (m.role() == MachineRole.CONTROL_PLANE) {
                break; // one control-plane member at a time
            }
        }
        return new Remediation(unhealthy, "");
    }

    private static int maxUnhealthy(String rule, int total) {
        if (rule.endsWith("%")) {
            return (int) Math.floor(total * Integer.parseInt(rule.substring(0, rule.length() - 1)) / 100.0);
        }
        return Integer.parseInt(rule);
    }

    private static String minutes(java.time.Duration d) {
        return d.toMinutes() + "m";
    }

    static boolean outdated(Machine m) {
        return !m.replacementReasons().isEmpty();
    }

    /** How long kubeadm's node certificates are valid, counted from the machine's creation. */
    static final java.time.Duration NODE_CERTIFICATE_VALIDITY = java.time.Duration.ofDays(365);

    /** Adds "certificates expire in N days" when a machine's node certificates are due for renewal. */
    static List<String> withCertificateRenewal(List<String> reasons, Machine m, dev.palette.sdk.api.model.UpgradePolicy policy,
                                               Instant now) {
        Instant expiry = m.createdAt().plus(NODE_CERTIFICATE_VALIDITY);
        if (expiry.minus(policy.renewCertificatesBefore()).isAfter(now)) {
            return reasons;
        }
        List<String> out = new ArrayList<>(reasons);
        out.add("certificates expire in " + Math.max(0, java.time.Duration.between(now, expiry).toDays()) + " days");
        return List.copyOf(out);
    }

    /** Why a machine differs from its pool's template, in words; empty when it does not. */
    static List<String> reasons(Machine m, MachinePoolSpec pool, MachineTemplate target) {
        List<String> r = new ArrayList<>();
        String imageId = target.imageId();
        String kubernetesVersion = target.kubernetesVersion();
        if (!m.imageId().isEmpty() && !imageId.isEmpty() && !m.imageId().equals(imageId)) {
            r.add(target.imageChange(m.imageId()));
        }
        if (!m.kubernetesVersion().isEmpty() && !kubernetesVersion.isEmpty() && !m.kubernetesVersion().equals(kubernetesVersion)) {
            r.add("Kubernetes " + m.kubernetesVersion() + " → " + kubernetesVersion);
        }
        if (!m.instanceType().equals(pool.instanceType())) {
            r.add("instance type " + m.instanceType() + " → " + pool.instanceType());
        }
        if (m.diskGiB() != pool.diskGiB()) {
            r.add("disk " + m.diskGiB() + " → " + pool.diskGiB() + " GiB");
        }
        if (!pool.zones().isEmpty() && !m.zone().isEmpty() && !pool.zones().contains(m.zone())) {
            r.add("zone " + m.zone() + " removed");
        }
        if (target.bootstrapChanged(m.templateHash())) {
            r.add("Kubernetes layer values changed (bootstrap config)");
        }
        return r;
    }

    private static PoolCounts counts(List<Machine> machines, MachinePoolSpec pool) {
        int existing = 0;
        int ready = 0;
        int deleting = 0;
        int outdated = 0;
        for (Machine m : machines) {
            if (!m.pool().equals(pool.name())) {
                continue;
            }
            if (m.phase() == MachinePhase.DELETING) {
                deleting++;
            } else {
                existing++;
                outdated += outdated(m) ? 1 : 0;
                if (m.phase() == MachinePhase.RUNNING) {
                    ready++;
                }
            }
        }
        return new PoolCounts(pool.count(), existing, ready, deleting, outdated);
    }

    private static PoolCounts workerCounts(List<Machine> machines, ClusterSpec spec) {
        int desired = 0;
        int existing = 0;
        int ready = 0;
        int deleting = 0;
        int outdated = 0;
        for (Machine m : machines) {
            if (m.role() != MachineRole.WORKER) {
                continue;
            }
            if (m.phase() == MachinePhase.DELETING) {
                deleting++;
            } else if (spec.workerPool(m.pool()).isPresent()) {
                existing++;
                outdated += outdated(m) ? 1 : 0;
                if (m.phase() == MachinePhase.RUNNING) {
                    ready++;
                }
            }
        }
        for (MachinePoolSpec p : spec.workerPools()) {
            desired += p.count();
        }
        return new PoolCounts(desired, existing, ready, deleting, outdated);
    }
}
