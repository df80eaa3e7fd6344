package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.QuotaExceededException;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Machines over WireMock: each ARM request's body as sent (tags, custom data, zone, subnet, disk), the answers
 * parsed, machines found again by name and tag, deleted with their NICs and disks.
 */
class MachinesWireMockTest extends FakeAzureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_DATA = "#cloud-config\nwrite_files:\n- path: /etc/kubernetes/token\n  content: s3cr3t-bootstrap\n";
    private ProviderContext ctx;

    @BeforeEach
    void cluster() {
        ctx = context("wire", Map.of("zones", List.of("1", "2"), "tags", Map.of("team", "payments")));
    }

    static MachineRequest worker(ProviderContext ctx, String name, String zone) {
        Map<String, String> tags = new LinkedHashMap<>(ctx.tags());
        tags.put(ResourceTags.MACHINE, name);
        tags.put(ResourceTags.POOL, "workers");
        tags.put(ResourceTags.ROLE, "worker");
        return new MachineRequest(name, "workers", MachineRole.WORKER, "Standard_D2s_v3", 40, zone, FakeAzureServer.UBUNTU,
                USER_DATA, tags);
    }

    private JsonNode body(String method, String pathRegex) throws Exception {
        var found = azure.server().findAll(requests(method, pathRegex));
        assertThat(found).as(method + " " + pathRegex).hasSize(1);
        return JSON.readTree(found.get(0).getBodyAsString());
    }

    @Test
    void aVmIsPutWithItsSizeZoneDiskCustomDataTagsAndANicInTheWorkerSubnet() throws Exception {
        NetworkInfo net = await(provider.ensureNetwork(ctx, new NetworkRequest(List.of("1", "2"), List.of())));
        MachineInfo m = await(provider.createMachine(ctx, worker(ctx, "workers-x1", "2")));

        assertThat(m.machineName()).isEqualTo("workers-x1");
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
        assertThat(m.zone()).isEqualTo("2");
        assertThat(m.instanceType()).isEqualTo("Standard_D2s_v3");
        assertThat(m.diskGiB()).isEqualTo(40);
        assertThat(m.imageId()).isEqualTo(FakeAzureServer.UBUNTU);
        assertThat(m.address()).startsWith("10.0.128.");
        assertThat(m.providerId()).endsWith("/providers/Microsoft.Compute/virtualMachines/" + m.providerId().substring(m.providerId().lastIndexOf('/') + 1));

        JsonNode vm = body("PUT", ".*/virtualMachines/workers-x1-[0-9a-f]{6}");
        assertThat(vm.path("location").asText()).isEqualTo("eastus");
        assertThat(vm.path("zones")).extracting(JsonNode::asText).containsExactly("2");
        JsonNode p = vm.path("properties");
        assertThat(p.path("hardwareProfile").path("vmSize").asText()).isEqualTo("Standard_D2s_v3");
        assertThat(p.path("storageProfile").path("imageReference").path("publisher").asText()).isEqualTo("Canonical");
        assertThat(p.path("storageProfile").path("imageReference").path("sku").asText()).isEqualTo("22_04-lts-gen2");
        assertThat(p.path("storageProfile").path("osDisk").path("diskSizeGB").asInt()).isEqualTo(40);
        assertThat(p.path("storageProfile").path("osDisk").path("deleteOption").asText()).isEqualTo("Delete");
        assertThat(new String(Base64.getDecoder().decode(p.path("osProfile").path("customData").asText()), StandardCharsets.UTF_8))
                .isEqualTo(USER_DATA);
        assertThat(p.path("osProfile").path("computerName").asText()).isEqualTo("workers-x1");
        assertThat(p.path("osProfile").path("linuxConfiguration").path("disablePasswordAuthentication").asBoolean()).isTrue();
        assertThat(p.path("osProfile").path("linuxConfiguration").path("ssh").path("publicKeys").path(0).path("keyData").asText())
                .startsWith("ssh-rsa ");
        assertThat(vm.path("tags").path("palette.dev_cluster-id").asText()).isEqualTo(ctx.clusterId());
        assertThat(vm.path("tags").path("palette.dev_machine").asText()).isEqualTo("workers-x1");
        assertThat(vm.path("tags").path("palette.dev_pool").asText()).isEqualTo("workers");
        assertThat(vm.path("tags").path("palette.dev_role").asText()).isEqualTo("worker");
        assertThat(vm.path("tags").path("team").asText()).isEqualTo("payments");

        JsonNode nic = body("PUT", ".*/networkInterfaces/workers-x1-[0-9a-f]{6}-nic");
        assertThat(nic.path("properties").path("ipConfigurations").path(0).path("properties").path("subnet").path("id").asText())
                .isEqualTo(net.resources().get("subnet/worker"));
        assertThat(nic.path("properties").path("networkSecurityGroup").path("id").asText())
                .isEqualTo(net.resources().get("securityGroup/worker"));
        assertThat(nic.path("tags").path("palette.dev_machine").asText()).isEqualTo("workers-x1");
        assertThat(p.path("networkProfile").path("networkInterfaces").path(0).path("id").asText()).endsWith("workers-x1-"
                + m.providerId().substring(m.providerId().length() - 6) + "-nic");

        JsonNode disk = body("PATCH", ".*/disks/workers-x1-[0-9a-f]{6}-osdisk");
        assertThat(disk.path("tags").path("palette.dev_cluster-id").asText()).as("the OS disk is tagged after the VM is made")
                .isEqualTo(ctx.clusterId());
        assertThat(azure.server().getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization"))
                .isIn("Bearer " + FakeAzureServer.HOST_TOKEN, null));
    }

    private String vmName(String machine) {
        return machine + "-" + dev.palette.sdk.provider.azure.internal.Names.hash(ctx.clusterId(), 6);
    }

    @Test
    void aMachineThatExistsIsFoundByNameAndTagAfterARestartAndNotPutAgain() {
        MachineInfo first = await(provider.createMachine(ctx, worker(ctx, "workers-x2", "")));
        AzureProvider restarted = azure.provider();
        assertThat(await(restarted.listMachines(ctx))).extracting(MachineInfo::providerId).containsExactly(first.providerId());
        MachineInfo again = await(restarted.createMachine(ctx, worker(ctx, "workers-x2", "")));
        assertThat(again.providerId()).isEqualTo(first.providerId());
        assertThat(again.zone()).as("no zone asked: the config's first").isEqualTo("1");
        azure.server().verify(1, requests("PUT", ".*/virtualMachines/" + vmName("workers-x2")));
        assertThat(azure.fake().vms(ctx.clusterId())).hasSize(1);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsRepeatedOnTheSameNameAndMakesOneVm() {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        azure.fake().applyThenFail("PUT virtualMachines", 500, "InternalServerError", "An internal error occurred.");
        MachineInfo m = await(provider.createMachine(ctx, worker(ctx, "workers-l", "1")));
        azure.server().verify(2, requests("PUT", ".*/virtualMachines/" + vmName("workers-l")));
        assertThat(azure.fake().vms(ctx.clusterId())).containsOnlyKeys(vmName("workers-l"));
        assertThat(m.state()).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void aVmOfTheSameNameThatIsNotTheClustersIsLeftAlone() {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        String published = Fixtures.read("compute/VirtualMachine_Get.json");
        String body;
        try {
            body = JSON.readTree(published).path("responses").path("200").path("body").toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        azure.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("(?i).*/virtualMachines/" + vmName("workers-f")))
                .atPriority(1).willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(body)));
        assertThat(await(provider.describeMachine(ctx, "workers-f"))).as("the published VM has no cluster tag").isEmpty();
        Throwable t = failure(provider.createMachine(ctx, worker(ctx, "workers-f", "")));
        assertThat(t).isInstanceOf(dev.palette.sdk.api.error.ProviderException.class).hasMessageContaining("left alone");
        await(provider.deleteMachine(ctx, "workers-f"));
        azure.server().verify(0, requests("PUT", ".*/virtualMachines/.*"));
        azure.server().verify(0, requests("DELETE", ".*/virtualMachines/.*"));
    }

    @Test
    void deleteRemovesTheVmItsNicAndItsDiskAndAMissingMachineCountsAsDeleted() {
        MachineInfo m = await(provider.createMachine(ctx, worker(ctx, "workers-d", "1")));
        String vm = vmName("workers-d");
        assertThat(azure.fake().describe(m.providerId())).isNotNull();
        await(provider.deleteMachine(ctx, "workers-d"));
        azure.server().verify(1, requests("DELETE", ".*/virtualMachines/" + vm));
        assertThat(azure.fake().describe(m.providerId())).isNull();
        assertThat(azure.fake().leftovers(ctx.clusterId())).noneMatch(r -> r.contains(vm));
        assertThat(azure.fake().ids("microsoft.compute/disks")).noneMatch(d -> d.endsWith(vm + "-osdisk"));
        assertThat(await(provider.describeMachine(ctx, "workers-d"))).isEmpty();
        await(provider.deleteMachine(ctx, "workers-d"));
        await(provider.deleteMachine(ctx, "never-made"));
        azure.server().verify(1, requests("DELETE", ".*/virtualMachines/.*"));
    }

    @Test
    void aNicAndDiskLeftByACrashBetweenCallsAreDeletedWithTheMachine() {
        await(provider.createMachine(ctx, worker(ctx, "workers-c", "1")));
        String vm = vmName("workers-c");
        // Someone deleted the VM alone (its disk and NIC stay when told to): the machine's delete still removes them.
        azure.fake().detachAndForget(path(ctx, "Microsoft.Compute/virtualMachines", vm));
        assertThat(azure.fake().leftovers(ctx.clusterId())).anyMatch(r -> r.endsWith(vm + "-nic")).anyMatch(r -> r.endsWith(vm + "-osdisk"));
        await(provider.deleteMachine(ctx, "workers-c"));
        assertThat(azure.fake().leftovers(ctx.clusterId())).noneMatch(r -> r.contains(vm));
    }

    @Test
    void aCoreQuotaRefusalIsAQuotaErrorWithAzuresMessage() {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        azure.fake().setCoreLimit(1);
        Throwable t = failure(provider.createMachine(ctx, worker(ctx, "workers-q", "")));
        assertThat(t).isInstanceOf(QuotaExceededException.class)
                .hasMessageStartingWith("Operation could not be completed as it results in exceeding approved Total Regional Cores quota");
        assertThat(((QuotaExceededException) t).errorCode()).contains("OperationNotAllowed");
        assertThat(((QuotaExceededException) t).retryable()).isTrue();
        azure.server().verify(1, requests("PUT", ".*/virtualMachines/.*"));
        azure.fake().setCoreLimit(Integer.MAX_VALUE);
        assertThat(await(provider.createMachine(ctx, worker(ctx, "workers-q", ""))).state()).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void anUnavailableSizeIsAQuotaError() {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        azure.fake().setUnavailable("Standard_D2s_v3", true);
        Throwable t = failure(provider.createMachine(ctx, worker(ctx, "workers-s", "1")));
        assertThat(t).isInstanceOf(QuotaExceededException.class).hasMessageStartingWith("The requested size for resource");
        assertThat(((QuotaExceededException) t).errorCode()).contains("SkuNotAvailable");
    }

    @Test
    void aZonalAllocationFailureReportedByTheOperationIsAQuotaErrorAndTheFailedVmIsRemoved() {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        String message = "Allocation failed. We do not have sufficient capacity for the requested VM size in this zone.";
        azure.fake().failAsync("PUT virtualMachines", "ZonalAllocationFailed", message);
        Throwable t = failure(provider.createMachine(ctx, worker(ctx, "workers-z", "1")));
        assertThat(t).isInstanceOf(QuotaExceededException.class).hasMessage(message);
        assertThat(azure.fake().vms(ctx.clusterId())).as("the VM left in state Failed is deleted").isEmpty();
        assertThat(await(provider.createMachine(ctx, worker(ctx, "workers-z", "1"))).state()).isEqualTo(MachineState.RUNNING);
    }

    @Test
    void throttlingIsRetriedAfterTheRetryAfterAzureAsksFor() {
        azure.fake().failNext("GET virtualMachines", 1, 429, "OperationNotAllowed",
                "The server rejected the request because too many requests have been received for this subscription.",
                Map.of("Retry-After", "1"));
        long start = System.nanoTime();
        assertThat(await(provider.listMachines(ctx))).isEmpty();
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(950));
        azure.server().verify(2, requests("GET", ".*/resourceGroups/[^/]+/providers/Microsoft.Compute/virtualMachines"));
    }

    @Test
    void aLongRetryAfterFailsAtOnceAndHoldsBackEveryCallUntilItPassed() {
        AzureProvider own = azure.provider(); // the hold is per provider and subscription
        azure.fake().failNext("GET virtualMachines", 1, 429, "OperationNotAllowed", "too many requests", Map.of("Retry-After", "1200"));
        Throwable t = failure(own.listMachines(ctx));
        assertThat(t).isExactlyInstanceOf(dev.palette.sdk.provider.azure.internal.AzureErrors.Throttled.class)
                .hasMessageContaining("retry after 1200 s");
        assertThat(((dev.palette.sdk.api.error.ProviderException) t).retryable()).isTrue();
        int sent = azure.server().getAllServeEvents().size();
        Throwable held = failure(own.describeMachine(ctx, "workers-h"));
        assertThat(held).isInstanceOf(dev.palette.sdk.api.error.ProviderException.class).hasMessageContaining("not sent");
        assertThat(((dev.palette.sdk.api.error.ProviderException) held).retryable()).isTrue();
        assertThat(azure.server().getAllServeEvents()).as("nothing reached Azure").hasSize(sent);
    }

    @Test
    void serverErrorsAreRetriedThenReportedAsRetryable() {
        azure.fake().failNext("GET virtualMachines", 2, 500, "InternalServerError", "An internal error occurred.", Map.of());
        assertThat(await(provider.listMachines(ctx))).isEmpty();
        azure.fake().failNext("GET virtualMachines", 3, 503, "ServiceUnavailable", "The service is unavailable.", Map.of());
        Throwable t = failure(provider.listMachines(ctx));
        assertThat(t).isInstanceOf(dev.palette.sdk.api.error.ProviderException.class).hasMessageContaining("The service is unavailable.");
        assertThat(((dev.palette.sdk.api.error.ProviderException) t).retryable()).isTrue();
        azure.server().verify(6, requests("GET", ".*/resourceGroups/[^/]+/providers/Microsoft.Compute/virtualMachines"));
    }

    @Test
    void anAuthorizationFailureNamesTheActionAndIsNotRetried() {
        azure.fake().failNext("GET virtualMachines", 1, 403, "AuthorizationFailed", "The client 'aaaa' with object id 'bbbb' does not "
                + "have authorization to perform action 'Microsoft.Compute/virtualMachines/read' over scope '/subscriptions/x' "
                + "or the scope is invalid. If access was recently granted, please refresh your credentials.", Map.of());
        Throwable t = failure(provider.listMachines(ctx));
        assertThat(t).isInstanceOf(AccessDeniedException.class).hasMessageContaining("Microsoft.Compute/virtualMachines/read");
        assertThat(((AccessDeniedException) t).permission()).isEqualTo("Microsoft.Compute/virtualMachines/read");
        assertThat(((AccessDeniedException) t).retryable()).isFalse();
        azure.server().verify(1, requests("GET", ".*/resourceGroups/[^/]+/providers/Microsoft.Compute/virtualMachines"));

        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        azure.fake().failNext("PUT virtualMachines", 1, 403, "AuthorizationFailed", "The client 'aaaa' with object id 'bbbb' does "
                + "not have authorization to perform action 'Microsoft.Compute/virtualMachines/write' over scope '/subscriptions/x'.",
                Map.of());
        Throwable create = failure(provider.createMachine(ctx, worker(ctx, "workers-a", "")));
        assertThat(create).isInstanceOf(AccessDeniedException.class);
        assertThat(((AccessDeniedException) create).permission()).isEqualTo("Microsoft.Compute/virtualMachines/write");
    }

    @Test
    void theCustomDataNeverShowsInAnError() {
        await(provider.ensureNetwork(ctx, new NetworkRequest(List.of(), List.of())));
        azure.fake().failNext("PUT virtualMachines", 1, 400, "InvalidParameter", "The value of parameter customData is invalid.", Map.of());
        Throwable t = failure(provider.createMachine(ctx, worker(ctx, "workers-u", "")));
        assertThat(t).hasMessageContaining("InvalidParameter").hasMessageNotContaining("s3cr3t-bootstrap")
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8)));
        assertThat(((dev.palette.sdk.api.error.ProviderException) t).retryable()).isFalse();
    }
}
