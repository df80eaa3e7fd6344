package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.ChangePlan;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Previewing an instance-type change of a converged cluster of 1,000 machines in 10 pools (1 control
 * plane + 10 pools of 100 workers, less one): every worker is replaced, so the preview walks the whole
 * rollout. Target: at most 5 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PlanBenchmark {
    private PaletteEngine engine;
    private String clusterId;
    private ClusterSpec changed;

    @Setup(Level.Trial)
    public void setUp() {
        engine = PaletteEngine.builder().discoverProviders(false).provider(new InstantCloud())
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(1))).build();
        engine.start();
        List<MachinePoolSpec> pools = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pools.add(MachinePoolSpec.builder().name("pool-" + i).count(i == 9 ? 99 : 100).instanceType("medium")
                    .zones(List.of("a", "b", "c")).build());
        }
        ClusterSpec spec = NoOpReconcileBenchmark.spec().toBuilder().cloud(CloudConfig.of("instant", "r1"))
                .controlPlane(1, "large").workerPools(pools).build();
        Cluster c = engine.clusters().create("big", spec);
        engine.clusters().await(c.id(), Cluster::isReady, Duration.ofMinutes(5));
        clusterId = c.id();
        List<MachinePoolSpec> bigger = new ArrayList<>();
        pools.forEach(p -> bigger.add(p.toBuilder().instanceType("xlarge").build()));
        changed = spec.toBuilder().workerPools(bigger).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** The whole preview. */
    @Benchmark
    public ChangePlan plan() {
        ChangePlan p = engine.clusters().plan(clusterId, changed);
        if (p.actions().size() < 999 * 2) {
            throw new IllegalStateException("expected every worker replaced, got " + p.actions().size() + " actions");
        }
        return p;
    }
}
