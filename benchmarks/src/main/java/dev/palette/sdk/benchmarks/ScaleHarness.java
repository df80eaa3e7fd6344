package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The scale harness: N clusters on the sim provider in one engine — create them all and wait until every
 * one is Ready, roll an instance-type change over all of them, then delete them all — with wall-clock
 * times, reconcile passes, provider calls and heap. A host can call {@link #run(Options)}; the CLI's
 * {@code palette simulate} prints it.
 */
public final class ScaleHarness {

    /**
     * What to simulate.
     *
     * @param clusters how many clusters
     * @param controlPlanes control-plane machines per cluster
     * @param workers workers per cluster
     * @param latency simulated latency of every provider call
     * @param bootDelay simulated boot time of a machine
     * @param pollInterval the engine's poll interval while machines boot
     */
    public record Options(int clusters, int controlPlanes, int workers, Duration latency, Duration bootDelay,
                          Duration pollInterval) {
    }

    private ScaleHarness() {
    }

    /**
     * Runs the simulation.
     *
     * @param o the options
     * @param progress told each phase's progress (done, total), may be {@code null}
     * @return the figures, in a stable order
     */
    public static Map<String, Object> run(Options o, java.util.function.BiConsumer<String, int[]> progress) {
        SimCloud cloud = SimCloud.builder().latency(o.latency()).bootDelay(o.bootDelay()).nodeReadyDelay(Duration.ZERO)
                .imageBuildDelay(Duration.ZERO).build();
        InMemoryClusterStore store = new InMemoryClusterStore();
        Map<String, Object> out = new LinkedHashMap<>();
        try (PaletteEngine engine = PaletteEngine.builder().store(store).discoverProviders(false).provider(new SimProvider(cloud))
                .workloadAccess(new SimWorkloadClusterAccess(cloud))
                .settings(EngineSettings.DEFAULTS.withPollInterval(o.pollInterval())).build()) {
            engine.start();
            ClusterSpec spec = spec(o);
            List<String> ids = new ArrayList<>(o.clusters());
            long t0 = System.nanoTime();
            for (int i = 0; i < o.clusters(); i++) {
                ids.add(engine.clusters().create("sim-" + i, spec).id());
            }
            waitAll(store, ids, Cluster::isReady, "converge", progress);
            double converge = seconds(t0);
            long heap = usedHeap();

            long t1 = System.nanoTime();
            for (String id : ids) {
                engine.clusters().update(id, s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().toBuilder()
                        .instanceType("sim.xlarge").build()));
            }
            waitAll(store, ids, c -> c.isReady() && c.status().machines("workers").stream()
                    .allMatch(m -> m.instanceType().equals("sim.xlarge")), "rollout", progress);
            double rollout = seconds(t1);

            long t2 = System.nanoTime();
            ids.forEach(engine.clusters()::delete);
            waitAll(store, ids, c -> false, "delete", progress);
            double delete = seconds(t2);
            long passes = engine.stats().passes();
            double total = converge + rollout + delete;
            out.put("clusters", o.clusters());
            out.put("machines", o.clusters() * (o.controlPlanes() + o.workers()));
            out.put("converge_seconds", round(converge));
            out.put("rollout_seconds", round(rollout));
            out.put("delete_seconds", round(delete));
            out.put("reconciles", passes);
            out.put("reconciles_per_second", round(passes / total));
            out.put("peak_heap_mib", peakHeapMib());
            out.put("heap_after_converge_mib", heap / (1024 * 1024));
            out.put("heap_per_cluster_kib", round(heap / 1024.0 / o.clusters()));
            out.put("provider_calls", cloud.totalCalls());
        }
        return out;
    }

    static ClusterSpec spec(Options o) {
        ClusterProfile p = ClusterProfile.builder().name("scale").version("1.0.0").cloudType("sim")
                .addPack(Pack.builder().name("ubuntu-sim").version("22.04").layer(Layer.OS).skipK8sInstall(true).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build()).build();
        return ClusterSpec.builder().profile(p).cloud(CloudConfig.of("sim", "sim-east-1")).controlPlane(o.controlPlanes(), "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(o.workers()).instanceType("sim.medium").build()).build();
    }

    private static void waitAll(InMemoryClusterStore store, List<String> ids, Predicate<Cluster> done, String phase,
                                java.util.function.BiConsumer<String, int[]> progress) {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (true) {
            int n = 0;
            for (String id : ids) {
                if (store.get(id).map(done::test).orElse(!phase.equals("converge") && !phase.equals("rollout"))) {
                    n++;
                }
            }
            if (progress != null) {
                progress.accept(phase, new int[] {n, ids.size()});
            }
            if (n == ids.size()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phase + " did not finish within 30 minutes: " + n + "/" + ids.size());
            }
            try {
                Thread.sleep(50); // a progress poll of the harness, not a test timing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        System.gc();
        return r.totalMemory() - r.freeMemory();
    }

    private static long peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    /**
     * Runs from the command line: {@code clusters controlPlanes workers}.
     *
     * @param args the counts
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int cp = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int w = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Map<String, Object> r = run(new Options(n, cp, w, Duration.ZERO, Duration.ZERO, Duration.ofMillis(100)), null);
        System.out.println(r);
    }
}
