package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.core.ProviderRegistry;
import dev.palette.sdk.core.internal.engine.KubeadmBootstrap;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.internal.reconcile.ClusterReconciler;
import dev.palette.sdk.core.internal.reconcile.KubernetesSteps;
import dev.palette.sdk.core.internal.reconcile.MachineTemplates;
import dev.palette.sdk.core.internal.reconcile.StatusWriter;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * The first reconcile pass of a new 3 + 10 machine cluster with a provider whose calls complete at once:
 * network, load balancer, the cluster's PKI (EC keys and certificates), the image, the first
 * control-plane machine's intent and its kubeadm user data. The engine's own cost of a step that does
 * real work, against the no-op pass.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FirstPassBenchmark {
    private InMemoryClusterStore store;
    private ClusterReconciler reconciler;
    private ClusterSpec spec;
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        store = new InMemoryClusterStore();
        InMemorySecretStore secrets = new InMemorySecretStore();
        TimeSource time = TimeSource.system();
        reconciler = new ClusterReconciler(store, secrets,
                ProviderRegistry.of(List.of(new InstantCloud()), false, getClass().getClassLoader()), null,
                new EventLog(1000, time), time, new StatusWriter(store), new KubeadmBootstrap(secrets, time), List.of(),
                Duration.ofSeconds(2), new MachineTemplates(new KubernetesSteps((name, minor) -> Optional.empty())),
                new dev.palette.sdk.core.internal.reconcile.ClusterHealth(Duration.ofMinutes(5)),
                dev.palette.sdk.core.internal.reconcile.AddonCharts.NONE);
        spec = NoOpReconcileBenchmark.spec();
    }

    /** A new cluster's first pass, which must ask for its first machine. */
    @Benchmark
    public ReconcileResult firstPass() {
        String id = "c-bench-" + n++;
        store.create(new Cluster(new ClusterMetadata(id, "b" + n, "", "", Map.of(), 0, 1, java.time.Instant.now(),
                Optional.empty()), spec, ClusterStatus.INITIAL));
        ReconcileResult r = reconciler.reconcile(id).toCompletableFuture().join();
        if (store.get(id).orElseThrow().status().machines().isEmpty()) {
            throw new IllegalStateException("the first pass made no machine: " + r);
        }
        return r;
    }
}
