package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.workload.NodeUsage;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.core.usage.ClusterUsage;
import dev.palette.sdk.core.usage.UsagePolicy;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.SimProvider;
import dev.palette.sdk.testkit.SimUsage;
import dev.palette.sdk.testkit.SimWorkloadClusterAccess;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Usage end to end on the simulated cloud: figures now, a bounded history, and sustained highs as a health signal. */
class UsageTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final PaletteEngine engine = PaletteEngine.builder().clock(clock).store(new InMemoryClusterStore())
            .secrets(new InMemorySecretStore()).discoverProviders(false).provider(new SimProvider(cloud))
            .workloadAccess(new SimWorkloadClusterAccess(cloud)).settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofSeconds(10)))
            .usagePolicy(new UsagePolicy(90, 90, 90, Duration.ofMinutes(10), 20)).build();
    private Cluster cluster;

    @BeforeEach
    void running() {
        cluster = SimClusters.startAndProvision(engine, clock, "used", SimClusters.spec(1, 2));
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Condition healthy() {
        return engine.clusters().get(cluster.id()).status().condition(ConditionTypes.HEALTHY).orElseThrow();
    }

    @Test
    void workersAreCountedByDefaultAllNodesOnRequestWithABoundedHistory() {
        assertThat(engine.clusters().usage(cluster.id())).as("no metrics reported yet").isEmpty();
        cloud.usage(cluster.id(), (node, cp, at) -> SimUsage.constant(cp ? 80 : 40, 50, 30).of(node, cp, at));
        SimHarness.runFor(engine, clock, Duration.ofMinutes(30));

        ClusterUsage workers = engine.clusters().usage(cluster.id()).orElseThrow();
        assertThat(workers.nodes()).hasSize(2).noneMatch(NodeUsage::controlPlane)
                .allSatisfy(n -> assertThat(n.conditions()).anyMatch(k -> k.type().equals("Ready") && k.status().equals("True")));
        assertThat(workers.now().cpuPercent()).isCloseTo(40, within(0.01));
        assertThat(workers.now().cpuRequestedCores()).isCloseTo(4, within(0.01));
        assertThat(workers.now().memoryPercent()).isCloseTo(50, within(0.01));
        assertThat(workers.history()).as("bounded by the policy").hasSize(20);
        assertThat(workers.history()).extracting(s -> s.at()).isSorted();

        ClusterUsage all = engine.clusters().usage(cluster.id(), true).orElseThrow();
        assertThat(all.nodes()).hasSize(3);
        assertThat(all.now().cpuPercent()).as("(2 x 40% + 80%) / 3").isCloseTo(53.33, within(0.01));
        assertThat(healthy().isTrue()).isTrue();
    }

    @Test
    void usageAboveItsThresholdForTheWholeWindowMakesTheClusterUnhealthyUntilItDrops() {
        cloud.usage(cluster.id(), SimUsage.constant(95, 40, 20));
        SimHarness.runFor(engine, clock, Duration.ofMinutes(5));
        assertThat(healthy().isTrue()).as("not for the whole window yet").isTrue();

        SimHarness.runUntil(engine, clock, () -> !healthy().isTrue(), Duration.ofMinutes(15));
        assertThat(healthy().reason()).isEqualTo("UsageHigh");
        assertThat(healthy().message()).matches("CPU 95% \\(over 90%\\) for 1\\dm on the workers");
        assertThat(engine.events().list(cluster.id())).anyMatch(e -> e.reason().equals("ClusterUnhealthy")
                && e.message().contains("CPU 95%"));

        cloud.usage(cluster.id(), SimUsage.constant(50, 40, 20));
        SimHarness.runUntil(engine, clock, () -> healthy().isTrue(), Duration.ofMinutes(5));
        assertThat(engine.events().list(cluster.id())).anyMatch(e -> e.reason().equals("ClusterHealthy"));
    }
}
