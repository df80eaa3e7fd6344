package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.internal.reconcile.ClusterReconciler;
import dev.palette.sdk.core.internal.reconcile.StatusWriter;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One reconcile pass over a converged cluster of 3 control-plane and 10 worker machines, with a provider
 * whose calls complete at once: the engine's own cost of confirming that nothing needs doing. Target:
 * at most 20 µs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class NoOpReconcileBenchmark {
    private ClusterReconciler reconciler;
    private String clusterId;

    @Setup(Level.Trial)
    public void setUp() {
        InMemoryClusterStore store = new InMemoryClusterStore();
        InstantCloud cloud = new InstantCloud();
        try (PaletteEngine engine = PaletteEngine.builder().store(store).discoverProviders(false).provider(cloud)
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(1))).build()) {
            engine.start();
            Cluster c = engine.clusters().create("bench", spec());
            engine.clusters().await(c.id(), Cluster::isReady, Duration.ofSeconds(30));
            clusterId = c.id();
        }
        TimeSource time = TimeSource.system();
        reconciler = new ClusterReconciler(store, new InMemorySecretStore(),
                ProviderRegistry.of(List.of(cloud), false, getClass().getClassLoader()), null, new EventLog(1000, time),
                time, new StatusWriter(store), (c, m, init) -> "", List.of(), Duration.ofSeconds(2),
                new dev.palette.sdk.core.internal.reconcile.MachineTemplates(
                        new dev.palette.sdk.core.internal.reconcile.KubernetesSteps((name, minor) -> java.util.Optional.empty())),
                new dev.palette.sdk.core.internal.reconcile.ClusterHealth(Duration.ofMinutes(5)),
                dev.palette.sdk.core.internal.reconcile.AddonCharts.NONE);
    }

    static ClusterSpec spec() {
        ClusterProfile profile = ClusterProfile.builder().name("bench").version("1.0.0").cloudType("instant")
                .addPack(Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .build();
        return ClusterSpec.builder().profile(profile).cloud(CloudConfig.of("instant", "r1")).controlPlane(3, "large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(10).instanceType("medium").build())
                .build();
    }

    /** One pass; it must conclude that nothing needs doing. */
    @Benchmark
    public ReconcileResult noOpPass() {
        ReconcileResult r = reconciler.reconcile(clusterId).toCompletableFuture().join();
        if (!(r instanceof ReconcileResult.Done)) {
            throw new IllegalStateException("the cluster is not converged: " + r);
        }
        return r;
    }
}
