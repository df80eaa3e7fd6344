package dev.palette.sdk.core.internal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.palette.sdk.api.model.ChangePlan;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.model.PlannedAction;
import dev.palette.sdk.api.model.UpgradePolicy;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ProviderMetadata;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.internal.validation.ClusterValidator;
import dev.palette.sdk.core.testing.TestSpecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The preview's fast path for worker rollouts plans exactly what replaying the planner step by step
 * plans: same actions, same order, same steps, same peak.
 */
class ChangePlannerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> ZONES = List.of("a", "b", "c");

    private final ProviderRegistry providers = registry();
    private final ClusterValidator validator = new ClusterValidator(providers);
    private final MachineTemplates templates = new MachineTemplates(KubernetesSteps.WITHOUT_REGISTRY);
    private final ChangePlanner fast = new ChangePlanner(validator, providers, templates, true);
    private final ChangePlanner replay = new ChangePlanner(validator, providers, templates, false);

    private static ProviderRegistry registry() {
        CloudProvider p = mock(CloudProvider.class);
        when(p.metadata()).thenReturn(new ProviderMetadata("fake", "fake", "Fake", Map.of(), Map.of()));
        return ProviderRegistry.of(List.of(p), false, ChangePlannerTest.class.getClassLoader());
    }

    /** A converged cluster: control plane and worker pools of the given sizes, spread over three zones. */
    private static Cluster converged(int controlPlanes, int... pools) {
        ClusterSpec.Builder spec = TestSpecs.spec("fake", controlPlanes, 0).toBuilder().workerPools(List.of());
        List<Machine> machines = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < controlPlanes; i++) {
            machines.add(machine("control-plane-" + i, "control-plane", MachineRole.CONTROL_PLANE, "large", "", n++));
        }
        for (int p = 0; p < pools.length; p++) {
            spec.addWorkerPool(MachinePoolSpec.builder().name("pool-" + p).count(pools[p]).instanceType("medium").zones(ZONES).build());
            for (int i = 0; i < pools[p]; i++) {
                machines.add(machine("pool-" + p + "-" + i, "pool-" + p, MachineRole.WORKER, "medium", ZONES.get(i % 3), n++));
            }
        }
        ClusterMetadata meta = new ClusterMetadata("c-1", "big", "", "", Map.of(), 7, 3, T0, Optional.empty());
        ClusterStatus status = ClusterStatus.builder().machines(machines)
                .infrastructure(Map.of(ClusterReconciler.INFRA_IMAGE, "ubuntu-22.04")).build();
        return Cluster.builder().metadata(meta).spec(spec.build()).status(status).build();
    }

    private static Machine machine(String name, String pool, MachineRole role, String type, String zone, int n) {
        return Machine.builder().name(name).pool(pool).role(role).phase(MachinePhase.RUNNING).providerId("i-" + n).zone(zone)
                .instanceType(type).diskGiB(60).kubernetesVersion("1.33.6").imageId("ubuntu-22.04")
                .createdAt(T0.plusSeconds(n % 7)).build();
    }

    private static ClusterSpec workers(ClusterSpec s, UnaryOperator<MachinePoolSpec.Builder> edit) {
        List<MachinePoolSpec> pools = new ArrayList<>();
        s.workerPools().forEach(p -> pools.add(edit.apply(p.toBuilder()).build()));
        return s.toBuilder().workerPools(pools).build();
    }

    private static ClusterSpec kubernetes(ClusterSpec s, String version) {
        List<Pack> packs = new ArrayList<>(s.profile().packs());
        packs.replaceAll(p -> p.layer() == Layer.KUBERNETES ? p.toBuilder().version(version).build() : p);
        return s.toBuilder().profile(s.profile().toBuilder().packs(packs).build()).build();
    }

    private ChangePlan same(Cluster c, ClusterSpec newSpec) {
        ChangePlan expected = replay.plan(c, newSpec, T0);
        ChangePlan actual = fast.plan(c, newSpec, T0);
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.valid()).isTrue();
        return actual;
    }

    @Test
    void anInstanceTypeRolloutWithTheDefaultSurge() {
        Cluster c = converged(1, 10, 7, 5);
        ChangePlan p = same(c, workers(c.spec(), b -> b.instanceType("xlarge")));
        assertThat(p.actions()).filteredOn(a -> a.kind() == PlannedAction.Kind.REPLACE).hasSize(22);
        assertThat(p.surgeMachines()).isEqualTo(3);
    }

    @Test
    void wideSurgesAndUnavailability() {
        Cluster c = converged(1, 10, 7, 5);
        for (UpgradePolicy policy : List.of(UpgradePolicy.of(3, 1), UpgradePolicy.of(0, 2), UpgradePolicy.of(2, 0),
                UpgradePolicy.of(10, 10))) {
            same(c, workers(c.spec(), b -> b.diskGiB(80)).toBuilder().upgrade(policy).build());
        }
    }

    @Test
    void aRolloutWithCountChanges() {
        Cluster c = converged(1, 10, 7, 5);
        ClusterSpec s = workers(c.spec(), b -> b.instanceType("xlarge"));
        List<MachinePoolSpec> pools = new ArrayList<>(s.workerPools());
        pools.set(0, pools.get(0).withCount(12));
        pools.set(1, pools.get(1).withCount(4));
        same(c, s.toBuilder().workerPools(pools).build());
    }

    @Test
    void aControlPlaneRollThenWorkersAndSeveralMinorVersions() {
        Cluster c = converged(3, 6, 4);
        same(c, kubernetes(c.spec(), "1.34.1"));
        ChangePlan twoMinors = same(c, kubernetes(c.spec(), "1.35.2"));
        assertThat(twoMinors.kubernetesVersions()).containsExactly("1.33.6", "1.34.0", "1.35.2");
        assertThat(twoMinors.actions()).filteredOn(a -> a.kind() == PlannedAction.Kind.REPLACE).hasSize(2 * 13);
    }

    @Test
    void aPausedRolloutPlansNothingAndEnds() {
        Cluster c = converged(1, 5);
        ClusterSpec paused = workers(c.spec(), b -> b.instanceType("xlarge"));
        paused = paused.toBuilder().upgrade(paused.upgrade().withPaused(true)).build();
        assertThat(same(c, paused).actions()).isEmpty();
    }
}
