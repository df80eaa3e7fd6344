package dev.palette.sdk.jdbc;

import dev.palette.sdk.api.store.ClusterLeases;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.testkit.store.ClusterLeasesContractTest;
import dev.palette.sdk.testkit.store.ClusterStoreContractTest;
import dev.palette.sdk.testkit.store.SecretStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The JDBC stores pass the store contracts on H2 and on PostgreSQL. */
class JdbcStoreContractTest {

    /** One database for a nested suite: H2 in memory, or a fresh PostgreSQL schema dropped afterwards. */
    static final class Db implements AutoCloseable {
        private final String schema;
        private final JdbcStores stores;

        private Db(String schema, JdbcStores stores) {
            this.schema = schema;
            this.stores = stores;
        }

        static Db h2() {
            return new Db(null, Databases.h2());
        }

        static Db postgres() {
            String schema = Databases.pgSchema();
            return new Db(schema, Databases.pg(schema));
        }

        JdbcStores stores() {
            return stores;
        }

        @Override
        public void close() {
            stores.close();
            if (schema != null) {
                Databases.dropPg(schema);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2Clusters extends ClusterStoreContractTest {
        private final Db db = Db.h2();

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected ClusterStore store() {
            return db.stores().clusters();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2Secrets extends SecretStoreContractTest {
        private final Db db = Db.h2();

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected SecretStore store() {
            return db.stores().secrets();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2Leases extends ClusterLeasesContractTest {
        private final Db db = Db.h2();

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected ClusterLeases leases() {
            return db.stores().leases();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgresClusters extends ClusterStoreContractTest {
        private final Db db = Db.postgres();

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected ClusterStore store() {
            return db.stores().clusters();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgresSecrets extends SecretStoreContractTest {
        private final Db db = Db.postgres();

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected SecretStore store() {
            return db.stores().secrets();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgresLeases extends ClusterLeasesContractTest {
        private final Db db = Db.postgres();

        @AfterAll
        void close() {
            db.close();
        }

        @Override
        protected ClusterLeases leases() {
            return db.stores().leases();
        }
    }
}
