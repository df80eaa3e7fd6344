package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.store.SecretStore;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.jdbc.JdbcStores;
import dev.palette.sdk.jdbc.SecretKeyRing;
import java.security.SecureRandom;
import java.util.UUID;

/** The stores a harness run uses: {@code memory}, {@code h2} (an in-memory H2 database) or a JDBC URL. */
record Stores(ClusterStore clusters, SecretStore secrets, AutoCloseable closer) implements AutoCloseable {

    static Stores open(String kind) {
        if (kind == null || kind.equals("memory")) {
            return new Stores(new InMemoryClusterStore(), new InMemorySecretStore(), () -> { });
        }
        String url = kind.equals("h2") ? "jdbc:h2:mem:scale-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1" : kind;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        JdbcStores jdbc = JdbcStores.builder().url(url).secretKeys(SecretKeyRing.of("scale", key)).poolSize(8).build();
        return new Stores(jdbc.clusters(), jdbc.secrets(), jdbc);
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
