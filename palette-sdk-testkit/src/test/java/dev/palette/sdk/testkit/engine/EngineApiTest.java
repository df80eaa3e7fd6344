package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.VirtualClock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's public operations: validation before storing, conflicts, provider discovery. */
class EngineApiTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final InMemoryClusterStore store = new InMemoryClusterStore();
    private final PaletteEngine engine = SimClusters.engine(clock, cloud, store, new InMemorySecretStore());

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void twoWritersUpdatingOneClusterOneGetsAConflictAndNoUpdateIsLost() {
        Cluster c = engine.clusters().create("writers", SimClusters.spec(1, 2));
        long generation = c.metadata().generation();
        ClusterSpec first = c.spec().withWorkerPool(c.spec().workerPool("workers").orElseThrow().withCount(4));
        ClusterSpec second = c.spec().withWorkerPool(c.spec().workerPool("workers").orElseThrow().withCount(7));

        Cluster updated = engine.clusters().updateSpec(c.id(), generation, first);
        assertThatThrownBy(() -> engine.clusters().updateSpec(c.id(), generation, second))
                .isInstanceOf(ConflictException.class).hasMessageContaining("generation 2");
        assertThat(updated.metadata().generation()).isEqualTo(2);
        assertThat(engine.clusters().get(c.id()).spec().workerPool("workers").orElseThrow().count()).isEqualTo(4);

        // A writer that re-reads and re-applies its change (update with a function) loses nothing either.
        engine.clusters().update(c.id(), s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().withCount(
                s.workerPool("workers").orElseThrow().count() + 1)));
        assertThat(engine.clusters().get(c.id()).spec().workerPool("workers").orElseThrow().count()).isEqualTo(5);
    }

    @Test
    void theStoreRefusesAStaleWrite() {
        Cluster c = engine.clusters().create("stale", SimClusters.spec(1, 1));
        Cluster a = store.get(c.id()).orElseThrow();
        store.update(a.withMetadata(a.metadata().withLabels(java.util.Map.of("team", "a"))));
        assertThatThrownBy(() -> store.update(a.withMetadata(a.metadata().withLabels(java.util.Map.of("team", "b")))))
                .isInstanceOf(ConflictException.class);
        assertThat(store.get(c.id()).orElseThrow().metadata().labels()).containsEntry("team", "a");
    }

    @Test
    void badSpecsAreRefusedWithEveryViolationAndNothingIsStored() {
        ClusterProfile noOs = ClusterProfile.builder().name("p").version("1").cloudType("sim")
                .packs(SimClusters.profile().packs().subList(1, 4)).build();
        ClusterSpec bad = ClusterSpec.builder().profile(noOs).cloud(CloudConfig.of("nimbus", "r"))
                .controlPlane(2, "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(-1).instanceType("sim.small").build())
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(1).instanceType("sim.small").build())
                .build();
        assertThatThrownBy(() -> engine.clusters().create("bad", bad))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).extracting(Violation::toString)
                        .contains("spec.cloud.provider: unknown provider 'nimbus' (known: sim)",
                                "spec.profile.packs: missing an OS layer (os)",
                                "spec.controlPlane.count: must be odd and >= 1 (1, 3 or 5) to keep etcd quorum",
                                "spec.workerPools[0].count: must be >= 0",
                                "spec.workerPools[1].name: duplicate pool name 'workers'"));
        assertThat(store.list(ClusterQuery.all())).isEmpty();

        Cluster good = engine.clusters().create("good", SimClusters.spec(1, 1));
        assertThatThrownBy(() -> engine.clusters().update(good.id(), s -> s.withWorkerPool(
                s.workerPool("workers").orElseThrow().withCount(-3))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("spec.workerPools[0].count: must be >= 0");
        Cluster after = engine.clusters().get(good.id());
        assertThat(after.spec()).isEqualTo(good.spec());
        assertThat(after.metadata().generation()).isEqualTo(1);
        assertThatThrownBy(() -> engine.clusters().create("good", SimClusters.spec(1, 1))).isInstanceOf(ConflictException.class);
    }

    @Test
    void providersAreDiscoveredAndOneGivenExplicitlyWins() {
        ClassLoader loader = getClass().getClassLoader();
        ProviderRegistry discovered = ProviderRegistry.of(List.of(), true, loader);
        assertThat(discovered.ids()).contains("sim");
        SimProvider mine = new SimProvider(cloud);
        ProviderRegistry withMine = ProviderRegistry.of(List.of(mine), true, loader);
        assertThat(withMine.get("sim")).isSameAs(mine);
        assertThatThrownBy(() -> withMine.get("gcp")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("unknown cloud provider 'gcp' (known: ").hasMessageContaining("sim");
        assertThatThrownBy(() -> ProviderRegistry.of(List.<CloudProvider>of(new SimProvider(cloud), new SimProvider(cloud)), false, loader))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("have the id 'sim'");
    }

    @Test
    void kubernetesMayGoUpSeveralMinorsThroughEachOneButNeverDown() {
        Cluster c = engine.clusters().create("versions", SimClusters.spec(1, 1));
        java.util.function.Function<String, ClusterSpec> withK8s = v -> {
            List<dev.palette.sdk.api.model.Pack> packs = new java.util.ArrayList<>(c.spec().profile().packs());
            packs.set(1, packs.get(1).toBuilder().version(v).build());
            return c.spec().toBuilder().profile(c.spec().profile().toBuilder().packs(packs).build()).build();
        };
        assertThatThrownBy(() -> engine.clusters().updateSpec(c.id(), 1, withK8s.apply("1.32.9")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("spec.profile.packs[1].version: Kubernetes cannot go down from 1.33.6 to 1.32.9");
        assertThatThrownBy(() -> engine.clusters().updateSpec(c.id(), 1, withK8s.apply("2.0.0")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("cannot change its major version");
        dev.palette.sdk.api.model.ChangePlan skip = engine.clusters().plan(c.id(), withK8s.apply("1.35.0"));
        assertThat(skip.valid()).isTrue();
        assertThat(skip.kubernetesVersions()).as("no registry: the minor in between at its .0 release")
                .containsExactly("1.33.6", "1.34.0", "1.35.0");
        assertThat(engine.clusters().updateSpec(c.id(), 1, withK8s.apply("1.35.0")).metadata().generation()).isEqualTo(2);
    }
}
