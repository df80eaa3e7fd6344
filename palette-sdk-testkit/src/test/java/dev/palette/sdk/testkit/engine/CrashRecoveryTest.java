package dev.palette.sdk.testkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemoryClusterStore;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.testkit.SimCloud;
import dev.palette.sdk.testkit.SimFaults.CrashMode;
import dev.palette.sdk.testkit.SimHarness;
import dev.palette.sdk.testkit.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Stops an engine between every two of its cloud calls while it provisions a cluster (the call either
 * not carried out, or carried out with its answer lost), then starts a new engine on the same store and
 * cloud: the cluster converges to exactly the desired machines, none duplicated, none leaked, and deletes
 * to nothing.
 */
class CrashRecoveryTest {
    private static final int CONTROL_PLANES = 3;
    private static final int WORKERS = 2;

    /** Calls a clean provisioning makes, so that every crash point is visited. */
    private static long cleanRunCalls() {
        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimClusters.cloud(clock);
        InMemoryClusterStore store = new InMemoryClusterStore();
        try (PaletteEngine engine = SimClusters.engine(clock, cloud, store, new InMemorySecretStore())) {
            engine.start();
            Cluster c = engine.clusters().create("clean", SimClusters.spec(CONTROL_PLANES, WORKERS));
            SimHarness.runUntil(engine, clock, () -> engine.clusters().get(c.id()).isReady(), Duration.ofHours(1));
            return cloud.totalCalls();
        }
    }

    @TestFactory
    Stream<DynamicTest> aCrashBetweenAnyTwoStepsConvergesWithoutDuplicatesOrLeaks() {
        long calls = cleanRunCalls();
        assertThat(calls).isGreaterThan(10);
        List<DynamicTest> tests = new ArrayList<>();
        for (CrashMode mode : CrashMode.values()) {
            for (long k = 0; k <= calls; k++) {
                long crashAfter = k;
                tests.add(DynamicTest.dynamicTest("crash after call " + k + " (" + mode + ")", () -> crashAndRecover(crashAfter, mode)));
            }
        }
        return tests.stream();
    }

    private static void crashAndRecover(long crashAfter, CrashMode mode) {
        VirtualClock clock = new VirtualClock();
        SimCloud cloud = SimClusters.cloud(clock);
        InMemoryClusterStore store = new InMemoryClusterStore();
        InMemorySecretStore secrets = new InMemorySecretStore();
        cloud.faults().crashAfterCalls(crashAfter, mode);
        String id;
        try (PaletteEngine first = SimClusters.engine(clock, cloud, store, secrets)) {
            first.start();
            id = first.clusters().create("crash", SimClusters.spec(CONTROL_PLANES, WORKERS)).id();
            SimHarness.runUntil(first, clock, () -> cloud.totalCalls() > crashAfter || first.clusters().get(id).isReady(),
                    Duration.ofHours(1));
        } // the first engine stops abruptly: its pending call never answers
        cloud.faults().recover();
        try (PaletteEngine second = SimClusters.engine(clock, cloud, store, secrets)) {
            second.start();
            SimHarness.runUntil(second, clock, () -> second.clusters().get(id).isReady(), Duration.ofHours(2));
            Cluster ready = second.clusters().get(id);
            List<String> inStatus = ready.status().machines().stream().map(Machine::name).sorted().toList();
            List<String> inCloud = cloud.machines(id).stream().map(MachineInfo::machineName).sorted().toList();
            assertThat(inStatus).hasSize(CONTROL_PLANES + WORKERS);
            assertThat(inCloud).as("the cloud holds exactly the machines the status lists").isEqualTo(inStatus);
            assertThat(cloud.duplicates(id)).isEmpty();
            assertThat(cloud.machinesEverCreated(id)).as("no machine was created twice")
                    .isEqualTo(CONTROL_PLANES + WORKERS);

            second.clusters().delete(id);
            SimHarness.runUntil(second, clock, () -> second.clusters().find(id).isEmpty(), Duration.ofHours(1));
            assertThat(cloud.leftovers(id)).isEmpty();
        }
    }
}
