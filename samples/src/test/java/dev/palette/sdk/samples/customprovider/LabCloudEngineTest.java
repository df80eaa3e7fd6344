package dev.palette.sdk.samples.customprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample plug-in under a real engine: provision, scale, quota failure and recovery, delete. */
class LabCloudEngineTest {
    private static Pack pack(String name, String version, Layer layer) {
        return Pack.builder().name(name).version(version).layer(layer).build();
    }

    private static ClusterSpec spec(int workers) {
        ClusterProfile profile = ClusterProfile.builder().name("lab").version("1.0.0").cloudType("lab")
                .addPack(pack("ubuntu", "22.04", Layer.OS)).addPack(pack("kubernetes", "1.33.6", Layer.KUBERNETES))
                .addPack(pack("cni-calico", "3.31.2", Layer.CNI)).build();
        return ClusterSpec.builder().profile(profile).cloud(CloudConfig.of(LabCloudProvider.ID, "lab-1"))
                .controlPlane(1, "small")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(workers).instanceType("small").build()).build();
    }

    @Test
    void provisionsScalesRecoversFromQuotaAndDeletesLeavingNothing() {
        LabCloudApi lab = new LabCloudApi(2);
        try (PaletteEngine engine = PaletteEngine.builder().discoverProviders(false).provider(new LabCloudProvider(lab))
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(20))
                        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(200))).build()) {
            engine.start();
            Cluster c = engine.clusters().create("lab-demo", spec(2));

            // Room for 2 of 3 machines: the workers' condition fails with the lab cloud's own message.
            Cluster failing = engine.clusters().await(c.id(), x -> x.status().condition(ConditionTypes.WORKERS_READY)
                    .filter(Condition::isFailed).isPresent(), Duration.ofSeconds(30));
            Condition workers = failing.status().condition(ConditionTypes.WORKERS_READY).orElseThrow();
            assertThat(workers.reason()).isEqualTo("QuotaExceeded");
            assertThat(workers.message()).isEqualTo("lab cloud is full: 2 of 2 VMs in use");

            lab.setCapacity(10);
            Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, Duration.ofSeconds(30));
            assertThat(ready.status().machines()).hasSize(3);
            assertThat(ready.status().condition(ConditionTypes.WORKERS_READY).orElseThrow().isTrue()).isTrue();
            assertThat(engine.events().list(c.id())).extracting(ClusterEvent::reason).contains("QuotaExceeded", "ClusterReady");

            engine.clusters().scaleWorkerPool(c.id(), "workers", 4);
            Cluster scaled = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 4,
                    Duration.ofSeconds(30));
            assertThat(lab.findVms(Map.of(ResourceTags.CLUSTER_ID, c.id()))).hasSize(5);
            assertThat(scaled.metadata().generation()).isEqualTo(2);

            engine.clusters().delete(c.id());
            engine.clusters().awaitDeleted(c.id(), Duration.ofSeconds(30));
            assertThat(lab.findVms(Map.of(ResourceTags.CLUSTER_ID, c.id()))).isEmpty();
            assertThat(lab.networkCount()).isZero();
            assertThat(engine.clusters().list(dev.palette.sdk.api.store.ClusterQuery.all())).isEmpty();
        }
    }

    @Test
    void theEngineFindsThePlugInWithServiceLoader() {
        try (PaletteEngine engine = PaletteEngine.builder().build()) {
            assertThat(engine.providers().ids()).contains(LabCloudProvider.ID);
            assertThat(engine.providers().get(LabCloudProvider.ID)).isInstanceOf(LabCloudProvider.class);
        }
    }

}
