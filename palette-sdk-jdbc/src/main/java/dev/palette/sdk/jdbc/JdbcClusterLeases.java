package dev.palette.sdk.jdbc;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.store.ClusterLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Cluster leases in the {@code palette_cluster_lease} table, so that engines in several processes share
 * one database's clusters. A claim is one conditional {@code UPDATE} (taking the row if it is this
 * holder's or expired) and, when there is no row yet, an {@code INSERT} that the primary key lets only
 * one engine win — atomic on H2 and PostgreSQL alike, without holding row locks between statements.
 */
public final class JdbcClusterLeases implements ClusterLeases {
    private static final String CLAIM = "UPDATE palette_cluster_lease SET holder = ?, expires_at = ? "
            + "WHERE cluster_id = ? AND (holder = ? OR expires_at <= ?)";
    private static final String INSERT = "INSERT INTO palette_cluster_lease (cluster_id, holder, expires_at) VALUES (?, ?, ?)";

    private final DataSource ds;

    JdbcClusterLeases(DataSource ds) {
        this.ds = ds;
    }

    @Override
    public boolean tryAcquire(String clusterId, String holder, Instant now, Duration ttl) {
        Timestamp until = Timestamp.from(now.plus(ttl));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
                ps.setString(1, holder);
                ps.setTimestamp(2, until);
                ps.setString(3, clusterId);
                ps.setString(4, holder);
                ps.setTimestamp(5, Timestamp.from(now));
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, clusterId);
                ps.setString(2, holder);
                ps.setTimestamp(3, until);
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (isDuplicateKey(e)) {
                    return false; // another engine holds it, or claimed it a moment ago
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new PaletteException("cannot claim the lease of cluster " + clusterId + ": " + e.getMessage(), true, e);
        }
    }

    @Override
    public int renewAll(String holder, Instant now, Duration ttl) {
        return update("UPDATE palette_cluster_lease SET expires_at = ? WHERE holder = ? AND expires_at > ?", holder,
                Timestamp.from(now.plus(ttl)), Timestamp.from(now));
    }

    @Override
    public void release(String clusterId, String holder) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM palette_cluster_lease WHERE cluster_id = ? AND holder = ?")) {
            ps.setString(1, clusterId);
            ps.setString(2, holder);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PaletteException("cannot release the lease of cluster " + clusterId + ": " + e.getMessage(), true, e);
        }
    }

    @Override
    public void releaseAll(String holder) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM palette_cluster_lease WHERE holder = ?")) {
            ps.setString(1, holder);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PaletteException("cannot release the leases of " + holder + ": " + e.getMessage(), true, e);
        }
    }

    private int update(String sql, String holder, Timestamp until, Timestamp now) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, until);
            ps.setString(2, holder);
            ps.setTimestamp(3, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PaletteException("cannot renew the leases of " + holder + ": " + e.getMessage(), true, e);
        }
    }

    /** SQLState class 23 (integrity constraint violation): 23505 on PostgreSQL and H2. */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }
}
