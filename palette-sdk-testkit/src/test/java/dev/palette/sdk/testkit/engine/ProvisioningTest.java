package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterPhase;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.SecurityRule;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimFaults;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimOperation;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole lifecycles on the simulated cloud, in virtual time. */
class ProvisioningTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final InMemoryClusterStore store = new InMemoryClusterStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final PaletteEngine engine = SimClusters.engine(clock, cloud, store, secrets);

    @AfterEach
    void close() {
        engine.close();
    }

    private Cluster get(String id) {
        return engine.clusters().get(id);
    }

    @Test
    void provisionsAClusterStepByStepThenScalesAndDeletesIt() {
        engine.start();
        Cluster c = engine.clusters().create("demo", SimClusters.spec(3, 3));
        List<String> cpCreatedWhileAnotherCpNotReady = new ArrayList<>();
        try (AutoCloseable watch = engine.events().subscribe(e -> {
            if (e.reason().equals("MachineCreated") && e.message().contains("control-plane machine")) {
                long notReady = store.get(c.id()).orElseThrow().status().machines().stream()
                        .filter(m -> m.role() == MachineRole.CONTROL_PLANE && m.phase() != MachinePhase.RUNNING).count();
                if (notReady > 1) {
                    cpCreatedWhileAnotherCpNotReady.add(e.message());
                }
            }
        })) {
            Duration took = SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(1));
            assertThat(took).as("3 control planes join one after another: at least 3 boots").isGreaterThan(Duration.ofMinutes(3));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(cpCreatedWhileAnotherCpNotReady).as("control-plane machines join one at a time").isEmpty();

        Cluster ready = get(c.id());
        assertThat(ready.status().phase()).isEqualTo(ClusterPhase.RUNNING);
        assertThat(ready.status().conditions()).extracting(Condition::type).containsExactly(ConditionTypes.INFRASTRUCTURE_READY,
                ConditionTypes.IMAGE_READY, ConditionTypes.CONTROL_PLANE_READY, ConditionTypes.WORKERS_READY, ConditionTypes.HEALTHY);
        assertThat(ready.status().conditions()).allMatch(Condition::isTrue);
        assertThat(ready.status().machines()).hasSize(6).allMatch(m -> m.phase() == MachinePhase.RUNNING);
        assertThat(ready.status().machines("workers")).extracting(Machine::zone)
                .containsExactlyInAnyOrder("sim-east-1a", "sim-east-1b", "sim-east-1c");
        assertThat(ready.status().endpoint()).isEqualTo("https://" + c.id() + ".lb.sim.local:6443");
        assertThat(cloud.loadBalancer(c.id()).targets()).as("the API load balancer sends to every control-plane machine")
                .containsExactlyInAnyOrderElementsOf(ready.status().machines("control-plane").stream().map(Machine::providerId).toList());
        assertThat(cloud.machinesEverCreated(c.id())).isEqualTo(6);
        assertThat(engine.events().list(c.id())).extracting(ClusterEvent::reason)
                .contains("InfrastructureReady", "ImageReady", "MachineCreated", "MachineReady", "ClusterReady");

        // Bootstrap: the first control-plane node runs kubeadm init, the others join; the PKI stays in the secret store.
        List<Machine> cps = ready.status().machines("control-plane").stream()
                .sorted(java.util.Comparator.comparing(Machine::createdAt)).toList();
        assertThat(cloud.userData(c.id(), cps.get(0).name()).orElseThrow()).startsWith("#cloud-config")
                .contains("kubeadm init --config").contains("/etc/kubernetes/pki/ca.key");
        assertThat(cloud.userData(c.id(), cps.get(1).name()).orElseThrow()).contains("kubeadm join --config")
                .contains("controlPlane:").doesNotContain("PRIVATE KEY");
        assertThat(cloud.userData(c.id(), ready.status().machines("workers").get(0).name()).orElseThrow())
                .contains("kubeadm join --config").doesNotContain("certificateKey");
        assertThat(secrets.keys("clusters/" + c.id() + "/")).contains("clusters/" + c.id() + "/kubeconfig",
                "clusters/" + c.id() + "/pki/ca", "clusters/" + c.id() + "/bootstrap");
        assertThat(ready.status().certificates()).extracting(x -> x.name()).contains("ca", "etcd-ca", "front-proxy-ca");
        String token = secrets.get("clusters/" + c.id() + "/bootstrap").orElseThrow().get("token").orElseThrow();
        assertThat(ready.toString()).doesNotContain(token).doesNotContain("PRIVATE KEY");
        assertThat(engine.events().list(c.id()).toString()).doesNotContain(token).doesNotContain("PRIVATE KEY");

        engine.clusters().scaleWorkerPool(c.id(), "workers", 5);
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady() && get(c.id()).status().machines("workers").size() == 5,
                Duration.ofHours(1));
        Map<String, Long> perZone = get(c.id()).status().machines("workers").stream()
                .collect(Collectors.groupingBy(Machine::zone, Collectors.counting()));
        assertThat(perZone.values()).containsExactlyInAnyOrder(2L, 2L, 1L);

        engine.clusters().scaleWorkerPool(c.id(), "workers", 1);
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady() && get(c.id()).status().machines("workers").size() == 1,
                Duration.ofHours(1));
        assertThat(cloud.machines(c.id())).hasSize(4);

        engine.clusters().delete(c.id());
        SimHarness.runUntil(engine, clock, () -> engine.clusters().find(c.id()).isEmpty(), Duration.ofHours(1));
        assertThat(cloud.leftovers(c.id())).isEmpty();
        assertThat(engine.events().list(c.id())).extracting(ClusterEvent::reason).contains("Deleting", "Deleted");
        assertThat(secrets.keys("clusters/" + c.id() + "/")).as("the cluster's secrets go with it").isEmpty();
    }

    @Test
    void theDefaultIsolationRulesReachTheCloudAndAWorkerCannotReachEtcd() {
        engine.start();
        Cluster c = engine.clusters().create("rules", SimClusters.spec(1, 1));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(1));
        assertThat(cloud.canReach(c.id(), SecurityRule.CONTROL_PLANE, SecurityRule.CONTROL_PLANE, "tcp", 2379)).isTrue();
        assertThat(cloud.canReach(c.id(), SecurityRule.WORKER, SecurityRule.CONTROL_PLANE, "tcp", 2379)).isFalse();
        assertThat(cloud.canReach(c.id(), SecurityRule.WORKER, SecurityRule.CONTROL_PLANE, "tcp", 6443)).isTrue();
        assertThat(cloud.canReach(c.id(), SecurityRule.LOAD_BALANCER, SecurityRule.CONTROL_PLANE, "tcp", 6443)).isTrue();
        assertThat(cloud.canReach(c.id(), SecurityRule.WORKER, SecurityRule.WORKER, "tcp", 10250)).isFalse();
    }

    @Test
    void aQuotaErrorIsAFailedConditionWithTheProvidersMessageUntilQuotaIsFreed() {
        // Room for two control-plane machines (4 vCPU each) and two workers (2 each); not for the third control plane.
        cloud.setVcpuLimit(14);
        engine.start();
        Cluster c = engine.clusters().create("quota", SimClusters.spec(3, 2));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).status().condition(ConditionTypes.CONTROL_PLANE_READY)
                .map(x -> x.isFailed() && x.attempts() >= 3).orElse(false), Duration.ofHours(1));
        Condition failed = get(c.id()).status().condition(ConditionTypes.CONTROL_PLANE_READY).orElseThrow();
        assertThat(failed.reason()).isEqualTo("QuotaExceeded");
        assertThat(failed.message()).startsWith("You have requested more vCPU capacity than your current vCPU limit of 14");
        assertThat(get(c.id()).status().phase()).isEqualTo(ClusterPhase.PROVISIONING);
        assertThat(get(c.id()).status().summary()).contains("ControlPlaneReady=False QuotaExceeded");
        List<ClusterEvent> warnings = engine.events().list(c.id()).stream().filter(e -> e.reason().equals("QuotaExceeded")).toList();
        assertThat(warnings).as("retries fold into one event").hasSize(1).allMatch(e -> e.count() >= 3);
        SimHarness.runFor(engine, clock, Duration.ofMinutes(10));
        long createsBefore = cloud.calls(SimOperation.CREATE_MACHINE);
        SimHarness.runFor(engine, clock, Duration.ofMinutes(2));
        assertThat(cloud.calls(SimOperation.CREATE_MACHINE) - createsBefore)
                .as("retries have backed off to the 60 s cap: about two in two minutes").isBetween(1L, 3L);

        cloud.setVcpuLimit(100);
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(2));
        Condition cleared = get(c.id()).status().condition(ConditionTypes.CONTROL_PLANE_READY).orElseThrow();
        assertThat(cleared.isTrue()).isTrue();
        assertThat(cleared.attempts()).isZero();
        assertThat(cloud.machines(c.id())).hasSize(5);
        assertThat(cloud.duplicates(c.id())).isEmpty();
    }

    @Test
    void twentyClustersConvergeWithThirtyPercentOfCallsFailing() {
        cloud.faults().failRandomly(0.3, 42);
        engine.start();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(engine.clusters().create("flaky-" + i, SimClusters.spec(1, 2)).id());
        }
        SimHarness.runUntil(engine, clock, () -> ids.stream().allMatch(id -> get(id).isReady()), Duration.ofHours(6));
        assertThat(cloud.calls(SimOperation.CREATE_MACHINE)).isGreaterThan(60);
        for (String id : ids) {
            assertThat(cloud.duplicates(id)).isEmpty();
            List<String> cloudNames = cloud.machines(id).stream().map(MachineInfo::machineName).sorted().toList();
            List<String> statusNames = get(id).status().machines().stream().map(Machine::name).sorted().toList();
            assertThat(cloudNames).as("the cloud has exactly the machines the status lists").isEqualTo(statusNames).hasSize(3);
        }
        for (String id : ids) {
            engine.clusters().delete(id);
        }
        SimHarness.runUntil(engine, clock, () -> store.list(ClusterQuery.all()).isEmpty(), Duration.ofHours(6));
        for (String id : ids) {
            assertThat(cloud.leftovers(id)).isEmpty();
        }
    }

    @Test
    void aRepeatedTransientErrorIsFoldedIntoOneEvent() {
        cloud.faults().failNext(SimOperation.ENSURE_NETWORK, 6, SimFaults.Kind.RETRYABLE);
        engine.start();
        Cluster c = engine.clusters().create("folded", SimClusters.spec(1, 0));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(1));
        List<ClusterEvent> errors = engine.events().list(c.id()).stream().filter(e -> e.reason().equals("ProviderError")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).count()).isEqualTo(6);
        assertThat(errors.get(0).message()).contains("InfrastructureReady").contains("Request limit exceeded");
        assertThat(get(c.id()).status().condition(ConditionTypes.INFRASTRUCTURE_READY).orElseThrow().attempts()).isZero();
    }

    @Test
    void aMachineLostBehindTheEnginesBackIsReplacedByThePeriodicResync() {
        engine.start();
        Cluster c = engine.clusters().create("resync", SimClusters.spec(1, 2));
        SimHarness.runUntil(engine, clock, () -> get(c.id()).isReady(), Duration.ofHours(1));
        String victim = get(c.id()).status().machines("workers").get(0).name();
        // Someone terminates a worker in the cloud console; nothing tells the engine.
        new dev.palette.sdk.testkit.SimProvider(cloud).deleteMachine(
                new dev.palette.sdk.api.provider.ProviderContext(c.id(), "resync", get(c.id()).spec().cloud(), java.util.Map.of(), null),
                victim);
        SimHarness.runFor(engine, clock, Duration.ofMinutes(1));
        assertThat(cloud.machines(c.id())).hasSize(2);
        SimHarness.runUntil(engine, clock, () -> cloud.machines(c.id()).size() == 3 && get(c.id()).isReady(), Duration.ofMinutes(30));
        assertThat(get(c.id()).status().machines()).extracting(Machine::name).doesNotContain(victim);
        assertThat(engine.events().list(c.id())).anyMatch(e -> e.reason().equals("MachineLost") && e.message().contains(victim));
    }
}
