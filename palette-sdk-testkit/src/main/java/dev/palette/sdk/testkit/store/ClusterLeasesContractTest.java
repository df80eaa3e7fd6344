package dev.palette.sdk.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.store.ClusterLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ClusterLeases}: one holder at a time, renewals, expiry and take-over, release,
 * and exactly one winner when engines claim the same cluster at once.
 */
public abstract class ClusterLeasesContractTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    private ClusterLeases leases;
    private String cluster;

    /**
     * The leases under test. Called once per test; may return the same instance.
     *
     * @return the leases
     */
    protected abstract ClusterLeases leases();

    @BeforeEach
    void setUp() {
        leases = leases();
        cluster = "c-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void oneHolderAtATimeUntilItsLeaseExpires() {
        assertThat(leases.tryAcquire(cluster, "a", T0, TTL)).isTrue();
        assertThat(leases.tryAcquire(cluster, "b", T0.plusSeconds(29), TTL)).as("a holds it").isFalse();
        assertThat(leases.tryAcquire(cluster, "a", T0.plusSeconds(20), TTL)).as("a renews").isTrue();
        assertThat(leases.tryAcquire(cluster, "b", T0.plusSeconds(49), TTL)).as("renewed until 50 s").isFalse();
        assertThat(leases.tryAcquire(cluster, "b", T0.plusSeconds(50), TTL)).as("expired: b takes over").isTrue();
        assertThat(leases.tryAcquire(cluster, "a", T0.plusSeconds(51), TTL)).isFalse();
    }

    @Test
    void renewAllExtendsEveryLeaseOfAHolderAndNoOtherOnes() {
        String other = cluster + "-x";
        leases.tryAcquire(cluster, "a", T0, TTL);
        leases.tryAcquire(other, "b", T0, TTL);
        assertThat(leases.renewAll("a", T0.plusSeconds(25), TTL)).isEqualTo(1);
        assertThat(leases.tryAcquire(cluster, "b", T0.plusSeconds(40), TTL)).as("a's renewed lease holds").isFalse();
        assertThat(leases.tryAcquire(other, "a", T0.plusSeconds(40), TTL)).as("b's was not renewed").isTrue();
    }

    @Test
    void releasedLeasesAreFreeAtOnceButOnlyTheHolderReleases() {
        String other = cluster + "-y";
        leases.tryAcquire(cluster, "a", T0, TTL);
        leases.tryAcquire(other, "a", T0, TTL);
        leases.release(cluster, "b");
        assertThat(leases.tryAcquire(cluster, "b", T0.plusSeconds(1), TTL)).as("b cannot release a's lease").isFalse();
        leases.release(cluster, "a");
        assertThat(leases.tryAcquire(cluster, "b", T0.plusSeconds(1), TTL)).isTrue();
        leases.releaseAll("a");
        assertThat(leases.tryAcquire(other, "c", T0.plusSeconds(1), TTL)).isTrue();
    }

    @Test
    void ofEightEnginesClaimingAtOnceExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String id = cluster + "-" + round;
                List<Callable<Boolean>> claims = new ArrayList<>();
                for (int e = 0; e < 8; e++) {
                    String holder = "engine-" + e;
                    claims.add(() -> leases.tryAcquire(id, holder, T0, TTL));
                }
                int winners = 0;
                for (Future<Boolean> f : pool.invokeAll(claims)) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("round " + round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
