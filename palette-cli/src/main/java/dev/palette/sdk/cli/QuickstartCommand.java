package dev.palette.sdk.cli;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.store.ClusterChange;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.samples.SamplePacks;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Creates a cluster of 3 control-plane and 3 worker machines from the sample profile on the simulated
 * cloud, shows its conditions and events live, scales the workers to 5, prints the final conditions and
 * events, then deletes it and checks that nothing is left in the cloud.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Create, scale and delete a cluster on the built-in simulated cloud, showing every step.")
public final class QuickstartCommand implements Callable<Integer> {
    @Option(names = "--workers", defaultValue = "3", description = "Initial worker count (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--scale-to", defaultValue = "5", description = "Worker count to scale to (default ${DEFAULT-VALUE}).")
    int scaleTo;

    @Option(names = "--timeout", defaultValue = "PT2M", description = "Give up after this long per phase (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--keep", description = "Keep the cluster at the end instead of deleting it (with --store, it is "
            + "there on the next run: palette clusters --store).")
    boolean keep;

    @picocli.CommandLine.Mixin
    StoreOptions storeOptions;

    private final PrintStream out = System.out;
    private long startNanos;

    @Override
    public Integer call() throws Exception {
        startNanos = System.nanoTime();
        SimCloud cloud = SimCloud.builder().build();
        ClusterProfile profile = SamplePacks.quickstartProfile();
        try (StoreOptions.Stores stores = storeOptions.open();
             PaletteEngine engine = PaletteEngine.builder().store(stores.clusters()).secrets(stores.secrets())
                     .provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud)).build()) {
            ClusterStore store = stores.clusters();
            engine.start();
            say("providers: " + String.join(", ", engine.providers().ids()));
            say("profile " + profile.name() + " " + profile.version() + ": " + String.join(" → ",
                    profile.packs().stream().map(p -> p.layer().packJsonName() + " " + p.name() + " " + p.version()).toList()));
            ClusterSpec spec = ClusterSpec.builder().profile(profile).cloud(CloudConfig.of("sim", "sim-east-1"))
                    .controlPlane(3, "sim.large")
                    .addWorkerPool(MachinePoolSpec.builder().name("workers").count(workers).instanceType("sim.medium")
                            .zones(List.of("sim-east-1a", "sim-east-1b", "sim-east-1c")).build())
                    .build();
            // A kept cluster stays in a persistent store: later runs need names of their own.
            String name = storeOptions.persistent() ? "quickstart-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36)
                    : "quickstart";
            Cluster cluster = engine.clusters().create(name, spec);
            String id = cluster.id();
            say("created cluster " + name + " (" + id + ")" + (storeOptions.persistent() ? " in " + storeOptions.url() : ""));
            try (AutoCloseable conditions = store.subscribe(new ConditionPrinter(store, id));
                 AutoCloseable events = engine.events().subscribe(e -> {
                     if (e.clusterId().equals(id) && e.count() == 1) {
                         say("  event  " + (e.severity() == ClusterEvent.Severity.WARNING ? "WARNING " : "") + e.reason() + ": " + e.message());
                     }
                 })) {
                Cluster ready = engine.clusters().await(id, Cluster::isReady, timeout);
                say("cluster ready: " + ready.status().machines().size() + " machines, endpoint " + ready.status().endpoint());

                say("scaling workers " + workers + " → " + scaleTo);
                engine.clusters().scaleWorkerPool(id, "workers", scaleTo);
                Cluster scaled = engine.clusters().await(id, c -> c.isReady() && c.status().machines("workers").size() == scaleTo, timeout);

                out.println();
                out.println("Final conditions:");
                for (Condition c : scaled.status().conditions()) {
                    out.println("  " + c.summary());
                }
                out.println("Machines:");
                scaled.status().machines().forEach(m -> out.println("  " + m.name() + "  " + m.role() + "  " + m.phase()
                        + "  " + m.zone() + "  " + m.instanceType()));
                out.println("Events:");
                for (ClusterEvent e : engine.events().list(id)) {
                    out.println("  " + e.summary());
                }
                out.println();

                if (keep) {
                    say("keeping the cluster" + (storeOptions.persistent() ? "; see it with: palette clusters --store "
                            + storeOptions.url() : " (in memory: it ends with this command)"));
                    return 0;
                }
                say("deleting the cluster");
                engine.clusters().delete(id);
                engine.clusters().awaitDeleted(id, timeout);
            }
            List<String> left = cloud.leftovers(id);
            say("deleted; resources left in the cloud: " + (left.isEmpty() ? "none" : left));
            return left.isEmpty() ? 0 : 1;
        }
    }

    private void say(String line) {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        out.printf("[%5.1fs] %s%n", ms / 1000.0, line);
    }

    /** Prints a cluster's conditions whenever one of them changes. */
    private final class ConditionPrinter implements java.util.function.Consumer<ClusterChange> {
        private final ClusterStore store;
        private final String id;
        private final Map<String, String> last = new ConcurrentHashMap<>();

        ConditionPrinter(ClusterStore store, String id) {
            this.store = store;
            this.id = id;
        }

        @Override
        public void accept(ClusterChange change) {
            if (!change.clusterId().equals(id)) {
                return;
            }
            store.get(id).ifPresent(c -> {
                for (Condition cond : c.status().conditions()) {
                    String line = cond.summary();
                    if (!line.equals(last.put(cond.type(), line))) {
                        say("  condition " + line);
                    }
                }
            });
        }
    }
}
