package dev.palette.sdk.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/** The databases the JDBC tests run on: H2 in memory, and the machine's PostgreSQL in a fresh schema. */
final class Databases {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = "postgres";

    private Databases() {
    }

    static SecretKeyRing keys() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return SecretKeyRing.of("k1", k);
    }

    static JdbcStores h2() {
        return JdbcStores.builder().url("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").secretKeys(keys())
                .pollInterval(java.time.Duration.ofMillis(50)).build();
    }

    /** A fresh schema on the local PostgreSQL; fails (CI) or skips (elsewhere) with a clear message when it is absent. */
    static String pgSchema() {
        String schema = "palette_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            return schema;
        } catch (SQLException e) {
            String msg = "PostgreSQL not reachable on 127.0.0.1:5432 (database test, user postgres) — the JDBC store tests need it: "
                    + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                fail(msg);
            }
            System.out.println(msg + "; skipping");
            Assumptions.abort(msg);
            return null;
        }
    }

    static JdbcStores pg(String schema) {
        return pg(schema, keys());
    }

    static JdbcStores pg(String schema, SecretKeyRing keys) {
        return JdbcStores.builder().url(PG_URL + "?currentSchema=" + schema).user(PG_USER).secretKeys(keys)
                .pollInterval(java.time.Duration.ofMillis(50)).poolSize(4).build();
    }

    static void dropPg(String schema) {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            System.out.println("could not drop test schema " + schema + ": " + e.getMessage());
        }
    }
}
