package dev.palette.sdk.jdbc;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.store.ClusterChange;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.jdbc.internal.ChangeFeed;
import dev.palette.sdk.jdbc.internal.ClusterJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A {@link ClusterStore} on H2 or PostgreSQL. Each cluster is a row: the whole record as JSON
 * ({@code jsonb} on PostgreSQL) beside the columns that uniqueness and compare-and-set need; a write
 * is {@code UPDATE ... WHERE resource_version = ?} and a change row in the same transaction. The change
 * feed reads those rows by sequence, so it also reports writes made by other processes on the same
 * database: on a period, and on PostgreSQL also at once when a write's {@code NOTIFY} arrives.
 */
public final class JdbcClusterStore implements ClusterStore, AutoCloseable {

    private final DataSource ds;
    private final JdbcStores.Dialect dialect;
    private final ChangeFeed feed;

    JdbcClusterStore(DataSource ds, JdbcStores.Dialect dialect, Duration pollInterval) {
        this.ds = ds;
        this.dialect = dialect;
        this.feed = new ChangeFeed(ds, pollInterval, dialect == JdbcStores.Dialect.POSTGRESQL);
    }

    private String docParam() {
        return dialect == JdbcStores.Dialect.POSTGRESQL ? "CAST(? AS jsonb)" : "?";
    }

    @Override
    public Optional<Cluster> get(String id) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT doc FROM palette_cluster WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(ClusterJson.fromJson(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read cluster " + id, e);
        }
    }

    @Override
    public Cluster create(Cluster cluster) {
        ClusterMetadata m = cluster.metadata();
        Cluster stored = cluster.withMetadata(m.withResourceVersion(1));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO palette_cluster (id, tenant, project, name, "
                    + "resource_version, doc) VALUES (?, ?, ?, ?, 1, " + docParam() + ")")) {
                ps.setString(1, m.id());
                ps.setString(2, m.tenant());
                ps.setString(3, m.project());
                ps.setString(4, m.name());
                ps.setString(5, ClusterJson.toJson(stored));
                ps.executeUpdate();
                change(c, m.id(), ClusterChange.Type.CREATED, 1);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (isUniqueViolation(e)) {
                    throw new ConflictException(get(m.id()).isPresent() ? "a cluster with id '" + m.id() + "' already exists"
                            : "a cluster named '" + m.name() + "' already exists in project '" + m.project() + "'");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure("create cluster " + m.id(), e);
        }
        return stored;
    }

    @Override
    public Cluster update(Cluster cluster) {
        String id = cluster.id();
        long expected = cluster.metadata().resourceVersion();
        Cluster stored = cluster.withMetadata(cluster.metadata().withResourceVersion(expected + 1));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE palette_cluster SET resource_version = ?, doc = "
                    + docParam() + " WHERE id = ? AND resource_version = ? AND tenant = ? AND project = ? AND name = ?")) {
                ps.setLong(1, expected + 1);
                ps.setString(2, ClusterJson.toJson(stored));
                ps.setString(3, id);
                ps.setLong(4, expected);
                ps.setString(5, cluster.metadata().tenant());
                ps.setString(6, cluster.metadata().project());
                ps.setString(7, cluster.metadata().name());
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    throw whyNotWritten(c, cluster, expected);
                }
                change(c, id, ClusterChange.Type.UPDATED, expected + 1);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("update cluster " + id, e);
        }
        return stored;
    }

    private PaletteException whyNotWritten(Connection c, Cluster cluster, long expected) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT resource_version, tenant, project, name FROM palette_cluster WHERE id = ?")) {
            ps.setString(1, cluster.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new NotFoundException("cluster '" + cluster.id() + "' not found");
                }
                if (!rs.getString(2).equals(cluster.metadata().tenant()) || !rs.getString(3).equals(cluster.metadata().project())
                        || !rs.getString(4).equals(cluster.metadata().name())) {
                    return new ValidationException("metadata.name", "name, tenant and project of a cluster cannot change");
                }
                return new ConflictException("cluster '" + cluster.id() + "' is at resource version " + rs.getLong(1)
                        + ", the write was based on " + expected);
            }
        }
    }

    @Override
    public void delete(String id, long expectedResourceVersion) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM palette_cluster WHERE id = ? AND resource_version = ?")) {
                ps.setString(1, id);
                ps.setLong(2, expectedResourceVersion);
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    Optional<Cluster> now = get(id);
                    if (now.isPresent()) {
                        throw new ConflictException("cluster '" + id + "' is at resource version "
                                + now.get().metadata().resourceVersion() + ", the delete was based on " + expectedResourceVersion);
                    }
                    return;
                }
                change(c, id, ClusterChange.Type.DELETED, expectedResourceVersion);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure("delete cluster " + id, e);
        }
    }

    @Override
    public List<Cluster> list(ClusterQuery q) {
        StringBuilder sql = new StringBuilder("SELECT doc FROM palette_cluster WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        q.tenant().ifPresent(t -> {
            sql.append(" AND tenant = ?");
            params.add(t);
        });
        q.project().ifPresent(p -> {
            sql.append(" AND project = ?");
            params.add(p);
        });
        q.afterId().ifPresent(a -> {
            sql.append(" AND id > ?");
            params.add(a);
        });
        sql.append(" ORDER BY id LIMIT ").append(q.limit());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            List<Cluster> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(ClusterJson.fromJson(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("list clusters", e);
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<ClusterChange> listener) {
        return feed.subscribe(listener);
    }

    private void change(Connection c, String id, ClusterChange.Type type, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO palette_cluster_change (cluster_id, change_type, resource_version) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, type.name());
            ps.setLong(3, version);
            ps.executeUpdate();
        }
        if (dialect == JdbcStores.Dialect.POSTGRESQL) {
            // Delivered when this transaction commits; repeats within one transaction are folded by PostgreSQL.
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('palette_cluster_change', '')")) {
                ps.execute();
            }
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    static PaletteException failure(String what, SQLException e) {
        return new PaletteException("cannot " + what + ": " + e.getMessage(), true, e);
    }

    /** Stops following the change feed. */
    @Override
    public void close() {
        feed.close();
    }
}
