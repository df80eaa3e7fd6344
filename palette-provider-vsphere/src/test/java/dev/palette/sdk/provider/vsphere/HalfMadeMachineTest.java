package dev.palette.sdk.provider.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A machine whose making stopped half-way (cloned, never started: the power-on failed, or the engine died) is not
 * left to be waited on forever: it is reported failed, so the engine replaces it; a retried create finishes it.
 */
class HalfMadeMachineTest {
    private static Vcsim vcsim;
    private static CloudProvider provider;

    @BeforeAll
    static void start() {
        vcsim = Vcsim.start();
        vcsim.makeTemplate("DC0_C0_RP0_VM1", "half-made-template");
        provider = VsphereProviderContractTest.provider(vcsim);
    }

    @AfterAll
    static void stop() {
        provider.close();
        vcsim.close();
    }

    @Test
    void aMachineLeftUnstartedIsReportedFailedAndARetriedCreateFinishesIt() {
        ProviderContext ctx = new ProviderContext("c-half", "half", vcsim.cloud(Map.of()), Map.of(ResourceTags.CLUSTER_ID, "c-half"), null);
        MachineRequest req = new MachineRequest("workers-h", "workers", MachineRole.WORKER, "2cpu-4gib", 20, "", "half-made-template",
                "#cloud-config\n", Map.of(ResourceTags.CLUSTER_ID, "c-half"));
        vcsim.arm("PowerOnVM_Task", "SystemError", "A general system error occurred: power-on refused", 1);
        Throwable t = catchThrowable(() -> provider.createMachine(ctx, req).toCompletableFuture().join());
        assertThat(t).isInstanceOf(CompletionException.class).cause().isInstanceOf(ProviderException.class)
                .hasMessageContaining("power-on refused");
        assertThat(vcsim.vmsInFolder("palette-c-half")).containsExactly("workers-h");
        assertThat(provider.listMachines(ctx).toCompletableFuture().join()).singleElement()
                .satisfies(m -> assertThat(m.state()).as("cloned, never started, nobody making it").isEqualTo(MachineState.FAILED));

        MachineInfo finished = provider.createMachine(ctx, req).toCompletableFuture().join();
        assertThat(finished.state()).isIn(MachineState.PENDING, MachineState.RUNNING);
        assertThat(vcsim.vm("workers-h").getRuntime().getPowerState().toString()).isEqualTo("poweredOn");
        provider.deleteMachine(ctx, "workers-h").toCompletableFuture().join();
        provider.deleteInfrastructure(ctx).toCompletableFuture().join();
        assertThat(vcsim.folderExists("palette-c-half")).isFalse();
    }
}
