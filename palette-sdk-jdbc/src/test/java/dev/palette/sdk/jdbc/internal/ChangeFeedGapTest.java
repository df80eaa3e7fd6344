package dev.palette.sdk.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.store.ClusterChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A change whose sequence number was taken before a later one committed is still delivered: the feed
 * remembers the gap and asks for it again.
 */
class ChangeFeedGapTest {
    private static void insert(Connection c, String id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO palette_cluster_change (cluster_id, change_type, resource_version) VALUES (?, 'UPDATED', 2)")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    @Test
    void aLateCommitOfAnEarlierSequenceNumberIsNotLost() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:dev/palette/sdk/jdbc/migration/h2")
                .table("palette_schema_history").load().migrate();
        List<String> heard = new CopyOnWriteArrayList<>();
        try (ChangeFeed feed = new ChangeFeed(ds, Duration.ofHours(1), false);
             AutoCloseable sub = feed.subscribe(ch -> heard.add(ch.clusterId()));
             Connection slow = ds.getConnection(); Connection fast = ds.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, "first-numbered"); // takes the lower number, commits later
            insert(fast, "second-numbered");
            feed.poll();
            assertThat(heard).containsExactly("second-numbered");
            slow.commit();
            feed.poll();
            assertThat(heard).containsExactly("second-numbered", "first-numbered");
            feed.poll();
            assertThat(heard).as("each change once").hasSize(2);
        }
    }
}
