package dev.palette.sdk.jdbc;

import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.testkit.store.ClusterStoreContractTest;
import dev.palette.sdk.testkit.store.SecretStoreContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The JDBC stores pass the same store contracts as the in-memory ones, on H2 and on PostgreSQL. */
class JdbcStoreContractTest {

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2Clusters extends ClusterStoreContractTest {
        private JdbcStores stores;

        @BeforeAll
        void open() {
            stores = Databases.h2();
        }

        @AfterAll
        void close() {
            stores.close();
        }

        @Override
        protected ClusterStore store() {
            return stores.clusters();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class H2Secrets extends SecretStoreContractTest {
        private JdbcStores stores;

        @BeforeAll
        void open() {
            stores = Databases.h2();
        }

        @AfterAll
        void close() {
            stores.close();
        }

        @Override
        protected SecretStore store() {
            return stores.secrets();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgresClusters extends ClusterStoreContractTest {
        private String schema;
        private JdbcStores stores;

        @BeforeAll
        void open() {
            schema = Databases.pgSchema();
            stores = Databases.pg(schema);
        }

        @AfterAll
        void close() {
            if (stores != null) {
                stores.close();
            }
            if (schema != null) {
                Databases.dropPg(schema);
            }
        }

        @Override
        protected ClusterStore store() {
            return stores.clusters();
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgresSecrets extends SecretStoreContractTest {
        private String schema;
        private JdbcStores stores;

        @BeforeAll
        void open() {
            schema = Databases.pgSchema();
            stores = Databases.pg(schema);
        }

        @AfterAll
        void close() {
            if (stores != null) {
                stores.close();
            }
            if (schema != null) {
                Databases.dropPg(schema);
            }
        }

        @Override
        protected SecretStore store() {
            return stores.secrets();
        }
    }
}
