package dev.palette.sdk.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterMetadata;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ClusterStatus;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.ClusterChange;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.api.store.ClusterStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ClusterStore}, for every implementation: compare-and-set on the resource
 * version (a stale write changes nothing and no update is lost), unique names per project, filtered and
 * paged listing in id order, and a change feed.
 */
public abstract class ClusterStoreContractTest {
    private ClusterStore store;
    private String run;

    /**
     * A store for one test; it may hold clusters of earlier tests (names are made unique per test).
     *
     * @return the store
     */
    protected abstract ClusterStore store();

    @BeforeEach
    void setUp() {
        store = store();
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A cluster to store.
     *
     * @param tenant its tenant
     * @param project its project
     * @param name its name (made unique per test)
     * @return the cluster
     */
    protected Cluster cluster(String tenant, String project, String name) {
        ClusterProfile profile = ClusterProfile.builder().name("p").version("1.0.0").cloudType("sim")
                .addPack(Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS).valuesYaml("a: 1\n")
                        .values(Map.of("a", 1)).build())
                .build();
        ClusterSpec spec = ClusterSpec.builder().profile(profile).cloud(CloudConfig.of("sim", "r")).controlPlane(1, "m").build();
        String id = "c-" + run + "-" + name;
        return new Cluster(new ClusterMetadata(id, name + "-" + run, tenant + run, project, Map.of(), 0, 1,
                Instant.parse("2026-01-01T00:00:00Z"), Optional.empty()), spec, ClusterStatus.INITIAL);
    }

    @Test
    void createsAtVersionOneAndReadsBackEqual() {
        Cluster stored = store.create(cluster("t", "p", "a"));
        assertThat(stored.metadata().resourceVersion()).isEqualTo(1);
        assertThat(store.get(stored.id())).contains(stored);
        assertThat(store.get("c-missing-" + run)).isEmpty();
    }

    @Test
    void aStaleWriteIsAConflictAndChangesNothing() {
        Cluster v1 = store.create(cluster("t", "p", "b"));
        Cluster v2 = store.update(v1.withMetadata(v1.metadata().withLabels(Map.of("writer", "first"))));
        assertThat(v2.metadata().resourceVersion()).isGreaterThan(v1.metadata().resourceVersion());
        assertThatThrownBy(() -> store.update(v1.withMetadata(v1.metadata().withLabels(Map.of("writer", "second")))))
                .isInstanceOf(ConflictException.class);
        assertThat(store.get(v1.id()).orElseThrow().metadata().labels()).containsEntry("writer", "first");
        assertThatThrownBy(() -> store.delete(v1.id(), v1.metadata().resourceVersion())).isInstanceOf(ConflictException.class);
        assertThat(store.get(v1.id())).isPresent();
    }

    @Test
    void updatingOrDeletingWhatIsMissing() {
        Cluster never = cluster("t", "p", "never");
        assertThatThrownBy(() -> store.update(never.withMetadata(never.metadata().withResourceVersion(1))))
                .isInstanceOf(NotFoundException.class);
        store.delete(never.id(), 1);
    }

    @Test
    void namesAreUniquePerProjectAndIdsUniqueEverywhere() {
        Cluster a = store.create(cluster("t", "p", "same"));
        assertThatThrownBy(() -> store.create(cluster("t", "p", "same"))).isInstanceOf(ConflictException.class);
        Cluster other = cluster("t", "p2", "same2");
        Cluster sameNameOtherProject = new Cluster(new ClusterMetadata("c-" + run + "-other", a.metadata().name(),
                a.metadata().tenant(), "p2", Map.of(), 0, 1, Instant.EPOCH, Optional.empty()), other.spec(), null);
        store.create(sameNameOtherProject);
        store.delete(a.id(), a.metadata().resourceVersion());
        store.create(cluster("t", "p", "same"));
    }

    @Test
    void listsByTenantAndProjectInIdOrderWithPaging() {
        for (int i = 0; i < 7; i++) {
            store.create(cluster("t", i % 2 == 0 ? "even" : "odd", "n" + i));
        }
        store.create(cluster("other", "even", "x"));
        List<Cluster> tenant = store.list(ClusterQuery.tenant("t" + run));
        assertThat(tenant).hasSize(7);
        assertThat(tenant).extracting(Cluster::id).isSorted();
        assertThat(store.list(ClusterQuery.project("t" + run, "even"))).hasSize(4);
        List<Cluster> page1 = store.list(ClusterQuery.tenant("t" + run).page(null, 3));
        List<Cluster> page2 = store.list(ClusterQuery.tenant("t" + run).page(page1.get(2).id(), 3));
        List<Cluster> page3 = store.list(ClusterQuery.tenant("t" + run).page(page2.get(2).id(), 3));
        assertThat(page1).hasSize(3);
        assertThat(page2).hasSize(3);
        assertThat(page3).hasSize(1);
        assertThat(page3.get(0).id()).isEqualTo(tenant.get(6).id());
    }

    @Test
    void theChangeFeedReportsCreateUpdateDelete() throws Exception {
        List<ClusterChange> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable sub = store.subscribe(seen::add)) {
            Cluster c = store.create(cluster("t", "p", "feed"));
            Cluster u = store.update(c.withMetadata(c.metadata().withLabels(Map.of("k", "v"))));
            store.delete(u.id(), u.metadata().resourceVersion());
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(seen.stream().filter(ch -> ch.clusterId().equals(c.id())).map(ClusterChange::type).toList())
                            .containsExactly(ClusterChange.Type.CREATED, ClusterChange.Type.UPDATED, ClusterChange.Type.DELETED));
        }
    }

    @Test
    void concurrentWritersWithRetryLoseNoUpdate() throws Exception {
        Cluster c = store.create(cluster("t", "p", "counter"));
        int threads = 4;
        int increments = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        while (true) {
                            Cluster cur = store.get(c.id()).orElseThrow();
                            int n = Integer.parseInt(cur.metadata().labels().getOrDefault("n", "0"));
                            try {
                                store.update(cur.withMetadata(cur.metadata().withLabels(Map.of("n", Integer.toString(n + 1)))));
                                break;
                            } catch (ConflictException retry) {
                                // another writer won; read again
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.get(c.id()).orElseThrow().metadata().labels()).containsEntry("n", Integer.toString(threads * increments));
    }
}
