package dev.palette.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine on PostgreSQL: a cluster converges, survives an engine restart, and deletes. */
class JdbcEngineTest {
    static ClusterSpec spec() {
        return dev.palette.sdk.testkit.SimSpecs.spec(1, 2);
    }

    private static PaletteEngine engine(VirtualClock clock, SimCloud cloud, JdbcStores stores) {
        return PaletteEngine.builder().clock(clock).store(stores.clusters()).secrets(stores.secrets()).discoverProviders(false)
                .provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud))
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10))).build();
    }

    @Test
    void aClusterOnPostgresConvergesSurvivesARestartAndDeletes() {
        String schema = Databases.pgSchema();
        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimCloud.builder().time(clock).latency(Duration.ofMillis(200)).bootDelay(Duration.ofSeconds(40)).build();
        SecretKeyRing keys = Databases.keys();
        try (JdbcStores stores = Databases.pg(schema, keys)) {
            String id;
            try (PaletteEngine first = engine(clock, cloud, stores)) {
                first.start();
                id = first.clusters().create("pg", spec()).id();
                SimHarness.runUntil(first, clock, () -> first.clusters().get(id).isReady(), Duration.ofHours(1));
                assertThat(stores.secrets().keys("clusters/" + id + "/")).contains("clusters/" + id + "/pki/ca");
            }
            try (JdbcStores reopened = Databases.pg(schema, keys); PaletteEngine second = engine(clock, cloud, reopened)) {
                second.start();
                Cluster c = second.clusters().get(id);
                assertThat(c.isReady()).isTrue();
                assertThat(c.status().machines()).hasSize(3);
                second.clusters().scaleWorkerPool(id, "workers", 3);
                SimHarness.runUntil(second, clock, () -> second.clusters().get(id).isReady()
                        && second.clusters().get(id).status().machines("workers").size() == 3, Duration.ofHours(1));
                assertThat(cloud.machines(id)).extracting(MachineInfo::machineName).hasSize(4);
                second.clusters().delete(id);
                SimHarness.runUntil(second, clock, () -> second.clusters().find(id).isEmpty(), Duration.ofHours(1));
                assertThat(cloud.leftovers(id)).isEmpty();
                assertThat(reopened.secrets().keys("clusters/" + id + "/")).isEmpty();
            }
        } finally {
            Databases.dropPg(schema);
        }
    }
}
