package dev.palette.sdk.testkit.store;

import dev.palette.sdk.api.store.ClusterLeases;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.core.store.InMemoryClusterLeases;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import org.junit.jupiter.api.Nested;

/** The in-memory stores pass the store contracts. */
class InMemoryStoresContractTest {
    @Nested
    class Clusters extends ClusterStoreContractTest {
        @Override
        protected ClusterStore store() {
            return new InMemoryClusterStore();
        }
    }

    @Nested
    class Secrets extends SecretStoreContractTest {
        @Override
        protected SecretStore store() {
            return new InMemorySecretStore();
        }
    }

    @Nested
    class Leases extends ClusterLeasesContractTest {
        private final InMemoryClusterLeases leases = new InMemoryClusterLeases();

        @Override
        protected ClusterLeases leases() {
            return leases;
        }
    }
}
