package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.jdbc.JdbcStores;
import dev.palette.sdk.jdbc.SecretKeyRing;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Store operations on a cluster of the benchmark spec (3 + 10 machines): create, compare-and-set
 * update, and get, in memory, on embedded H2 and on the local PostgreSQL (127.0.0.1:5432, database
 * {@code test}, a fresh schema dropped afterwards).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class StoreBenchmark {
    @Param({"memory", "h2", "postgresql"})
    String store;

    private ClusterStore clusters;
    private JdbcStores jdbc;
    private String schema;
    private Cluster current;
    private Cluster template;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        byte[] key = new byte[32];
        switch (store) {
            case "memory" -> clusters = new InMemoryClusterStore();
            case "h2" -> {
                jdbc = JdbcStores.builder().url("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1").secretKeys(SecretKeyRing.of("k", key)).build();
                clusters = jdbc.clusters();
            }
            default -> {
                schema = "palette_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                     Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                }
                jdbc = JdbcStores.builder().url("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema).user("postgres")
                        .secretKeys(SecretKeyRing.of("k", key)).build();
                clusters = jdbc.clusters();
            }
        }
        template = new Cluster(new ClusterMetadata("c-template", "t", "tenant", "project", Map.of(), 0, 1, Instant.now(),
                Optional.empty()), NoOpReconcileBenchmark.spec(), ClusterStatus.INITIAL);
        current = clusters.create(withId("c-bench"));
    }

    private Cluster withId(String id) {
        ClusterMetadata m = template.metadata();
        return template.withMetadata(new ClusterMetadata(id, id, m.tenant(), m.project(), m.labels(), 0, 1, m.createdAt(),
                Optional.empty()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (jdbc != null) {
            jdbc.close();
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** A new cluster row. */
    @Benchmark
    public Cluster create() {
        return clusters.create(withId("c-" + UUID.randomUUID()));
    }

    /** A compare-and-set update of one cluster. */
    @Benchmark
    public Cluster update() {
        current = clusters.update(current.withMetadata(current.metadata().withLabels(Map.of("n", Long.toString(System.nanoTime())))));
        return current;
    }

    /** A read of one cluster. */
    @Benchmark
    public Optional<Cluster> get() {
        return clusters.get(current.id());
    }
}
