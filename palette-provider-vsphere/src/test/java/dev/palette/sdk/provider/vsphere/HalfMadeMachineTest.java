package dev.palette.sdk.provider.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attempt left half-made is not waited on forever: a machine cloned but never started (the power-on
 * failed, or the engine died) is reported failed, so the engine replaces it, and a retried create finishes it; a
 * machine an OVA import left before it became a template is replaced by the next import.
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

    @Test
    void whatAFailedImportLeftIsReplacedByTheNextImport(@TempDir Path tmp) throws Exception {
        String ova = TestOva.write(tmp.resolve("retried.ova")).toString();
        ProviderContext ctx = new ProviderContext("c-import", "import", vcsim.cloud(Map.of()), Map.of(ResourceTags.CLUSTER_ID, "c-import"), null);
        ImageRequest req = new ImageRequest(ImageReference.of("vsphere", "", ova), "retried", List.of(), false, "");
        vcsim.arm("HttpNfcLeaseComplete", "SystemError", "A general system error occurred: lease lost", 1);
        Throwable t = catchThrowable(() -> provider.ensureImage(ctx, req).toCompletableFuture().join());
        assertThat(t).isInstanceOf(CompletionException.class).cause().hasMessageContaining("lease lost");
        assertThat(vcsim.templates()).noneMatch(n -> n.startsWith("palette-ova-"));
        assertThat(vcsim.vmNames()).as("the import left its machine behind").anyMatch(n -> n.startsWith("palette-ova-"));

        ImageInfo imported = provider.ensureImage(ctx, req).toCompletableFuture().join();
        assertThat(imported.origin()).isEqualTo(ImageInfo.Origin.COPIED);
        List<String> templates = vcsim.templates().stream().filter(n -> n.startsWith("palette-ova-")).toList();
        assertThat(templates).hasSize(1);
        assertThat(vcsim.vm(templates.get(0)).getMOR().getVal()).isEqualTo(imported.imageId());
        assertThat(vcsim.vmNames()).as("the half-imported machine is gone, one template stands")
                .filteredOn(n -> n.startsWith("palette-ova-")).containsExactly(templates.get(0));
    }
}
