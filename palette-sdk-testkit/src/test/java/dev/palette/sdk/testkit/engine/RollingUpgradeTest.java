package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.UpgradeRecord;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rolling replacement of machines whose template changed, with the reasons recorded. */
class RollingUpgradeTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final InMemoryClusterStore store = new InMemoryClusterStore();
    private final PaletteEngine engine = SimClusters.engine(clock, cloud, store, new InMemorySecretStore());
    private final List<String> violations = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engine.close();
    }

    private Cluster get(String id) {
        return engine.clusters().get(id);
    }

    private Cluster provision(int cps, int workers) {
        engine.start();
        Cluster c = engine.clusters().create("roll", SimClusters.spec(cps, workers));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(1));
        return get(c.id());
    }

    @Test
    void anInstanceTypeChangeRollsTheWorkersWithSurgeOneAndKeepsThemServing() {
        Cluster c = provision(1, 3);
        try (AutoCloseable watch = store.subscribe(ch -> store.get(c.id()).ifPresent(x -> {
            List<Machine> workers = x.status().machines("workers").stream().filter(m -> m.phase() != MachinePhase.DELETING).toList();
            long ready = workers.stream().filter(m -> m.phase() == MachinePhase.RUNNING).count();
            if (workers.size() > 4 || ready < 3) {
                violations.add(workers.size() + " workers, " + ready + " ready at " + clock.instant());
            }
        }))) {
            engine.clusters().update(c.id(), s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().toBuilder()
                    .instanceType("sim.xlarge").build()));
            SimHarness.runUntil(engine, clock, () -> get(c.id()).status().condition(ConditionTypes.UPGRADING)
                    .map(Condition::isTrue).orElse(false), Duration.ofMinutes(10));
            assertThat(get(c.id()).status().condition(ConditionTypes.UPGRADING).orElseThrow().message())
                    .contains("instance type sim.medium → sim.xlarge");
            SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(2));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(violations).as("never more than 3 + maxSurge 1 workers, never fewer than 3 Ready").isEmpty();
        Cluster done = get(c.id());
        assertThat(done.status().machines("workers")).hasSize(3).allMatch(m -> m.instanceType().equals("sim.xlarge"))
                .allMatch(m -> m.replacementReasons().isEmpty());
        assertThat(done.status().upgradeHistory()).hasSize(3).extracting(UpgradeRecord::reasons)
                .allMatch(r -> r.equals(List.of("instance type sim.medium → sim.xlarge")));
        assertThat(done.status().condition(ConditionTypes.UPGRADING).orElseThrow().reason()).isEqualTo("UpgradeComplete");
        assertThat(engine.events().list(c.id())).filteredOn(e -> e.reason().equals("MachineReplaced")).hasSize(3);
        assertThat(cloud.machines(c.id())).hasSize(4);
        for (UpgradeRecord r : done.status().upgradeHistory()) {
            assertThat(cloud.wasDrained(c.id(), r.machine())).as(r.machine() + " drained before deletion").isTrue();
        }
    }

    @Test
    void aKubernetesUpgradeReplacesTheControlPlaneOneAtATimeKeepingQuorum() {
        Cluster c = provision(3, 1);
        List<String> before = c.status().machines("control-plane").stream().map(Machine::name).toList();
        try (AutoCloseable watch = store.subscribe(ch -> store.get(c.id()).ifPresent(x -> {
            List<Machine> members = x.status().machines("control-plane").stream()
                    .filter(m -> m.phase() != MachinePhase.DELETING && !m.providerId().isEmpty()).toList();
            long ready = members.stream().filter(m -> m.phase() == MachinePhase.RUNNING).count();
            if (ready < 2 || members.size() > 4) {
                violations.add(members.size() + " members, " + ready + " ready");
            }
        }))) {
            ClusterProfile p = c.spec().profile();
            List<Pack> packs = new ArrayList<>(p.packs());
            packs.set(1, Pack.builder().name("kubernetes").version("1.34.1").layer(Layer.KUBERNETES).build());
            engine.clusters().update(c.id(), s -> s.toBuilder().profile(p.toBuilder().packs(packs).build()).build());
            SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(3));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(violations).as("etcd quorum (2 of 3 Ready) at every step").isEmpty();
        Cluster done = get(c.id());
        assertThat(done.status().machines()).hasSize(4).allMatch(m -> m.kubernetesVersion().equals("1.34.1"));
        assertThat(done.status().machines("control-plane")).extracting(Machine::name).doesNotContainAnyElementsOf(before);
        assertThat(done.status().upgradeHistory()).extracting(UpgradeRecord::reasons)
                .allMatch(r -> r.contains("Kubernetes 1.33.6 → 1.34.1"));
        assertThat(engine.events().list(c.id())).extracting(ClusterEvent::reason).contains("MachineReplaced");
    }

    @Test
    void planPreviewsTheRolloutWithoutTouchingAnythingAndTheRolloutFollowsIt() {
        Cluster c = provision(1, 3);
        long version = get(c.id()).metadata().resourceVersion();
        long calls = cloud.totalCalls();
        dev.palette.sdk.api.model.ClusterSpec newSpec = c.spec().withWorkerPool(c.spec().workerPool("workers").orElseThrow()
                .toBuilder().instanceType("sim.xlarge").count(4).build());

        dev.palette.sdk.api.model.ChangePlan plan = engine.clusters().plan(c.id(), newSpec);
        assertThat(get(c.id()).metadata().resourceVersion()).as("plan writes nothing").isEqualTo(version);
        assertThat(cloud.totalCalls()).as("plan calls no cloud").isEqualTo(calls);
        assertThat(plan.valid()).isTrue();
        List<dev.palette.sdk.api.model.PlannedAction> replaces = plan.actions().stream()
                .filter(a -> a.kind() == dev.palette.sdk.api.model.PlannedAction.Kind.REPLACE).toList();
        List<String> oldestFirst = c.status().machines("workers").stream()
                .sorted(java.util.Comparator.comparing(Machine::createdAt).thenComparing(Machine::name)).map(Machine::name).toList();
        assertThat(replaces).extracting(dev.palette.sdk.api.model.PlannedAction::machine).containsExactlyElementsOf(oldestFirst);
        assertThat(replaces).allMatch(a -> a.reasons().equals(List.of("instance type sim.medium → sim.xlarge")));
        assertThat(plan.actions()).filteredOn(a -> a.kind() == dev.palette.sdk.api.model.PlannedAction.Kind.CREATE).hasSize(4);
        assertThat(plan.peakMachines()).isEqualTo(1 + 4 + 1);
        assertThat(plan.surgeMachines()).isEqualTo(1);
        assertThat(plan.summary()).contains("REPLACE " + oldestFirst.get(0) + " (instance type sim.medium → sim.xlarge)");

        engine.clusters().updateSpec(c.id(), plan.basedOnGeneration(), newSpec);
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(2));
        List<String> replacedInOrder = engine.events().list(c.id()).stream().filter(e -> e.reason().equals("MachineReplaced"))
                .map(e -> e.message().substring("replacing ".length(), e.message().indexOf(':'))).toList();
        assertThat(replacedInOrder).as("the rollout replaced what the plan said, in the planned order")
                .containsExactlyElementsOf(oldestFirst);
        assertThat(get(c.id()).status().machines("workers")).hasSize(4);

        dev.palette.sdk.api.model.ChangePlan invalid = engine.clusters().plan(c.id(),
                newSpec.withWorkerPool(newSpec.workerPool("workers").orElseThrow().withCount(-1)));
        assertThat(invalid.valid()).isFalse();
        assertThat(invalid.actions()).isEmpty();
        assertThat(invalid.summary()).contains("spec.workerPools[0].count: must be >= 0");
    }

    @Test
    void aRolloutSurvivesAnEngineCrashMidWayWithoutReplacingAMachineTwice() {
        Cluster c = provision(1, 3);
        List<String> original = c.status().machines().stream().map(Machine::name).toList();
        int createdBefore = cloud.machinesEverCreated(c.id());
        cloud.faults().crashAfterCalls(cloud.totalCalls() + 12, dev.palette.sdk.testkit.SimFaults.CrashMode.AFTER_APPLY);
        engine.clusters().update(c.id(), s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().toBuilder()
                .instanceType("sim.xlarge").build()));
        long crashAt = cloud.totalCalls() + 12;
        SimHarness.runUntil(engine, clock, () -> cloud.totalCalls() > crashAt - 1 || get(c.id()).isReady(), Duration.ofHours(1));
        engine.close(); // stops mid-rollout; the last call was carried out but never answered
        cloud.faults().recover();
        try (PaletteEngine second = SimClusters.engine(clock, cloud, store, new InMemorySecretStore())) {
            second.start();
            SimHarness.runUntil(second, clock, () -> second.clusters().get(c.id()).isReady()
                    && second.clusters().get(c.id()).status().machines("workers").stream()
                    .allMatch(m -> m.instanceType().equals("sim.xlarge")), Duration.ofHours(2));
            Cluster done = second.clusters().get(c.id());
            List<String> replaced = done.status().upgradeHistory().stream().map(UpgradeRecord::machine).toList();
            assertThat(replaced).as("each outdated worker replaced exactly once").doesNotHaveDuplicates().hasSize(3)
                    .allMatch(original::contains);
            assertThat(cloud.machinesEverCreated(c.id())).as("three replacements, no extra machine")
                    .isEqualTo(createdBefore + 3);
            assertThat(cloud.duplicates(c.id())).isEmpty();
            assertThat(cloud.machines(c.id())).hasSize(4);
        }
    }

    @Test
    void faultsDuringARolloutLeaveTheClusterServingWithAFailedCondition() {
        Cluster c = provision(1, 3);
        engine.clusters().update(c.id(), s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().toBuilder()
                .instanceType("sim.xlarge").build()));
        cloud.faults().failNext(dev.palette.sdk.testkit.SimOperation.CREATE_MACHINE, 5,
                dev.palette.sdk.testkit.SimFaults.Kind.RETRYABLE);
        SimHarness.runUntil(engine, clock, () -> get(c.id()).status().condition(ConditionTypes.WORKERS_READY)
                .map(Condition::isFailed).orElse(false), Duration.ofMinutes(30));
        Cluster failing = get(c.id());
        assertThat(failing.status().machines("workers").stream().filter(m -> m.phase() == MachinePhase.RUNNING).count())
                .as("the old workers keep serving while the replacement cannot be created").isEqualTo(3);
        assertThat(failing.status().condition(ConditionTypes.WORKERS_READY).orElseThrow().message()).contains("Request limit exceeded");
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(2));
        assertThat(get(c.id()).status().machines("workers")).hasSize(3).allMatch(m -> m.instanceType().equals("sim.xlarge"));
    }
}
