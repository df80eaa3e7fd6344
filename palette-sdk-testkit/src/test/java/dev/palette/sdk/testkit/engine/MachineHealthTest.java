package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.HealthPolicy;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.UpgradeRecord;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Machine health checks from node conditions, and the maxUnhealthy guard. */
class MachineHealthTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimClusters.cloud(clock);
    private final PaletteEngine engine = SimClusters.engine(clock, cloud, new InMemoryClusterStore(), new InMemorySecretStore());

    @AfterEach
    void close() {
        engine.close();
    }

    private Cluster get(String id) {
        return engine.clusters().get(id);
    }

    private Cluster provision(ClusterSpec spec) {
        return SimClusters.startAndProvision(engine, clock, "health", spec);
    }

    @Test
    void aWorkerWhoseKubeletStopsPostingIsReplacedAfterTenMinutesWithTheReasonRecorded() {
        Cluster c = provision(SimClusters.spec(1, 3));
        String sick = c.status().machines("workers").get(1).name();
        cloud.setNodeCondition(c.id(), sick, "Ready", "Unknown");
        SimHarness.runFor(engine, clock, Duration.ofMinutes(9));
        assertThat(cloud.machines(c.id())).extracting(MachineInfo::machineName).as("not before the timeout").contains(sick);
        SimHarness.runUntil(engine, clock, () -> cloud.machines(c.id()).stream().noneMatch(m -> m.machineName().equals(sick))
                && get(c.id()).isReady(), Duration.ofMinutes(30));
        Cluster healed = get(c.id());
        assertThat(healed.status().machines("workers")).hasSize(3).extracting(Machine::name).doesNotContain(sick);
        assertThat(healed.status().upgradeHistory()).extracting(UpgradeRecord::machine, UpgradeRecord::reasons)
                .contains(org.assertj.core.groups.Tuple.tuple(sick, List.of("unhealthy: kubelet not posting status for 10m")));
        assertThat(engine.events().list(c.id())).anyMatch(e -> e.reason().equals("MachineReplaced") && e.message().contains(sick));
        assertThat(healed.status().condition(ConditionTypes.REMEDIATING).orElseThrow().reason()).isEqualTo("NoUnhealthyMachines");
    }

    @Test
    void aMachineItsCloudReportsFailedIsReplacedOnTheNextPassWithTheReasonRecorded() {
        Cluster c = provision(SimClusters.spec(1, 2));
        String lost = c.status().machines("workers").get(0).name();
        cloud.failMachine(c.id(), lost);
        SimHarness.runUntil(engine, clock, () -> cloud.machines(c.id()).stream().noneMatch(m -> m.machineName().equals(lost))
                && get(c.id()).isReady(), Duration.ofMinutes(30));
        Cluster healed = get(c.id());
        assertThat(healed.status().machines("workers")).hasSize(2).extracting(Machine::name).doesNotContain(lost);
        assertThat(healed.status().upgradeHistory()).extracting(UpgradeRecord::machine, UpgradeRecord::reasons)
                .contains(org.assertj.core.groups.Tuple.tuple(lost, List.of("failed: the cloud reports the machine failed")));
    }

    @Test
    void maxUnhealthyStopsARemediationStorm() {
        ClusterSpec spec = SimClusters.spec(1, 3).toBuilder().health(new HealthPolicy(Duration.ofMinutes(30),
                Duration.ofMinutes(10), Duration.ofMinutes(10), "1")).build();
        Cluster c = provision(spec);
        List<String> workers = c.status().machines("workers").stream().map(Machine::name).toList();
        cloud.setNodeCondition(c.id(), workers.get(0), "NetworkUnavailable", "True");
        cloud.setNodeCondition(c.id(), workers.get(1), "NetworkUnavailable", "True");
        SimHarness.runFor(engine, clock, Duration.ofMinutes(20));
        assertThat(cloud.machines(c.id())).extracting(MachineInfo::machineName).containsAll(workers);
        Condition held = get(c.id()).status().condition(ConditionTypes.REMEDIATING).orElseThrow();
        assertThat(held.reason()).isEqualTo("MaxUnhealthyExceeded");
        assertThat(held.message()).contains("2 of 4 machines unhealthy; maxUnhealthy 1 allows 1 at once");

        cloud.setNodeCondition(c.id(), workers.get(0), "NetworkUnavailable", "False");
        SimHarness.runUntil(engine, clock, () -> cloud.machines(c.id()).stream().noneMatch(m -> m.machineName().equals(workers.get(1)))
                && get(c.id()).isReady(), Duration.ofMinutes(30));
        assertThat(get(c.id()).status().upgradeHistory()).extracting(UpgradeRecord::reasons)
                .contains(List.of("unhealthy: network unavailable for 10m"));
    }
}
