package dev.palette.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.EngineObserver;
import dev.palette.sdk.core.time.TimeSource;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Three engines, each with its own connection pool as separate processes would have, share one PostgreSQL
 * database's 60 clusters through leases. One engine stops abruptly mid-provisioning (its connections
 * drop, so it neither finishes nor gives up its leases); the other two take its clusters over once the
 * leases expire. Runs on real time with short delays; waits are bounded with Awaitility.
 */
class SeveralEnginesTest {
    private static final int CLUSTERS = 60;
    private static final Duration LEASE_TTL = Duration.ofSeconds(2);

    /** Who is reconciling what right now, and every time two engines were at once. */
    private static final class OwnershipLog {
        private final Map<String, String> inPass = new ConcurrentHashMap<>();
        private final Map<String, Set<String>> reconciledBy = new ConcurrentHashMap<>();
        private final List<String> overlaps = new CopyOnWriteArrayList<>();

        EngineObserver of(String engine) {
            return new EngineObserver() {
                @Override
                public void passStarted(String clusterId) {
                    String other = inPass.putIfAbsent(clusterId, engine);
                    if (other != null) {
                        overlaps.add(clusterId + ": " + engine + " started while " + other + " was in a pass");
                    }
                    reconciledBy.computeIfAbsent(clusterId, k -> ConcurrentHashMap.newKeySet()).add(engine);
                }

                @Override
                public void passFinished(String clusterId, ReconcileResult result, Throwable error) {
                    inPass.remove(clusterId, engine);
                }
            };
        }

        /** A process that exited reconciles nothing: its unfinished passes end with it. */
        void died(String engine) {
            inPass.values().removeIf(engine::equals);
        }

        long clustersOf(String engine) {
            return reconciledBy.values().stream().filter(s -> s.contains(engine)).count();
        }
    }

    private static PaletteEngine engine(String id, JdbcStores stores, SimCloud cloud, OwnershipLog log) {
        return PaletteEngine.builder().engineId(id).store(stores.clusters()).secrets(stores.secrets()).discoverProviders(false)
                .provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud))
                .leases(stores.leases(), LEASE_TTL).observer(log.of(id))
                .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(100))
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500)).withResyncPeriod(Duration.ofSeconds(5)))
                .build();
    }

    @Test
    void threeEnginesShareSixtyClustersAndTwoFinishTheWorkOfOneThatDied() {
        String schema = Databases.pgSchema();
        SecretKeyRing keys = Databases.keys();
        SimCloud cloud = SimCloud.builder().time(TimeSource.system()).latency(Duration.ofMillis(5))
                .bootDelay(Duration.ofMillis(300)).nodeReadyDelay(Duration.ofMillis(100)).build();
        OwnershipLog log = new OwnershipLog();
        List<JdbcStores> stores = new ArrayList<>();
        List<PaletteEngine> engines = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                JdbcStores s = Databases.pg(schema, keys);
                stores.add(s);
                engines.add(engine("engine-" + i, s, cloud, log));
            }
            engines.forEach(PaletteEngine::start);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CLUSTERS; i++) {
                ids.add(engines.get(i % 3).clusters().create("c" + i, JdbcEngineTest.spec()).id());
            }
            // Let the third engine take its share, then cut it off mid-provisioning.
            await().atMost(Duration.ofSeconds(60)).until(() -> log.clustersOf("engine-3") >= 5);
            assertThat(stores.get(0).clusters().list(ClusterQuery.all()).stream().filter(Cluster::isReady).count())
                    .as("still provisioning when the engine dies").isLessThan(CLUSTERS);
            stores.get(2).close(); // its connections drop: no more writes, no lease released
            engines.get(2).close();
            log.died("engine-3");

            await().atMost(Duration.ofSeconds(120)).until(() -> stores.get(0).clusters().list(ClusterQuery.all()).stream()
                    .filter(Cluster::isReady).count() == CLUSTERS);
            for (String id : ids) {
                assertThat(cloud.duplicates(id)).as("no machine made twice in " + id).isEmpty();
                assertThat(cloud.machines(id)).as("nothing leaked in " + id).hasSize(3);
            }
            assertThat(log.overlaps).as("one engine at a time per cluster").isEmpty();
            assertThat(log.clustersOf("engine-1") + log.clustersOf("engine-2")).as("the survivors took over")
                    .isGreaterThanOrEqualTo(CLUSTERS);
            assertThat(log.clustersOf("engine-1")).isPositive();
            assertThat(log.clustersOf("engine-2")).isPositive();
        } finally {
            engines.forEach(PaletteEngine::close);
            stores.forEach(JdbcStores::close);
            Databases.dropPg(schema);
        }
    }
}
