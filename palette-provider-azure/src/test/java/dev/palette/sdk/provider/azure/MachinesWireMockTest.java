package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
}
