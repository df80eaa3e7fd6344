package dev.palette.sdk.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Builds the JDBC stores on one database: migrates the schema with Flyway (H2 or PostgreSQL), pools
 * connections with HikariCP (unless the host passes its own {@link DataSource}), and hands out a
 * {@link JdbcClusterStore} and a {@link JdbcSecretStore}. Close it to stop the change-feed poller and
 * the pool it made.
 *
 * <pre>{@code
 * JdbcStores stores = JdbcStores.builder().url("jdbc:postgresql://127.0.0.1:5432/palette").user("palette")
 *         .secretKeys(SecretKeyRing.of("k1", aesKey)).build();
 * PaletteEngine engine = PaletteEngine.builder().store(stores.clusters()).secrets(stores.secrets()).build();
 * }</pre>
 */
public final class JdbcStores implements AutoCloseable {
    private final HikariDataSource ownPool;
    private final JdbcClusterStore clusters;
    private final JdbcSecretStore secrets;
    private final JdbcClusterLeases leases;

    private JdbcStores(Builder b) {
        DataSource ds = b.dataSource;
        HikariDataSource pool = null;
        if (ds == null) {
            HikariConfig cfg = new HikariConfig();
            cfg.setJdbcUrl(Objects.requireNonNull(b.url, "url or dataSource is required"));
            if (b.user != null) {
                cfg.setUsername(b.user);
            }
            if (b.password != null) {
                cfg.setPassword(b.password);
            }
            cfg.setMaximumPoolSize(b.poolSize);
            cfg.setPoolName("palette-jdbc");
            pool = new HikariDataSource(cfg);
            ds = pool;
        }
        this.ownPool = pool;
        Dialect dialect = Dialect.of(ds);
        Flyway.configure().dataSource(ds).locations("classpath:dev/palette/sdk/jdbc/migration/" + dialect.folder())
                .table("palette_schema_history").baselineOnMigrate(true).load().migrate();
        this.clusters = new JdbcClusterStore(ds, dialect, b.pollInterval);
        this.secrets = new JdbcSecretStore(ds, Objects.requireNonNull(b.keys, "secretKeys is required"));
        this.leases = new JdbcClusterLeases(ds);
    }

    /**
     * A new builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The cluster store.
     *
     * @return the store
     */
    public JdbcClusterStore clusters() {
        return clusters;
    }

    /**
     * The secret store.
     *
     * @return the store
     */
    public JdbcSecretStore secrets() {
        return secrets;
    }

    /**
     * The cluster leases, for several engines sharing this database
     * ({@code PaletteEngine.builder().leases(stores.leases(), ttl)}).
     *
     * @return the leases
     */
    public JdbcClusterLeases leases() {
        return leases;
    }

    /** Stops the change-feed poller and closes the pool this object made (not a host's data source). */
    @Override
    public void close() {
        clusters.close();
        if (ownPool != null) {
            ownPool.close();
        }
    }

    /** The SQL dialects the stores speak. */
    enum Dialect {
        H2("h2"),
        POSTGRESQL("postgresql");

        private final String folder;

        Dialect(String folder) {
            this.folder = folder;
        }

        String folder() {
            return folder;
        }

        static Dialect of(DataSource ds) {
            try (Connection c = ds.getConnection()) {
                String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
                if (product.contains("postgres")) {
                    return POSTGRESQL;
                }
                if (product.contains("h2")) {
                    return H2;
                }
                throw new IllegalArgumentException("unsupported database '" + product + "' (supported: H2, PostgreSQL)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot connect to the database: " + e.getMessage(), e);
            }
        }
    }

    /** Builds {@link JdbcStores}. */
    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private DataSource dataSource;
        private SecretKeyRing keys;
        private int poolSize = 8;
        private Duration pollInterval = Duration.ofMillis(250);

        private Builder() {
        }

        /**
         * The JDBC URL ({@code jdbc:h2:mem:x}, {@code jdbc:h2:file:/var/palette/db}, {@code jdbc:postgresql://...}).
         *
         * @param v the URL
         * @return this builder
         */
        public Builder url(String v) {
            this.url = v;
            return this;
        }

        /**
         * The database user.
         *
         * @param v the user
         * @return this builder
         */
        public Builder user(String v) {
            this.user = v;
            return this;
        }

        /**
         * The database password.
         *
         * @param v the password
         * @return this builder
         */
        public Builder password(String v) {
            this.password = v;
            return this;
        }

        /**
         * A data source of the host's instead of a URL; the host keeps owning it.
         *
         * @param v the data source
         * @return this builder
         */
        public Builder dataSource(DataSource v) {
            this.dataSource = v;
            return this;
        }

        /**
         * The keys secrets are encrypted with (required).
         *
         * @param v the key ring
         * @return this builder
         */
        public Builder secretKeys(SecretKeyRing v) {
            this.keys = v;
            return this;
        }

        /**
         * The connection pool size when a URL is given (default 8).
         *
         * @param v the size
         * @return this builder
         */
        public Builder poolSize(int v) {
            this.poolSize = v;
            return this;
        }

        /**
         * How often the change feed is polled for writes by other processes (default 250 ms).
         *
         * @param v the interval
         * @return this builder
         */
        public Builder pollInterval(Duration v) {
            this.pollInterval = v;
            return this;
        }

        /**
         * Migrates the schema and builds the stores.
         *
         * @return the stores
         */
        public JdbcStores build() {
            return new JdbcStores(this);
        }
    }
}
