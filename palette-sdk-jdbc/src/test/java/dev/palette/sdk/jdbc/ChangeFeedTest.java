package dev.palette.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.store.ClusterChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The change feed on PostgreSQL: another process's write arrives by NOTIFY, long before the next poll. */
class ChangeFeedTest {
    private static Cluster cluster(String id) {
        return new Cluster(new ClusterMetadata(id, id, "", "", Map.of(), 0, 1, Instant.parse("2026-01-01T00:00:00Z"),
                Optional.empty()), JdbcEngineTest.spec(), ClusterStatus.INITIAL);
    }

    @Test
    void aWriteByAnotherProcessIsHeardAtOnceThroughNotify() throws Exception {
        String schema = Databases.pgSchema();
        SecretKeyRing keys = Databases.keys();
        String url = Databases.PG_URL + "?currentSchema=" + schema;
        try (JdbcStores writer = Databases.pg(schema, keys);
             JdbcStores watcher = JdbcStores.builder().url(url).user(Databases.PG_USER).secretKeys(keys)
                     .pollInterval(Duration.ofHours(1)).poolSize(2).build()) {
            List<ClusterChange> heard = new CopyOnWriteArrayList<>();
            try (AutoCloseable sub = watcher.clusters().subscribe(heard::add)) {
                writer.clusters().create(cluster("c-notify-1"));
                await().atMost(Duration.ofSeconds(10)).until(() -> !heard.isEmpty());
                assertThat(heard).extracting(ClusterChange::clusterId).containsExactly("c-notify-1");
                assertThat(heard.get(0).type()).isEqualTo(ClusterChange.Type.CREATED);
            }
        } finally {
            Databases.dropPg(schema);
        }
    }
}
