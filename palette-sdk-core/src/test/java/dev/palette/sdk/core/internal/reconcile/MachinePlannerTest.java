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
                .instanceType(role == MachineRole.CONTROL_PLANE ? "large" : "medium").diskGiB(60).build();
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
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 3, 2), List.of(), cloud(List.of(), Set.of()), T0, new MachineTemplate("img", "1.33.6"));
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
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of()), T0, new MachineTemplate("img", "v"));
        assertThat(booting.toCreate()).as("wait while the first node is not Ready").isEmpty();

        Plan ready = MachinePlanner.plan(spec, List.of(cp1),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of("control-plane-a")), T0, new MachineTemplate("img", "v"));
        assertThat(ready.becameReady()).containsExactly("control-plane-a");
        assertThat(ready.toCreate()).extracting(Machine::role)
                .containsExactlyInAnyOrder(MachineRole.CONTROL_PLANE, MachineRole.WORKER, MachineRole.WORKER);
    }

    @Test
    void aRecordedIntentMissingInTheCloudIsCreatedAgainWithTheSameName() {
        Machine intent = machine("workers-x", "workers", MachineRole.WORKER, MachinePhase.PROVISIONING, "", T0);
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 1, 1), List.of(cp, intent),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of("control-plane-a")), T0, new MachineTemplate("img", "v"));
        assertThat(plan.toCreate()).extracting(Machine::name).containsExactly("workers-x");
    }

    @Test
    void anUnknownCloudMachineIsAnOrphanAndALostOneIsForgotten() {
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Machine gone = machine("workers-gone", "workers", MachineRole.WORKER, MachinePhase.RUNNING, "i-9", T0);
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 1, 1), List.of(cp, gone),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING), info("workers-stray", MachineState.RUNNING)),
                        Set.of("control-plane-a")), T0, new MachineTemplate("img", "v"));
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
        Plan plan = MachinePlanner.plan(TestSpecs.spec("fake", 1, 2), all, cloud(infos, ready), T0, new MachineTemplate("img", "v"));
        assertThat(plan.toDelete()).containsExactlyInAnyOrder("w1", "w3");
    }

    @Test
    void machinesSpreadEvenlyOverZones() {
        ClusterSpec spec = TestSpecs.spec("fake", 1, 0).toBuilder().workerPools(List.of(MachinePoolSpec.builder()
                .name("workers").count(5).instanceType("medium").zones(List.of("a", "b", "c")).build())).build();
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Plan plan = MachinePlanner.plan(spec, List.of(cp),
                cloud(List.of(info("control-plane-a", MachineState.RUNNING)), Set.of("control-plane-a")), T0, new MachineTemplate("img", "v"));
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
                        Set.of("control-plane-a", "gpu-a")), T0, new MachineTemplate("img", "v"));
        assertThat(plan.toDelete()).containsExactly("gpu-a");
        assertThat(plan.machines()).extracting(Machine::name).containsExactly("control-plane-a", "gpu-a");
        assertThat(plan.workers().converged()).isFalse();
    }

    @Test
    void anInstanceTypeChangeRollsWorkersOneSurgeMachineAtATimeWithReasons() {
        ClusterSpec spec = TestSpecs.spec("fake", 1, 2);
        ClusterSpec bigger = spec.withWorkerPool(spec.workerPool("workers").orElseThrow().toBuilder().instanceType("xlarge").build());
        Machine cp = machine("control-plane-a", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-1", T0);
        Machine w1 = machine("w1", "workers", MachineRole.WORKER, MachinePhase.RUNNING, "i-w1", T0);
        Machine w2 = machine("w2", "workers", MachineRole.WORKER, MachinePhase.RUNNING, "i-w2", T0.plusSeconds(1));
        List<MachineInfo> infos = List.of(info("control-plane-a", MachineState.RUNNING), info("w1", MachineState.RUNNING),
                info("w2", MachineState.RUNNING));
        Plan step1 = MachinePlanner.plan(bigger, List.of(cp, w1, w2), cloud(infos, Set.of("control-plane-a", "w1", "w2")), T0, new MachineTemplate("", ""));
        assertThat(step1.toCreate()).as("one surge machine (maxSurge 1)").hasSize(1)
                .allMatch(m -> m.instanceType().equals("xlarge"));
        assertThat(step1.toDelete()).as("nobody leaves before the replacement is Ready (maxUnavailable 0)").isEmpty();
        assertThat(step1.machines().stream().filter(m -> m.name().equals("w1")).findFirst().orElseThrow().replacementReasons())
                .containsExactly("instance type medium → xlarge");
        assertThat(step1.workers().converged()).isFalse();

        Machine fresh = step1.toCreate().get(0).toBuilder().phase(MachinePhase.RUNNING).providerId("i-new").build();
        List<MachineInfo> infos2 = new ArrayList<>(infos);
        infos2.add(info(fresh.name(), MachineState.RUNNING));
        List<Machine> now = new ArrayList<>(step1.machines());
        now.replaceAll(m -> m.name().equals(fresh.name()) ? fresh : m);
        Plan step2 = MachinePlanner.plan(bigger, now, cloud(infos2, Set.of("control-plane-a", "w1", "w2", fresh.name())), T0, new MachineTemplate("", ""));
        assertThat(step2.toDelete()).as("the oldest outdated machine leaves once the replacement is Ready").containsExactly("w1");
        assertThat(step2.replaced()).extracting(Machine::name).containsExactly("w1");
        assertThat(step2.toCreate()).as("surge room is used up until w1 is gone").isEmpty();
    }

    @Test
    void aKubernetesUpgradeReplacesTheControlPlaneOneAtATimeNewMemberFirst() {
        ClusterSpec spec = TestSpecs.spec("fake", 3, 0);
        List<Machine> cps = new ArrayList<>();
        List<MachineInfo> infos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cps.add(machine("cp" + i, "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-" + i, T0.plusSeconds(i))
                    .toBuilder().kubernetesVersion("1.32.4").build());
            infos.add(info("cp" + i, MachineState.RUNNING));
        }
        Plan plan = MachinePlanner.plan(spec, cps, cloud(infos, Set.of("cp0", "cp1", "cp2")), T0, new MachineTemplate("", "1.33.6"));
        assertThat(plan.toCreate()).hasSize(1).allMatch(m -> m.kubernetesVersion().equals("1.33.6"));
        assertThat(plan.toDelete()).as("quorum: no member leaves before the new one joins").isEmpty();
        assertThat(plan.machines().get(0).replacementReasons()).containsExactly("Kubernetes 1.32.4 → 1.33.6");
    }

    @Test
    void scaleDownTakesFromTheMostCrowdedZoneSoThePoolStaysSpread() {
        ClusterSpec spec = TestSpecs.spec("fake", 1, 0).toBuilder().workerPools(List.of(MachinePoolSpec.builder()
                .name("workers").count(3).instanceType("medium").zones(List.of("a", "b", "c")).build())).build();
        List<Machine> all = new ArrayList<>(List.of(machine("cp", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-cp", T0)));
        List<MachineInfo> infos = new ArrayList<>(List.of(info("cp", MachineState.RUNNING)));
        String[] zones = {"a", "a", "a", "b", "b", "c"};
        for (int i = 0; i < zones.length; i++) {
            all.add(machine("w" + i, "workers", MachineRole.WORKER, MachinePhase.RUNNING, "i-w" + i, T0.plusSeconds(i))
                    .toBuilder().zone(zones[i]).build());
            infos.add(info("w" + i, MachineState.RUNNING));
        }
        Set<String> ready = infos.stream().map(MachineInfo::machineName).collect(Collectors.toSet());
        Plan plan = MachinePlanner.plan(spec, all, cloud(infos, ready), T0, new MachineTemplate("", ""));
        assertThat(plan.toDelete()).hasSize(3);
        Map<String, Long> left = plan.machines().stream().filter(m -> m.pool().equals("workers") && m.phase() != MachinePhase.DELETING)
                .collect(Collectors.groupingBy(Machine::zone, Collectors.counting()));
        assertThat(left).containsEntry("a", 1L).containsEntry("b", 1L).containsEntry("c", 1L);
    }

    @Test
    void machinesWhoseCertificatesExpireWithinThirtyDaysAreReplacedAndAPausedRolloutWaits() {
        ClusterSpec spec = TestSpecs.spec("fake", 1, 1);
        Machine cp = machine("cp", "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-cp", T0);
        Machine w = machine("w", "workers", MachineRole.WORKER, MachinePhase.RUNNING, "i-w", T0.plusSeconds(86400L * 100));
        List<MachineInfo> infos = List.of(info("cp", MachineState.RUNNING), info("w", MachineState.RUNNING));
        Instant day340 = T0.plusSeconds(86400L * 340);
        Plan plan = MachinePlanner.plan(spec, List.of(cp, w), cloud(infos, Set.of("cp", "w")), day340, new MachineTemplate("", ""));
        assertThat(plan.machines().get(0).replacementReasons()).containsExactly("certificates expire in 25 days");
        assertThat(plan.machines().get(1).replacementReasons()).as("made 100 days later: not due yet").isEmpty();
        assertThat(plan.toCreate()).as("the control plane rolls: a new member first").hasSize(1);

        ClusterSpec paused = spec.toBuilder().upgrade(spec.upgrade().withPaused(true)).build();
        Plan held = MachinePlanner.plan(paused, List.of(cp, w), cloud(infos, Set.of("cp", "w")), day340, new MachineTemplate("", ""));
        assertThat(held.toCreate()).as("paused: nothing rolls").isEmpty();
        assertThat(held.toDelete()).isEmpty();
        assertThat(held.machines().get(0).replacementReasons()).as("but the reason still shows").isNotEmpty();
    }

    @Test
    void anUnhealthyEtcdLeaderIsRemediatedAfterTheOtherUnhealthyMember() {
        ClusterSpec spec = TestSpecs.spec("fake", 5, 0);
        List<Machine> cps = new ArrayList<>();
        List<MachineInfo> infos = new ArrayList<>();
        java.util.Map<String, dev.palette.sdk.api.workload.NodeStatus> nodes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            cps.add(machine("cp" + i, "control-plane", MachineRole.CONTROL_PLANE, MachinePhase.RUNNING, "i-" + i, T0));
            infos.add(info("cp" + i, MachineState.RUNNING));
            String ready = i < 2 ? "Unknown" : "True"; // cp0 (the leader) and cp1 stopped posting status
            nodes.put("cp" + i, new dev.palette.sdk.api.workload.NodeStatus("cp" + i, "cp" + i, java.util.Map.of(), List.of(
                    new dev.palette.sdk.api.workload.NodeCondition("Ready", ready, "", "", T0)), "v1.33.6", false));
        }
        java.util.Map<String, MachineInfo> cloud = new java.util.LinkedHashMap<>();
        infos.forEach(x -> cloud.put(x.machineName(), x));
        Observation obs = new Observation(cloud, Set.of("cp2", "cp3", "cp4"), Readiness.NODES, nodes, "cp0");
        Plan plan = MachinePlanner.plan(spec, cps, obs, T0.plus(java.time.Duration.ofMinutes(11)), new MachineTemplate("", ""));
        assertThat(plan.remediation().unhealthy()).containsOnlyKeys("cp0", "cp1");
        assertThat(plan.toDelete()).as("one member at a time, the leader last").containsExactly("cp1");
    }
}
