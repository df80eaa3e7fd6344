package dev.palette.sdk.core.internal.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.workload.NodeCondition;
import dev.palette.sdk.api.workload.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterHealthTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final ClusterHealth health = new ClusterHealth(Duration.ofMinutes(5));

    private static NodeStatus node(String name, String ready, String... trueConditions) {
        List<NodeCondition> conds = new ArrayList<>();
        conds.add(new NodeCondition("Ready", ready, ready.equals("True") ? "KubeletReady" : "KubeletNotReady", "", T0));
        for (String c : trueConditions) {
            conds.add(new NodeCondition(c, "True", "", "", T0));
        }
        return new NodeStatus(name, name, Map.of(), conds, "v1.33.6", false);
    }

    @Test
    void theWindowCountsFromTheFirstLookUntilAHeartbeatArrives() {
        assertThat(health.evaluate("c", T0, null).healthy()).isTrue();
        assertThat(health.evaluate("c", T0.plus(Duration.ofMinutes(5)), null).healthy()).as("the window itself is allowed").isTrue();

        ClusterHealth.Verdict late = health.evaluate("c", T0.plus(Duration.ofMinutes(5).plusSeconds(30)), null);

        assertThat(late).isEqualTo(new ClusterHealth.Verdict(false, "HeartbeatMissing", "no heartbeat for 5m30s (window 5m)"));
        health.heartbeat("c", T0.plus(Duration.ofMinutes(6)));
        health.heartbeat("c", T0.plus(Duration.ofMinutes(1)));
        assertThat(health.evaluate("c", T0.plus(Duration.ofMinutes(10)), null).healthy()).as("the latest heartbeat counts").isTrue();
    }

    @Test
    void eachSignalSaysWhatIsWrongAndTheHeartbeatComesFirst() {
        List<NodeStatus> nodes = List.of(node("a", "True"), node("b", "Unknown"), node("c", "True", "MemoryPressure", "PIDPressure"));

        ClusterHealth.Verdict nodesOnly = health.evaluate("x", T0, nodes);
        ClusterHealth.Verdict both = health.evaluate("x", T0.plus(Duration.ofMinutes(7)), nodes);

        assertThat(nodesOnly).isEqualTo(new ClusterHealth.Verdict(false, "NodeConditions",
                "node b not Ready (KubeletNotReady), node c MemoryPressure, node c PIDPressure"));
        assertThat(both.reason()).isEqualTo("HeartbeatMissing");
        assertThat(both.message()).isEqualTo("no heartbeat for 7m (window 5m); " + nodesOnly.message());
    }

    @Test
    void manyNodeProblemsAreNamedUpToFiveThenCounted() {
        List<NodeStatus> nodes = IntStream.range(0, 8).mapToObj(i -> node("n" + i, "True", "DiskPressure")).toList();

        assertThat(health.evaluate("x", T0, nodes).message()).endsWith("node n4 DiskPressure and 3 more");
    }

    @Test
    void aHealthyVerdictReadsTheSameOnEveryPass() {
        List<NodeStatus> nodes = List.of(node("a", "True"), node("b", "True"));
        health.heartbeat("x", T0);

        assertThat(health.evaluate("x", T0.plusSeconds(10), nodes)).isEqualTo(health.evaluate("x", T0.plusSeconds(70), nodes))
                .isEqualTo(new ClusterHealth.Verdict(true, "Healthy", "heartbeat within 5m; 2 nodes Ready without pressure"));
    }
}
