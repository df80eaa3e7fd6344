package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
     * @param latency simulated latency of each provider call
     * @param bootDelay simulated machine boot time
     * @param pollInterval how often the engine looks at booting machines
     * @param store {@code memory}, {@code h2} (in memory) or a JDBC URL
     * @param idle how long to watch the converged engine's CPU use with nothing changing (zero: not at all)
     */
    public record Options(int clusters, int controlPlanes, int workers, Duration latency, Duration bootDelay,
                          Duration pollInterval, String store, Duration idle) {
        /**
         * The defaults for the store (memory) and the idle watch (none).
         *
         * @param clusters how many clusters
         * @param controlPlanes control-plane machines per cluster
         * @param workers workers per cluster
         * @param latency simulated latency of each provider call
         * @param bootDelay simulated machine boot time
         * @param pollInterval how often the engine looks at booting machines
         */
        public Options(int clusters, int controlPlanes, int workers, Duration latency, Duration bootDelay, Duration pollInterval) {
            this(clusters, controlPlanes, workers, latency, bootDelay, pollInterval, "memory", Duration.ZERO);
        }

        /**
         * The same run with another cluster count.
         *
         * @param n the count
         * @return the options
         */
        public Options withClusters(int n) {
            return new Options(n, controlPlanes, workers, latency, bootDelay, pollInterval, store, idle);
        }
    }

    private ScaleHarness() {
    }

    /**
     * Runs the whole life of {@code o.clusters()} clusters: converge, roll, delete.
     *
     * @param o what to simulate
     * @param progress called with the phase and {done, total} while waiting; may be {@code null}
     * @return the figures, by name (see the README's Performance section)
     */
    public static Map<String, Object> run(Options o, java.util.function.BiConsumer<String, int[]> progress) {
        SimCloud cloud = SimCloud.builder().latency(o.latency()).bootDelay(o.bootDelay()).nodeReadyDelay(Duration.ZERO)
                .imageBuildDelay(Duration.ZERO).build();
        Map<String, Object> out = new LinkedHashMap<>();
        PassTimer timer = new PassTimer();
        try (Stores stores = Stores.open(o.store());
             PaletteEngine engine = PaletteEngine.builder().store(stores.clusters()).secrets(stores.secrets())
                     .discoverProviders(false).provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud))
                     .observer(timer).settings(EngineSettings.DEFAULTS.withPollInterval(o.pollInterval())).build()) {
            engine.start();
            ClusterStore store = stores.clusters();
            ClusterSpec spec = spec(o);
            List<String> ids = new ArrayList<>(o.clusters());
            long t0 = System.nanoTime();
            for (int i = 0; i < o.clusters(); i++) {
                ids.add(engine.clusters().create("sim-" + i, spec).id());
            }
            double created = seconds(t0);
            waitAll(store, ids, Cluster::isReady, "converge", progress);
            double converge = seconds(t0);
            // Each cluster's own time to Ready (from its conditions): close to converge_seconds when the clusters
            // advance in lockstep, i.e. when the engine, not the order of creation, sets the pace.
            List<Double> each = ids.stream().map(store::get).flatMap(java.util.Optional::stream)
                    .map(c -> c.status().conditions().stream().filter(k -> k.type().equals(ConditionTypes.WORKERS_READY)
                                    || k.type().equals(ConditionTypes.CONTROL_PLANE_READY))
                            .map(Condition::lastTransitionTime).max(Comparator.naturalOrder())
                            .map(t -> Duration.between(c.metadata().createdAt(), t).toMillis() / 1000.0).orElse(0.0))
                    .sorted().toList();
            long heap = usedHeap();
            double idleCpu = o.idle().isZero() ? -1 : idleCpuPercent(o.idle());

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
            double critical = criticalPathSeconds(o);
            out.put("clusters", o.clusters());
            out.put("machines", o.clusters() * (o.controlPlanes() + o.workers()));
            out.put("store", o.store());
            out.put("create_calls_seconds", round(created));
            out.put("converge_seconds", round(converge));
            out.put("cluster_converge_p50_seconds", round(each.get(each.size() / 2)));
            out.put("rollout_seconds", round(rollout));
            out.put("delete_seconds", round(delete));
            out.put("reconciles", passes);
            out.put("reconciles_per_second", round(passes / total));
            out.put("p50_reconcile_micros", timer.percentile(50));
            out.put("p99_reconcile_micros", timer.percentile(99));
            out.put("peak_heap_mib", peakHeapMib());
            out.put("heap_after_converge_mib", heap / (1024 * 1024));
            out.put("heap_per_cluster_kib", round(heap / 1024.0 / o.clusters()));
            out.put("provider_calls", cloud.totalCalls());
            out.put("critical_path_seconds", round(critical));
            out.put("efficiency", round(critical / converge));
            if (idleCpu >= 0) {
                out.put("idle_cpu_percent_of_one_core", round(idleCpu));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the scale harness failed: " + e, e);
        }
        return out;
    }

    /**
     * Runs {@code o} with N and then 2N clusters in one process and reports how converge time grows:
     * {@code linearity} = converge(2N) / converge(N), 2.0 for a perfectly linear engine.
     *
     * @param o the run with N clusters
     * @param progress as for {@link #run}
     * @return the two runs' figures and the ratio
     */
    public static Map<String, Object> linearity(Options o, java.util.function.BiConsumer<String, int[]> progress) {
        Map<String, Object> single = run(o, progress);
        Map<String, Object> twice = run(o.withClusters(2 * o.clusters()), progress);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", single);
        out.put("2n", twice);
        out.put("linearity", round((Double) twice.get("converge_seconds") / (Double) single.get("converge_seconds")));
        return out;
    }

    /**
     * The least time one cluster can take to converge on the simulated cloud, whatever the engine does: its
     * chain of dependent steps. Network, load balancer and image come first (one call each); then each
     * control-plane machine in turn (etcd members join one at a time). Workers start once the first control
     * plane machine runs, alongside the second, so they lengthen the chain only when there is a single
     * control-plane machine. Each machine step is a create call, the boot, and the call that observes it running.
     */
    static double criticalPathSeconds(Options o) {
        double call = o.latency().toNanos() / 1e9;
        double boot = o.bootDelay().toNanos() / 1e9;
        int machineSteps = o.workers() > 0 ? Math.max(o.controlPlanes(), 2) : o.controlPlanes();
        return 3 * call + machineSteps * (2 * call + boot);
    }

    /** Process CPU time used over a wall-clock window, as a percentage of one core. */
    private static double idleCpuPercent(Duration window) {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.OperatingSystemMXBean sun)) {
            return -1;
        }
        long cpu0 = sun.getProcessCpuTime();
        long t0 = System.nanoTime();
        try {
            Thread.sleep(window.toMillis()); // the measurement window of the harness, not a test timing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100.0 * (sun.getProcessCpuTime() - cpu0) / (System.nanoTime() - t0);
    }

    static ClusterSpec spec(Options o) {
        ClusterProfile p = ClusterProfile.builder().name("scale").version("1.0.0").cloudType("sim")
                .addPack(Pack.builder().name("ubuntu-sim").version("22.04").layer(Layer.OS).skipK8sInstall(true).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build()).build();
        return ClusterSpec.builder().profile(p).cloud(CloudConfig.of("sim", "sim-east-1")).controlPlane(o.controlPlanes(), "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(o.workers()).instanceType("sim.medium").build()).build();
    }

    private static void waitAll(ClusterStore store, List<String> ids, Predicate<Cluster> done, String phase,
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
