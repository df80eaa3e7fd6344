package dev.palette.sdk.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.pack.DirectoryPackRegistry;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pack with a Helm chart, read from a pack folder, rendered with the profile's values and applied by the engine. */
class ChartPackEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void theEngineAppliesAChartPackRenderedWithItsMergedValues() throws IOException {
        Path pack = Files.createDirectories(tmp.resolve("packs/greeter-0.1.0"));
        Files.createDirectories(pack.resolve("charts"));
        Files.write(pack.resolve("charts/greeter-0.1.0.tgz"), HelmChartRendererTest.greeterChart(tmp, HelmChartRendererTest.TEMPLATE));
        Files.writeString(pack.resolve("pack.json"), """
                {"name": "greeter", "version": "0.1.0", "layer": "addon", "cloudTypes": ["all"],
                 "charts": ["charts/greeter-0.1.0.tgz"]}
                """);
        Files.writeString(pack.resolve("values.yaml"), "pack:\n  namespace: greeting\ncharts:\n  greeter:\n    greeting: bonjour\n");
        DirectoryPackRegistry registry = DirectoryPackRegistry.open("local", tmp.resolve("packs"));
        Pack greeter = registry.get("greeter", "0.1.0").orElseThrow();

        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimCloud.builder().time(clock).build();
        ClusterProfile profile = ClusterProfile.builder().name("charts").version("1.0.0").cloudType("sim")
                .addPack(Pack.builder().name("ubuntu-sim").version("22.04").layer(Layer.OS).skipK8sInstall(true).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .addPack(greeter).build();
        ClusterSpec spec = ClusterSpec.builder().profile(profile).cloud(CloudConfig.of("sim", "sim-east-1")).controlPlane(1, "sim.large")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(1).instanceType("sim.medium").build()).build();
        try (PaletteEngine engine = PaletteEngine.builder().clock(clock).discoverProviders(false).provider(new SimProvider(cloud))
                .workloadAccess(new SimWorkloadClusterAccess(cloud)).packRegistry(registry).chartRenderer(new HelmChartRenderer())
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10))).build()) {
            engine.start();
            Cluster c = engine.clusters().create("charted", spec);
            SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));

            assertThat(engine.clusters().get(c.id()).status().condition(ConditionTypes.ADDONS_READY)).hasValueSatisfying(a ->
                    assertThat(a.message()).isEqualTo("1 add-on pack(s) applied: greeter 0.1.0"));
            assertThat(cloud.addons().objects(c.id())).isEqualTo(Map.of("greeter", List.of("ConfigMap greeting/greeter-greeting")));
        }
    }
}
