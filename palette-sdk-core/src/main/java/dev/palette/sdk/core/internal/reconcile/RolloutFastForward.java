package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.model.PlannedAction;
import dev.palette.sdk.api.model.UpgradePolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finishes a preview's worker rollouts without replaying the planner once per step. Once the control
 * plane is settled and every worker pool is only replacing outdated machines, each step of a pool is
 * fixed by a few counts — the same arithmetic as {@link MachinePlanner}'s rolling step, with every
 * machine Ready at the start of a step as the preview assumes: create up to {@code maxSurge} above the
 * count, remove outdated machines (oldest first) while at least {@code count - maxUnavailable} stay.
 * That makes a preview of a 1,000-machine rollout cost its actions, not its steps times its machines.
 * {@code ChangePlannerTest} checks that it plans exactly what the step-by-step replay plans.
 */
final class RolloutFastForward {
    private RolloutFastForward() {
    }

    /** One pool's rollout state. */
    private static final class PoolRoll {
        final MachinePoolSpec pool;
        final Deque<Machine> outdated;
        int members;
        int current;

        PoolRoll(MachinePoolSpec pool, List<Machine> outdated, int members) {
            this.pool = pool;
            this.outdated = new ArrayDeque<>(outdated);
            this.members = members;
            this.current = members - outdated.size();
        }
    }

    /**
     * Whether the rest of the preview is worker rollouts only.
     *
     * @param spec the previewed spec
     * @param machines the machines after a simulated step, all Ready, none being deleted
     * @return true when {@link #finish} may take over
     */
    static boolean applies(ClusterSpec spec, List<Machine> machines) {
        if (spec.upgrade().paused()) {
            return false;
        }
        Map<String, int[]> counts = new HashMap<>(); // pool -> {members, outdated}
        for (Machine m : machines) {
            if (m.phase() != MachinePhase.RUNNING) {
                return false;
            }
            if (m.role() == MachineRole.CONTROL_PLANE && MachinePlanner.outdated(m)) {
                return false; // the control plane rolls first, machine by machine: replay it
            }
            int[] c = counts.computeIfAbsent(m.pool(), k -> new int[2]);
            c[0]++;
            c[1] += MachinePlanner.outdated(m) ? 1 : 0;
        }
        if (counts.getOrDefault(spec.controlPlane().name(), new int[2])[0] != spec.controlPlane().count()) {
            return false;
        }
        boolean rolling = false;
        for (MachinePoolSpec pool : spec.workerPools()) {
            int[] c = counts.getOrDefault(pool.name(), new int[2]);
            if (c[1] == 0 && c[0] != pool.count()) {
                return false; // a plain scale step: replay it
            }
            rolling |= c[1] > 0;
        }
        return rolling && counts.size() == spec.workerPools().size() + 1;
    }

    /**
     * Plans every remaining step.
     *
     * @param spec the previewed spec
     * @param machines the machines after the last replayed step
     * @param firstStep the number of the first step to plan
     * @param perPool how many new machines each pool has been given so far (names {@code new-<pool>-<n>})
     * @param planned the machines the preview created so far: name to {@code new-<pool>-<n>}
     * @param actions where the actions go
     * @return the peak number of machines over the planned steps
     */
    static int finish(ClusterSpec spec, List<Machine> machines, int firstStep, Map<String, Integer> perPool,
                      Map<String, String> planned, List<PlannedAction> actions) {
        Comparator<Machine> deletionOrder = Comparator.comparing(Machine::createdAt).thenComparing(Machine::name);
        List<PoolRoll> rolls = new ArrayList<>();
        for (MachinePoolSpec pool : spec.workerPools()) {
            List<Machine> members = machines.stream().filter(m -> m.pool().equals(pool.name())).toList();
            rolls.add(new PoolRoll(pool, members.stream().filter(MachinePlanner::outdated).sorted(deletionOrder).toList(),
                    members.size()));
        }
        int others = spec.controlPlane().count();
        UpgradePolicy policy = spec.upgrade();
        int peak = 0;
        boolean progress = true;
        for (int step = firstStep; progress; step++) {
            progress = false;
            int total = others;
            List<PlannedAction> creates = new ArrayList<>();
            for (PoolRoll r : rolls) {
                int n = r.pool.count();
                int create = Math.max(0, Math.min(n - r.current, n + policy.maxSurge() - r.members));
                int delete = Math.min(r.outdated.size(), Math.max(0, r.members - (n - policy.maxUnavailable())));
                for (int i = 0; i < delete; i++) {
                    Machine m = r.outdated.removeFirst();
                    actions.add(new PlannedAction(step, PlannedAction.Kind.REPLACE, m.pool(), planned.getOrDefault(m.name(), m.name()),
                            m.replacementReasons()));
                }
                for (int i = 0; i < create; i++) {
                    String label = "new-" + r.pool.name() + "-" + perPool.merge(r.pool.name(), 1, Integer::sum);
                    creates.add(new PlannedAction(step, PlannedAction.Kind.CREATE, r.pool.name(), label, List.of()));
                }
                r.members += create - delete;
                r.current += create;
                total += r.members;
                progress |= create > 0 || delete > 0;
            }
            actions.addAll(creates);
            peak = Math.max(peak, total);
        }
        return peak;
    }
}
