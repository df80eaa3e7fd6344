package dev.palette.sdk.testkit.engine;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;

/** Specs and engines for the simulated end-to-end tests. */
final class SimClusters {
    private SimClusters() {
    }

    static ClusterProfile profile() {
        return ClusterProfile.builder().name("sim-base").version("1.0.0").cloudType("sim")
                .addPack(Pack.builder().name("ubuntu-sim").version("22.04").layer(Layer.OS).skipK8sInstall(true).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .addPack(Pack.builder().name("csi-sim").version("1.0.0").layer(Layer.CSI).build())
                .build();
    }

    static ClusterSpec spec(int controlPlanes, int workers) {
        return ClusterSpec.builder().profile(profile()).cloud(CloudConfig.of("sim", "sim-east-1"))
                .controlPlane(controlPlanes, "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(workers).instanceType("sim.medium")
                        .zones(List.of("sim-east-1a", "sim-east-1b", "sim-east-1c")).build())
                .build();
    }

    static SimCloud cloud(VirtualClock clock) {
        return SimCloud.builder().time(clock).latency(Duration.ofMillis(200)).bootDelay(Duration.ofSeconds(40))
                .nodeReadyDelay(Duration.ofSeconds(20)).build();
    }

    static PaletteEngine engine(VirtualClock clock, SimCloud cloud, ClusterStore store, SecretStore secrets) {
        return PaletteEngine.builder().clock(clock).store(store).secrets(secrets).discoverProviders(false)
                .provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud))
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10)).withBackoff(
                        Duration.ofMillis(5), Duration.ofSeconds(60)))
                .build();
    }

    /** Starts the engine and creates a cluster, running virtual time until it is Ready. */
    static Cluster startAndProvision(PaletteEngine engine, VirtualClock clock, String name, ClusterSpec spec) {
        engine.start();
        Cluster c = engine.clusters().create(name, spec);
        SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
        return engine.clusters().get(c.id());
    }
}
