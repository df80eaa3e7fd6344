package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Healthy condition of running clusters: heartbeat and node conditions, with events when it turns. */
class HealthTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private PaletteEngine engine;

    @BeforeEach
    void start() {
        engine = SimClusters.engine(clock, cloud, new InMemoryClusterStore(), new InMemorySecretStore());
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    /** A cluster of one control plane and two workers, provisioned and healthy. */
    private Cluster running() {
        Cluster c = engine.clusters().create("health", SimClusters.spec(1, 2));
        SimHarness.runUntil(engine, clock, () -> healthy(c.id()) == ConditionStatus.TRUE, Duration.ofHours(1));
        return engine.clusters().get(c.id());
    }

    private ConditionStatus healthy(String id) {
        return engine.clusters().get(id).status().condition(ConditionTypes.HEALTHY).map(Condition::status).orElse(null);
    }

    private Condition healthCondition(String id) {
        return engine.clusters().get(id).status().condition(ConditionTypes.HEALTHY).orElseThrow();
    }

    private List<ClusterEvent> healthEvents(String id) {
        return engine.events().list(id).stream().filter(e -> e.reason().startsWith("Cluster") && e.reason().contains("ealthy")).toList();
    }

    @Test
    void aClusterThatStopsAnsweringTurnsUnhealthyAfterTheWindowAndHealthyWhenItReturns() {
        Cluster c = running();
        assertThat(healthCondition(c.id()).message()).isEqualTo("heartbeat within 5m; 3 nodes Ready without pressure");

        cloud.setUnreachable(c.id(), true);
        Instant down = clock.instant();
        SimHarness.runUntil(engine, clock, () -> healthy(c.id()) == ConditionStatus.FALSE, Duration.ofMinutes(30));

        Duration took = Duration.between(down, clock.instant());
        assertThat(took).isGreaterThan(WINDOW).isLessThanOrEqualTo(WINDOW.plusMinutes(2));
        assertThat(healthCondition(c.id()).reason()).isEqualTo("HeartbeatMissing");
        assertThat(healthCondition(c.id()).message()).startsWith("no heartbeat for ").endsWith("(window 5m)");
        assertThat(engine.clusters().get(c.id()).isReady()).as("health is reported, not a reason to re-provision").isTrue();

        cloud.setUnreachable(c.id(), false);
        SimHarness.runUntil(engine, clock, () -> healthy(c.id()) == ConditionStatus.TRUE, Duration.ofMinutes(5));

        assertThat(healthEvents(c.id())).extracting(ClusterEvent::reason).containsExactly("ClusterUnhealthy", "ClusterHealthy");
        assertThat(healthEvents(c.id()).get(0).severity()).isEqualTo(ClusterEvent.Severity.WARNING);
        assertThat(healthEvents(c.id()).get(0).message()).startsWith("HeartbeatMissing: no heartbeat for");
    }

    @Test
    void aNodeUnderPressureMakesTheClusterUnhealthyNamingTheNodeAndTheCondition() {
        Cluster c = running();
        String worker = c.status().machines("workers").get(0).name();

        cloud.setNodeCondition(c.id(), worker, "DiskPressure", "True");
        SimHarness.runUntil(engine, clock, () -> healthy(c.id()) == ConditionStatus.FALSE, Duration.ofMinutes(5));

        assertThat(healthCondition(c.id()).reason()).isEqualTo("NodeConditions");
        assertThat(healthCondition(c.id()).message()).isEqualTo("node " + worker + " DiskPressure");

        cloud.setNodeCondition(c.id(), worker, "DiskPressure", "False");
        SimHarness.runUntil(engine, clock, () -> healthy(c.id()) == ConditionStatus.TRUE, Duration.ofMinutes(5));
        assertThat(healthEvents(c.id())).extracting(ClusterEvent::reason).containsExactly("ClusterUnhealthy", "ClusterHealthy");
    }

    @Test
    void anInClusterAgentsHeartbeatsKeepAnUnreachableClusterHealthyUntilTheyStop() {
        Cluster c = running();
        cloud.setUnreachable(c.id(), true);

        for (int i = 0; i < 8; i++) {
            SimHarness.runFor(engine, clock, Duration.ofMinutes(2));
            engine.clusters().recordHeartbeat(c.id());
            assertThat(healthy(c.id())).as("after %d minutes", 2 * (i + 1)).isEqualTo(ConditionStatus.TRUE);
        }
        Instant lastBeat = clock.instant();
        SimHarness.runUntil(engine, clock, () -> healthy(c.id()) == ConditionStatus.FALSE, Duration.ofMinutes(30));

        assertThat(Duration.between(lastBeat, clock.instant())).isGreaterThan(WINDOW);
    }
}
