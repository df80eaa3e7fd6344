package dev.palette.sdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.WorkloadTarget;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SimCloudTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimCloud.builder().time(clock).latency(Duration.ofMillis(100))
            .bootDelay(Duration.ofSeconds(30)).nodeReadyDelay(Duration.ofSeconds(10)).build();
    private final SimProvider provider = new SimProvider(cloud);
    private final ProviderContext ctx = new ProviderContext("c-1", "one", CloudConfig.of("sim", "sim-east-1"),
            Map.of(ResourceTags.CLUSTER_ID, "c-1"), null);

    private MachineRequest machine(String name, String type) {
        return new MachineRequest(name, "workers", MachineRole.WORKER, type, 20, "", "img", "", Map.of(ResourceTags.MACHINE, name));
    }

    private <T> T await(java.util.concurrent.CompletionStage<T> s) {
        CompletableFuture<T> f = s.toCompletableFuture();
        while (!f.isDone() && clock.advanceToNextDeadline()) {
            // let virtual time pass
        }
        return f.join();
    }

    @Test
    void machinesBootAfterTheDelayAndTheirNodesTurnReadyLater() {
        MachineInfo m = await(provider.createMachine(ctx, machine("w1", "sim.medium")));
        assertThat(m.state()).isEqualTo(MachineState.PENDING);
        clock.advance(Duration.ofSeconds(30));
        assertThat(await(provider.describeMachine(ctx, "w1")).orElseThrow().state()).isEqualTo(MachineState.RUNNING);
        var workload = new SimWorkloadClusterAccess(cloud).connect(new WorkloadTarget("c-1", "https://x:6443", "k"));
        assertThat(workload.nodes().toCompletableFuture().join()).singleElement().matches(n -> !n.isReady());
        clock.advance(Duration.ofSeconds(10));
        assertThat(workload.nodes().toCompletableFuture().join()).singleElement().matches(NodeStatus::isReady);
        cloud.setNodeCondition("c-1", "w1", "Ready", "Unknown");
        assertThat(workload.nodes().toCompletableFuture().join().get(0).condition("Ready").orElseThrow().status()).isEqualTo("Unknown");
        cloud.setUnreachable("c-1", true);
        assertThat(workload.nodes().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void quotaIsEnforcedAndCanBeRaisedAtRuntime() {
        cloud.setVcpuLimit(4);
        await(provider.createMachine(ctx, machine("a", "sim.large")));
        assertThat(catchCause(() -> await(provider.createMachine(ctx, machine("b", "sim.small")))))
                .isInstanceOf(QuotaExceededException.class).hasMessageContaining("vCPU limit of 4");
        cloud.setVcpuLimit(5);
        assertThat(await(provider.createMachine(ctx, machine("b", "sim.small"))).machineName()).isEqualTo("b");
    }

    @Test
    void injectedFaultsFailTheNextCallsThenStop() {
        cloud.faults().failNext(SimOperation.LIST_MACHINES, 2, SimFaults.Kind.PERMANENT);
        assertThat(catchCause(() -> await(provider.listMachines(ctx)))).isInstanceOfSatisfying(ProviderException.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThat(catchCause(() -> await(provider.listMachines(ctx)))).isInstanceOf(ProviderException.class);
        assertThat(await(provider.listMachines(ctx))).isEmpty();
        assertThat(cloud.calls(SimOperation.LIST_MACHINES)).isEqualTo(3);
    }

    @Test
    void aCrashAfterApplyCarriesTheCallOutButNeverAnswers() {
        cloud.faults().crashAfterCalls(0, SimFaults.CrashMode.AFTER_APPLY);
        CompletableFuture<MachineInfo> lost = provider.createMachine(ctx, machine("w9", "sim.small")).toCompletableFuture();
        clock.advance(Duration.ofMinutes(1));
        assertThat(lost).isNotDone();
        cloud.faults().recover();
        assertThat(await(provider.listMachines(ctx))).extracting(MachineInfo::machineName).containsExactly("w9");

        cloud.faults().crashAfterCalls(cloud.totalCalls(), SimFaults.CrashMode.BEFORE_APPLY);
        provider.createMachine(ctx, machine("w10", "sim.small"));
        cloud.faults().recover();
        assertThat(await(provider.listMachines(ctx))).extracting(MachineInfo::machineName).containsExactly("w9");
    }

    @Test
    void deletingTheNetworkWhileMachinesRunIsRefusedLikeARealCloud() {
        await(provider.createMachine(ctx, machine("w1", "sim.small")));
        assertThat(catchCause(() -> await(provider.deleteInfrastructure(ctx)))).hasMessageContaining("DependencyViolation");
        await(provider.deleteMachine(ctx, "w1"));
        await(provider.deleteInfrastructure(ctx));
        assertThat(cloud.leftovers("c-1")).isEmpty();
        assertThat(cloud.machinesEverCreated("c-1")).isEqualTo(1);
    }

    private static Throwable catchCause(Runnable r) {
        try {
            r.run();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
