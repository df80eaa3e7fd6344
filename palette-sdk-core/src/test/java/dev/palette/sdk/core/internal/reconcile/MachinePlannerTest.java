package dev.palette.sdk.core.internal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.core.internal.reconcile.MachinePlanner.Observation;
import dev.palette.sdk.core.internal.reconcile.MachinePlanner.Plan;
import dev.palette.sdk.core.internal.reconcile.MachinePlanner.Readiness;
import dev.palette.sdk.core.testing.TestSpecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MachinePlannerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Machine machine(String name, String pool, MachineRole role, MachinePhase phase, String providerId, Instant at) {
        return Machine.builder().name(name).pool(pool).role(role).phase(phase).providerId(providerId).createdAt(at)
                .instanceType("m").diskGiB(60).build();
    }

    private static MachineInfo info(String name, MachineState state) {
        return new MachineInfo(name, "i-" + name, state, "", "m", 60, "img", "10.0.0.1", Map.of(), T0);
    }

    private static Observation cloud(List<MachineInfo> infos, Set<String> ready) {
        Map<String, MachineInfo> m = new LinkedHashMap<>();
        infos.forEach(i -> m.put(i.machineName(), i));
        return new Observation(m, ready, Readiness.NODES);
    }

    @Test
    void firstPassCreatesOnlyTheFirstControlPlaneMachine() {
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 3, 2), List.of(), cloud(List.of(), Set.of()), T0, "img", "1.33.6");
        assertThat(plan.toCreate()).hasSize(1);
        assertThat(plan.toCreate().get(0).role()).isEqualTo(MachineRole.CONTROL_PLANE);
        assertThat(plan.toCreate().get(0).name()).startsWith("control-plane-");
        assertThat(plan.machines()).hasSize(1);
    }

    @Test
    void joinsControlPlaneOneAtATimeAndWorkersOnceInitialized() {
        ClusterSpec spec = TestSpecs.spec("fake", 3, 2);
        Machine cp1 = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.BOOTING, "i-1", T0);
        Plan booting = MachinePlanner.plan(spec, List.of(cp1),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of()), T0, "img", "v");
        assertThat(booting.toCreate()).as("wait while the first node is not Ready").isEmpty();

        Plan ready = MachinePlanner.plan(spec, List.of(cp1),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of("control-plane-a")), T0, "img", "v");
        assertThat(ready.becameReady()).containsExactly("control-plane-a");
        assertThat(ready.toCreate()).extracting(Machine::role)
                .containsExactlyInAnyOrder(MachineRole.CONTROL_PLANE, MachineRole.WORKER, MachineRole.WORKER);
    }

    @Test
    void aRecordedIntentMissingInTheCloudIsCreatedAgainWithTheSameName() {
        Machine intent = machine("workers-x", "workers", MachineRole.WORKER, MachinePhase.PROVISIONING, "", T0);
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 1, 1), List.of(cp, intent),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of("control-plane-a")), T0, "img", "v");
        assertThat(plan.toCreate()).extracting(Machine::name).containsExactly("workers-x");
    }

    @Test
    void anUnknownCloudMachineIsAnOrphanAndALostOneIsForgotten() {
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Machine gone = machine("workers-gone", "workers", MachineRole.WORKER, MachinePhase.RUNNING, "i-9", T0);
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 1, 1), List.of(cp, gone),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING), info("workers-stray", MachineState.RUNNING)),
                        Set.of("control-plane-a")), T0, "img", "v");
        assertThat(plan.orphans()).containsExactly("workers-stray");
        assertThat(plan.lost()).containsExactly("workers-gone");
        assertThat(plan.toCreate()).hasSize(1).allMatch(m -> m.pool().equals("workers"));
    }

    @Test
    void scaleDownRemovesNotReadyFirstThenNewest() {
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        List<Machine> workers = new ArrayList<>();
        List<MachineInfo> infos = new ArrayList<>(List.of(info("control-plane-a", MachineState.RUNNING)));
        for (int i = 0; i < 4; i++) {
            workers.add(machine("w" + i, "workers", MachineRole.WORKER, MachinePhase.RUNNING, "i-w" + i, T0.plusSeconds(i)));
            infos.add(info("w" + i, MachineState.RUNNING));
        }
        List<Machine> all = new ArrayList<>(List.of(cp));
        all.addAll(workers);
        Set<String> ready = Set.of("control-plane-a", "w0", "w2", "w3"); // w1 not Ready
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 1, 2), all, cloud(infos, ready), T0, "img", "v");
        assertThat(plan.toDelete()).containsExactlyInAnyOrder("w1", "w3");
    }

    @Test
    void machinesSpreadEvenlyOverZones() {
        ClusterSpec spec = TestSpecs.spec("fake", 1, 0).toBuilder().workerPools(List.of(MachinePoolSpec.builder()
                .name("workers").count(5).instanceType("m").zones(List.of("a", "b", "c")).build())).build();
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Plan plan = MachinePlanner.plan(spec, List.of(cp),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of("control-plane-a")), T0, "img", "v");
        Map<String, Long> perZone = plan.toCreate().stream().collect(Collectors.groupingBy(Machine::zone, Collectors.counting()));
        assertThat(perZone).containsEntry("a", 2L).containsEntry("b", 2L).containsEntry("c", 1L);
    }

    @Test
    void aRemovedPoolLosesItsMachinesAndDeletedOnesDropOut() {
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Machine old = machine("gpu-a", "gpu", MachineRole.WORKER, MachinePhase.RUNNING, "i-2", T0);
        Machine deleting = machine("gpu-b", "gpu", MachineRole.WORKER, MachinePhase.DELETING, "i-3", T0);
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 1, 0), List.of(cp, old, deleting),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING), info("gpu-a", MachineState.RUNNING)),
                        Set.of("control-plane-a", "gpu-a")), T0, "img", "v");
        assertThat(plan.toDelete()).containsExactly("gpu-a");
        assertThat(plan.machines()).extracting(Machine::name).containsExactly("control-plane-a", "gpu-a");
        assertThat(plan.workers().converged()).isFalse();
    }
}
