package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.ChangePlan;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.PlannedAction;
import dev.palette.sdk.api.model.Taint;
import dev.palette.sdk.api.model.UpgradePolicy;
import dev.palette.sdk.api.model.UpgradeRecord;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.pack.InMemoryPackRegistry;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Day-2 operations end to end on the simulated cloud, with the virtual clock: each change's resulting
 * machines, reasons and events.
 */
class Day2OperationsTest {
    private static final List<String> THREE_ZONES = List.of("sim-east-1a", "sim-east-1b", "sim-east-1c");

    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final InMemoryClusterStore store = new InMemoryClusterStore();
    private PaletteEngine engine = SimClusters.engine(clock, cloud, store, new InMemorySecretStore());
    private final List<String> violations = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engine.close();
    }

    private Cluster get(String id) {
        return engine.clusters().get(id);
    }

    private Cluster provision(ClusterSpec spec) {
        return SimClusters.startAndProvision(engine, clock, "day2", spec);
    }

    private Cluster change(Cluster c, UnaryOperator<ClusterSpec> edit) {
        engine.clusters().update(c.id(), edit);
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady()
                && get(c.id()).status().observedGeneration() == get(c.id()).metadata().generation(), Duration.ofHours(4));
        return get(c.id());
    }

    private static UnaryOperator<ClusterSpec> pool(String name, UnaryOperator<MachinePoolSpec.Builder> edit) {
        return s -> s.withWorkerPool(edit.apply(s.workerPool(name).orElseThrow().toBuilder()).build());
    }

    private static ClusterSpec withPack(ClusterSpec s, Layer layer, UnaryOperator<Pack.Builder> edit) {
        List<Pack> packs = new ArrayList<>(s.profile().packs());
        for (int i = 0; i < packs.size(); i++) {
            if (packs.get(i).layer() == layer) {
                packs.set(i, edit.apply(packs.get(i).toBuilder()).build());
            }
        }
        return s.toBuilder().profile(s.profile().toBuilder().packs(packs).build()).build();
    }

    private List<List<String>> reasons(Cluster c) {
        return c.status().upgradeHistory().stream().map(UpgradeRecord::reasons).toList();
    }

    private static Map<String, Long> perZone(Cluster c, String pool) {
        return c.status().machines(pool).stream().collect(Collectors.groupingBy(Machine::zone, Collectors.counting()));
    }

    @Test
    void scalingAPoolDownRemovesTheUnhealthyMachineFirstThenTheNewestInTheMostCrowdedZone() {
        Cluster c = provision(SimClusters.spec(1, 4));
        Map<String, Long> zones = perZone(c, "workers");
        assertThat(zones.values()).containsExactlyInAnyOrder(2L, 1L, 1L);
        String sick = c.status().machines("workers").get(2).name();
        cloud.setNodeCondition(c.id(), sick, "Ready", "False");
        SimHarness.runFor(engine, clock, Duration.ofMinutes(1));

        Cluster three = change(c, pool("workers", b -> b.count(3)));
        assertThat(three.status().machines("workers")).hasSize(3).extracting(Machine::name).doesNotContain(sick);
        assertThat(perZone(three, "workers").values()).as("spread again: one per zone").containsOnly(1L);
        String emptied = c.status().machines("workers").get(2).zone();
        assertThat(reasons(three)).as("the sick machine's zone was left empty: one machine moves there, no more")
                .containsExactly(List.of("zone " + emptied + " below its share of the pool"));
        Cluster two = change(three, pool("workers", b -> b.count(2)));
        assertThat(perZone(two, "workers").values()).containsOnly(1L);
        assertThat(engine.events().list(c.id())).filteredOn(e -> e.reason().equals("MachineDeleted")).hasSize(3);
        assertThat(two.status().upgradeHistory()).as("scale-down itself is no replacement").hasSize(1);
    }

    @Test
    void workerPoolsAreAddedAndRemovedAndTheControlPlaneGrowsOneMemberAtATime() {
        Cluster c = provision(SimClusters.spec(1, 1));
        Cluster added = change(c, s -> s.toBuilder().addWorkerPool(MachinePoolSpec.builder().name("gpu").count(2)
                .instanceType("sim.large").zones(List.of("sim-east-1a")).build()).build());
        assertThat(added.status().machines("gpu")).hasSize(2).allMatch(m -> m.phase() == MachinePhase.RUNNING);

        List<Integer> cpSizes = new CopyOnWriteArrayList<>();
        try (AutoCloseable watch = store.subscribe(ch -> store.get(c.id()).ifPresent(x -> cpSizes.add((int) x.status()
                .machines("control-plane").stream().filter(m -> m.phase() == MachinePhase.PROVISIONING).count())))) {
            Cluster three = change(added, s -> s.toBuilder().controlPlane(s.controlPlane().withCount(3)).build());
            assertThat(three.status().machines("control-plane")).hasSize(3);
            Cluster five = change(three, s -> s.toBuilder().controlPlane(s.controlPlane().withCount(5)).build());
            assertThat(five.status().machines("control-plane")).hasSize(5);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(cpSizes).as("one new member at a time").allMatch(n -> n <= 1);
        assertThatThrownBy(() -> engine.clusters().update(c.id(), s -> s.toBuilder().controlPlane(s.controlPlane().withCount(4))
                .build())).isInstanceOf(ValidationException.class).hasMessageContaining("spec.controlPlane.count: must be odd");

        Cluster removed = change(get(c.id()), s -> s.toBuilder().workerPools(List.of(s.workerPool("workers").orElseThrow())).build());
        assertThat(removed.status().machines("gpu")).isEmpty();
        assertThat(cloud.machines(c.id())).hasSize(5 + 1);
    }

    @Test
    void diskAndOsLayerChangesReplaceMachinesWithTheirReasons() {
        Cluster c = provision(SimClusters.spec(1, 2));
        Cluster bigger = change(c, pool("workers", b -> b.diskGiB(80)));
        assertThat(bigger.status().machines("workers")).allMatch(m -> m.diskGiB() == 80);
        assertThat(reasons(bigger)).containsOnly(List.of("disk 60 → 80 GiB"));

        Cluster newOs = change(bigger, s -> withPack(s, Layer.OS, p -> p.version("24.04")));
        assertThat(newOs.status().machines()).hasSize(3).allMatch(m -> m.imageId().equals(newOs.status().infrastructure().get("image")));
        assertThat(reasons(newOs).subList(2, 5)).as("every machine, control plane first")
                .containsOnly(List.of("OS layer changed (ubuntu-sim 22.04 → 24.04)"));
        assertThat(newOs.status().upgradeHistory().get(2).machine()).startsWith("control-plane");
    }

    @Test
    void changedKubernetesLayerValuesRollTheBootstrapConfigAndNewMachinesCarryIt() {
        Cluster c = provision(SimClusters.spec(1, 1));
        Cluster changed = change(c, s -> s.toBuilder().packValues("kubernetes", Map.of("pack", Map.of("podCIDR", "10.200.0.0/16")))
                .build());
        assertThat(reasons(changed)).hasSize(2).containsOnly(List.of("Kubernetes layer values changed (bootstrap config)"));
        assertThat(changed.status().machines()).extracting(Machine::templateHash).doesNotHaveDuplicates().allMatch(h -> h.length() == 16);
    }

    @Test
    void anAddedZoneTakesItsShareOfThePoolByReplacingTheFewestMachines() {
        ClusterSpec twoZones = SimClusters.spec(1, 4).withWorkerPool(SimClusters.spec(1, 4).workerPool("workers").orElseThrow()
                .toBuilder().zones(THREE_ZONES.subList(0, 2)).build());
        Cluster c = provision(twoZones);
        assertThat(perZone(c, "workers")).containsOnly(Map.entry("sim-east-1a", 2L), Map.entry("sim-east-1b", 2L));
        ChangePlan plan = engine.clusters().plan(c.id(), c.spec().withWorkerPool(c.spec().workerPool("workers").orElseThrow()
                .toBuilder().zones(THREE_ZONES).build()));
        assertThat(plan.actions()).filteredOn(a -> a.kind() == PlannedAction.Kind.REPLACE).hasSize(1)
                .allMatch(a -> a.reasons().equals(List.of("zone sim-east-1c added")));

        Cluster spread = change(c, pool("workers", b -> b.zones(THREE_ZONES)));
        assertThat(perZone(spread, "workers").values()).containsExactlyInAnyOrder(2L, 1L, 1L);
        assertThat(perZone(spread, "workers")).containsEntry("sim-east-1c", 1L);
        assertThat(reasons(spread)).containsExactly(List.of("zone sim-east-1c added"));
    }

    @Test
    void labelsAndTaintsAreAppliedInPlaceWithoutReplacingAnything() {
        Cluster c = provision(SimClusters.spec(1, 2));
        int created = cloud.machinesEverCreated(c.id());
        Taint gpu = new Taint("dedicated", "gpu", "NoSchedule");
        ChangePlan plan = engine.clusters().plan(c.id(), c.spec().withWorkerPool(c.spec().workerPool("workers").orElseThrow()
                .toBuilder().labels(Map.of("tier", "gold")).taints(List.of(gpu)).build()));
        assertThat(plan.actions()).hasSize(2).allMatch(a -> a.kind() == PlannedAction.Kind.UPDATE)
                .allMatch(a -> a.reasons().equals(List.of("label tier=gold; taint dedicated=gpu:NoSchedule")));

        Cluster labelled = change(c, pool("workers", b -> b.labels(Map.of("tier", "gold")).taints(List.of(gpu))));
        for (Machine m : labelled.status().machines("workers")) {
            assertThat(cloud.nodeLabels(c.id(), m.name())).containsEntry("tier", "gold");
            assertThat(cloud.nodeTaints(c.id(), m.name())).containsExactly(gpu);
            assertThat(m.labels()).containsEntry("tier", "gold");
        }
        Cluster relabelled = change(labelled, pool("workers", b -> b.labels(Map.of("tier", "silver")).taints(List.of())));
        for (Machine m : relabelled.status().machines("workers")) {
            assertThat(cloud.nodeLabels(c.id(), m.name())).containsEntry("tier", "silver");
            assertThat(cloud.nodeTaints(c.id(), m.name())).isEmpty();
        }
        assertThat(cloud.machinesEverCreated(c.id())).as("nothing replaced").isEqualTo(created);
        assertThat(relabelled.status().upgradeHistory()).isEmpty();
        assertThat(engine.events().list(c.id())).filteredOn(e -> e.reason().equals("NodeUpdated")).hasSize(4)
                .anyMatch(e -> e.message().contains("taint dedicated=gpu:NoSchedule removed"));
    }

    @Test
    void aKubernetesUpgradeOfTwoMinorsGoesThroughTheMinorInBetween() {
        engine.close();
        InMemoryPackRegistry registry = new InMemoryPackRegistry("releases");
        for (String v : List.of("1.34.1", "1.34.3", "1.35.2")) {
            registry.add(Pack.builder().name("kubernetes").version(v).layer(Layer.KUBERNETES).build());
        }
        engine = PaletteEngine.builder().clock(clock).store(store).secrets(new InMemorySecretStore()).discoverProviders(false)
                .provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud)).packRegistry(registry)
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10))).build();
        Cluster c = provision(SimClusters.spec(3, 1));
        ClusterSpec target = withPack(c.spec(), Layer.KUBERNETES, p -> p.version("1.35.2"));
        ChangePlan plan = engine.clusters().plan(c.id(), target);
        assertThat(plan.kubernetesVersions()).containsExactly("1.33.6", "1.34.3", "1.35.2");
        assertThat(plan.actions()).filteredOn(a -> a.kind() == PlannedAction.Kind.REPLACE).hasSize(8);

        try (AutoCloseable watch = store.subscribe(ch -> store.get(c.id()).ifPresent(x -> {
            List<String> versions = x.status().machines().stream().filter(m -> m.phase() != MachinePhase.DELETING)
                    .map(Machine::kubernetesVersion).distinct().toList();
            if (versions.contains("1.33.6") && versions.contains("1.35.2")) {
                violations.add("1.33 and 1.35 side by side: " + versions);
            }
            long ready = x.status().machines("control-plane").stream().filter(m -> m.phase() == MachinePhase.RUNNING).count();
            if (ready < 2) {
                violations.add("control plane lost quorum: " + ready + " Ready");
            }
        }))) {
            engine.clusters().updateSpec(c.id(), plan.basedOnGeneration(), target);
            SimHarness.runUntil(engine, clock, () -> get(c.id()).status().condition(ConditionTypes.UPGRADING)
                    .map(Condition::isTrue).orElse(false), Duration.ofMinutes(10));
            assertThat(get(c.id()).status().condition(ConditionTypes.UPGRADING).orElseThrow().message())
                    .contains("Kubernetes 1.33.6 → 1.34.3").contains("Kubernetes step 1.34.3 on the way to 1.35.2");
            SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady() && get(c.id()).status().machines().stream()
                    .allMatch(m -> m.kubernetesVersion().equals("1.35.2")), Duration.ofHours(6));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(violations).isEmpty();
        Cluster done = get(c.id());
        assertThat(reasons(done)).filteredOn(r -> r.equals(List.of("Kubernetes 1.33.6 → 1.34.3"))).hasSize(4);
        assertThat(reasons(done)).filteredOn(r -> r.equals(List.of("Kubernetes 1.34.3 → 1.35.2"))).hasSize(4);
        assertThat(reasons(done).subList(0, 4)).containsOnly(List.of("Kubernetes 1.33.6 → 1.34.3"));
    }

    @Test
    void theEtcdLeaderIsReplacedLast() {
        Cluster c = provision(SimClusters.spec(3, 1));
        List<Machine> cps = c.status().machines("control-plane");
        String leader = cps.stream().max(java.util.Comparator.comparing(Machine::createdAt).thenComparing(Machine::name))
                .orElseThrow().name(); // the newest member, which the default order would replace first
        cloud.setEtcdLeader(c.id(), leader);
        Cluster done = change(c, s -> withPack(s, Layer.KUBERNETES, p -> p.version("1.34.1")));
        List<String> replacedMembers = done.status().upgradeHistory().stream().map(UpgradeRecord::machine)
                .filter(m -> m.startsWith("control-plane")).toList();
        assertThat(replacedMembers).hasSize(3).last().isEqualTo(leader);
    }

    @Test
    void aPausedRolloutReplacesNothingUntilResumed() {
        Cluster c = provision(SimClusters.spec(1, 2));
        Cluster paused = change(c, s -> s.toBuilder().upgrade(s.upgrade().withPaused(true)).build());
        engine.clusters().update(c.id(), pool("workers", b -> b.instanceType("sim.xlarge")));
        SimHarness.runFor(engine, clock, Duration.ofMinutes(30));
        Cluster held = get(c.id());
        assertThat(held.status().upgradeHistory()).isEmpty();
        Condition upgrading = held.status().condition(ConditionTypes.UPGRADING).orElseThrow();
        assertThat(upgrading.reason()).isEqualTo("RolloutPaused");
        assertThat(upgrading.message()).contains("1/3 machines current").contains("paused before replacing 2");
        assertThat(paused.status().machines("workers")).allMatch(m -> m.instanceType().equals("sim.medium"));

        Cluster resumed = change(held, s -> s.toBuilder().upgrade(s.upgrade().withPaused(false)).build());
        assertThat(resumed.status().machines("workers")).allMatch(m -> m.instanceType().equals("sim.xlarge"));
        assertThat(resumed.status().condition(ConditionTypes.UPGRADING).orElseThrow().reason()).isEqualTo("UpgradeComplete");
    }

    @Test
    void aNewSpecInTheMiddleOfARolloutReplansFromWhereItIs() {
        Cluster c = provision(SimClusters.spec(1, 3));
        engine.clusters().update(c.id(), pool("workers", b -> b.instanceType("sim.large")));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).status().upgradeHistory().size() == 1, Duration.ofHours(1));
        Cluster done = change(get(c.id()), pool("workers", b -> b.instanceType("sim.xlarge")));
        assertThat(done.status().machines("workers")).hasSize(3).allMatch(m -> m.instanceType().equals("sim.xlarge"));
        List<String> replaced = done.status().upgradeHistory().stream().map(UpgradeRecord::machine).toList();
        assertThat(replaced).doesNotHaveDuplicates();
        assertThat(reasons(done)).contains(List.of("instance type sim.large → sim.xlarge"));
    }

    @Test
    void certificatesAreRenewedByReplacementBeforeTheyExpire() {
        Cluster c = provision(SimClusters.spec(1, 1).toBuilder().upgrade(new UpgradePolicy(1, 0, false, Duration.ofDays(45)))
                .build());
        SimHarness.runFor(engine, clock, Duration.ofMinutes(5));
        assertThat(get(c.id()).status().upgradeHistory()).isEmpty();
        // Jump to just before the renewal window in one step (only no-op resync passes are due on the way; the
        // engine runs them while the clock moves on), then step deadline by deadline so that each pass sees
        // the time at which it was due, as it would in real time.
        clock.advance(Duration.ofDays(319));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).status().upgradeHistory().size() >= 2 && get(c.id()).isReady(),
                Duration.ofDays(4));
        assertThat(get(c.id()).status().upgradeHistory()).as("each of the two machines replaced once").hasSize(2);
        assertThat(reasons(get(c.id()))).as("renewed once fewer than 45 days remained, not before").allSatisfy(r -> {
            assertThat(r).hasSize(1);
            assertThat(r.get(0)).matches("certificates expire in \\d+ days");
            assertThat(Integer.parseInt(r.get(0).replaceAll("\\D", ""))).isBetween(1, 45);
        });
        assertThat(get(c.id()).status().machines()).allMatch(m -> m.createdAt().isAfter(clock.instant().minus(Duration.ofDays(10))));
        assertThat(engine.events().list(c.id())).anyMatch(e -> e.reason().equals("MachineReplaced")
                && e.message().contains("certificates expire in"));
    }

    @Test
    void aReplacementWhoseNodeNeverTurnsReadyIsRemediatedWhileTheOldWorkersKeepServing() {
        Cluster c = provision(SimClusters.spec(1, 2).withWorkerPool(SimClusters.spec(1, 2).workerPool("workers").orElseThrow()
                .toBuilder().health(new dev.palette.sdk.api.model.HealthPolicy(Duration.ofMinutes(15), Duration.ofMinutes(10),
                        Duration.ofMinutes(10), "100%")).build()));
        cloud.newNodesNeverReady(c.id(), true);
        engine.clusters().update(c.id(), pool("workers", b -> b.instanceType("sim.xlarge")));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).status().upgradeHistory().stream()
                .anyMatch(r -> r.reasons().contains("unhealthy: node not Ready within 15m")), Duration.ofHours(1));
        Cluster failing = get(c.id());
        assertThat(failing.status().machines("workers").stream().filter(m -> m.phase() == MachinePhase.RUNNING
                && m.instanceType().equals("sim.medium"))).as("the old workers keep serving").hasSize(2);
        assertThat(engine.events().list(c.id())).anyMatch(e -> e.reason().equals("MachineUnhealthy"));

        cloud.newNodesNeverReady(c.id(), false);
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady() && get(c.id()).status().machines("workers").stream()
                .allMatch(m -> m.instanceType().equals("sim.xlarge")), Duration.ofHours(2));
        Map<String, Integer> times = new HashMap<>();
        get(c.id()).status().upgradeHistory().forEach(r -> times.merge(r.machine(), 1, Integer::sum));
        assertThat(times.values()).as("no machine replaced twice").allMatch(n -> n == 1);
    }
}
