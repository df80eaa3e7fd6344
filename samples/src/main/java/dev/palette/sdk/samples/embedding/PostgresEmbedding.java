package dev.palette.sdk.samples.embedding;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.jdbc.JdbcStores;
import dev.palette.sdk.jdbc.SecretKeyRing;
import dev.palette.sdk.samples.SamplePacks;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Embeds the engine in a host that keeps its state in PostgreSQL: clusters and (encrypted) secrets
 * survive the process, so running it twice finds the cluster of the first run. Uses the simulated cloud;
 * a host swaps in its real providers.
 *
 * <pre>
 * PALETTE_DB_URL=jdbc:postgresql://127.0.0.1:5432/test PALETTE_DB_USER=postgres \
 * PALETTE_SECRET_KEY=$(head -c 32 /dev/urandom | base64) \
 * java -cp samples/target/palette-sdk-samples-0.1.0-SNAPSHOT.jar:... dev.palette.sdk.samples.embedding.PostgresEmbedding
 * </pre>
 */
public final class PostgresEmbedding {
    private PostgresEmbedding() {
    }

    /**
     * Runs the sample.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        String url = System.getenv().getOrDefault("PALETTE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = System.getenv().getOrDefault("PALETTE_DB_USER", "postgres");
        String key = System.getenv("PALETTE_SECRET_KEY");
        if (key == null) {
            System.err.println("set PALETTE_SECRET_KEY to a base64 AES key of 32 bytes (it encrypts the secrets at rest)");
            System.exit(2);
        }
        SimCloud cloud = SimCloud.builder().build();
        try (JdbcStores stores = JdbcStores.builder().url(url).user(user)
                .secretKeys(SecretKeyRing.of("k1", Base64.getDecoder().decode(key))).build();
             PaletteEngine engine = PaletteEngine.builder().store(stores.clusters()).secrets(stores.secrets())
                     .provider(new SimProvider(cloud)).workloadAccess(new SimWorkloadClusterAccess(cloud)).build()) {
            engine.start();
            ClusterSpec spec = ClusterSpec.builder().profile(SamplePacks.quickstartProfile())
                    .cloud(CloudConfig.of("sim", "sim-east-1")).controlPlane(1, "sim.large")
                    .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("sim.medium").build())
                    .build();
            List<Cluster> existing = engine.clusters().list(dev.palette.sdk.api.store.ClusterQuery.all());
            Cluster c = existing.stream().filter(x -> x.metadata().name().equals("embedded")).findFirst()
                    .orElseGet(() -> engine.clusters().create("embedded", spec));
            System.out.println((existing.isEmpty() ? "created" : "found") + " cluster " + c.id());
            Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, Duration.ofMinutes(2));
            for (Condition cond : ready.status().conditions()) {
                System.out.println("  " + cond.summary());
            }
        }
    }
}
