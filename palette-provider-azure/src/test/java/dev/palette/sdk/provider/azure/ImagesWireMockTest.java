package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Images against the fake: marketplace and gallery images checked where the cluster runs, VHDs imported into
 * managed images (across locations through a snapshot copy), customized images built on a builder VM that
 * powers itself off, captured, tagged with the signature and found again by it.
 */
class ImagesWireMockTest extends FakeAzureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GALLERY_RG = "/subscriptions/" + FakeAzureServer.SUBSCRIPTION + "/resourceGroups/gallery-rg";
    private ProviderContext ctx;

    @BeforeEach
    void cluster() {
        ctx = context("img", Map.of("imageResourceGroup", "images-" + System.nanoTime()));
    }

    private static ImageRequest base(ImageReference ref) {
        return new ImageRequest(ref, "sig-" + System.nanoTime(), List.of(), false, "");
    }

    @Test
    void aMarketplaceImageIsCheckedInTheLocationAndUsedAsItIs() {
        ImageInfo ubuntu = await(provider.ensureImage(ctx, base(ImageReference.of("azure", "", FakeAzureServer.UBUNTU))));
        assertThat(ubuntu).isEqualTo(new ImageInfo(FakeAzureServer.UBUNTU, "", ImageInfo.Origin.BASE));
        azure.server().verify(1, requests("GET", "/subscriptions/[^/]+/providers/Microsoft.Compute/locations/eastus/publishers/"
                + "Canonical/artifacttypes/vmimage/offers/0001-com-ubuntu-server-jammy/skus/22_04-lts-gen2/versions"));

        ImageInfo byAttributes = await(provider.ensureImage(ctx, base(new ImageReference("azure", "", "", Map.of("publisher",
                "Canonical", "offer", "0001-com-ubuntu-server-jammy", "sku", "22_04-lts-gen2")))));
        assertThat(byAttributes.imageId()).isEqualTo(FakeAzureServer.UBUNTU);

        Throwable t = failure(provider.ensureImage(ctx, base(ImageReference.of("azure", "", "Canonical:nope:22_04:latest"))));
        assertThat(t).isInstanceOf(ProviderException.class).hasMessageContaining("Canonical:nope:22_04:latest")
                .hasMessageContaining("eastus");
        assertThat(((ProviderException) t).retryable()).isFalse();
    }

    @Test
    void aGalleryImageVersionMustBeReplicatedToTheLocation() {
        azure.fake().addResourceGroup(FakeAzureServer.SUBSCRIPTION, "gallery-rg");
        String here = GALLERY_RG + "/providers/Microsoft.Compute/galleries/g1/images/ubuntu/versions/1.0.0";
        String elsewhere = GALLERY_RG + "/providers/Microsoft.Compute/galleries/g1/images/ubuntu/versions/0.9.0";
        azure.fake().addResource(here, version("East US", "West US"));
        azure.fake().addResource(elsewhere, version("West US"));
        assertThat(await(provider.ensureImage(ctx, base(ImageReference.of("azure", "", here)))))
                .isEqualTo(new ImageInfo(here, "", ImageInfo.Origin.BASE));
        Throwable t = failure(provider.ensureImage(ctx, base(ImageReference.of("azure", "", elsewhere))));
        assertThat(t).isInstanceOf(ProviderException.class).hasMessageContaining("not replicated to location eastus");
    }

    private static ObjectNode version(String... regions) {
        ObjectNode p = JSON.createObjectNode();
        var targets = p.withObjectProperty("publishingProfile").putArray("targetRegions");
        for (String r : regions) {
            targets.addObject().put("name", r).put("regionalReplicaCount", 1);
        }
        return p;
    }

    @Test
    void aVhdInTheLocationBecomesAManagedImageOnceAndIsFoundAgain() throws Exception {
        String vhd = "https://imagesacct.blob.core.windows.net/vhds/ubuntu-2204.vhd";
        ImageInfo first = await(provider.ensureImage(ctx, base(ImageReference.of("azure", "eastus", vhd))));
        assertThat(first.origin()).isEqualTo(ImageInfo.Origin.COPIED);
        JsonNode put = JSON.readTree(azure.server().findAll(requests("PUT", ".*/images/.*")).get(0).getBodyAsString());
        assertThat(put.path("location").asText()).isEqualTo("eastus");
        assertThat(put.path("properties").path("storageProfile").path("osDisk").path("blobUri").asText()).isEqualTo(vhd);
        assertThat(put.path("properties").path("storageProfile").path("osDisk").path("osState").asText()).isEqualTo("Generalized");
        assertThat(put.path("tags").path("palette.dev_source-image").asText()).isEqualTo(vhd);
        ImageInfo again = await(azure.provider().ensureImage(context("img2", Map.of("imageResourceGroup",
                ctx.cloud().properties().get("imageResourceGroup"))), base(ImageReference.of("azure", "eastus", vhd))));
        assertThat(again.imageId()).isEqualTo(first.imageId());
        azure.server().verify(1, requests("PUT", ".*/images/.*"));
    }

    @Test
    void aVhdOfAnotherLocationIsCopiedThroughAnIncrementalSnapshot() throws Exception {
        String vhd = "https://westacct.blob.core.windows.net/vhds/ubuntu-2204.vhd";
        String account = "/subscriptions/" + FakeAzureServer.SUBSCRIPTION + "/resourceGroups/st/providers/Microsoft.Storage/storageAccounts/westacct";
        ImageInfo copied = await(provider.ensureImage(ctx, base(new ImageReference("azure", "westus", vhd,
                Map.of("storageAccountId", account)))));
        assertThat(copied.origin()).isEqualTo(ImageInfo.Origin.COPIED);
        var snapshots = azure.server().findAll(requests("PUT", ".*/snapshots/.*"));
        assertThat(snapshots).hasSize(2);
        JsonNode imported = JSON.readTree(snapshots.get(0).getBodyAsString());
        assertThat(imported.path("location").asText()).isEqualTo("westus");
        assertThat(imported.path("properties").path("creationData").path("createOption").asText()).isEqualTo("Import");
        assertThat(imported.path("properties").path("creationData").path("sourceUri").asText()).isEqualTo(vhd);
        assertThat(imported.path("properties").path("creationData").path("storageAccountId").asText()).isEqualTo(account);
        assertThat(imported.path("properties").path("incremental").asBoolean()).isTrue();
        JsonNode copy = JSON.readTree(snapshots.get(1).getBodyAsString());
        assertThat(copy.path("location").asText()).isEqualTo("eastus");
        assertThat(copy.path("properties").path("creationData").path("createOption").asText()).isEqualTo("CopyStart");
        JsonNode image = JSON.readTree(azure.server().findAll(requests("PUT", ".*/images/.*")).get(0).getBodyAsString());
        assertThat(image.path("properties").path("storageProfile").path("osDisk").path("snapshot").path("id").asText())
                .endsWith("-copy");
        azure.server().verify(2, requests("DELETE", ".*/snapshots/.*"));

        Throwable noAccount = failure(provider.ensureImage(ctx, base(ImageReference.of("azure", "westus", vhd + "2"))));
        assertThat(noAccount).isInstanceOf(ProviderException.class).hasMessageContaining("storageAccountId");
    }

    @Test
    void aCustomizedImageIsBuiltOnABuilderThatPowersOffIsCapturedAndFoundAgainBySignature() throws Exception {
        ImageRequest req = new ImageRequest(ImageReference.of("azure", "", FakeAzureServer.UBUNTU), "sig-build-" + ctx.clusterId(),
                List.of("harden-os"), true, "1.33.6");
        ImageInfo built = await(provider.ensureImage(ctx, req));
        assertThat(built.origin()).isEqualTo(ImageInfo.Origin.BUILT);
        JsonNode image = azure.fake().describe(built.imageId());
        assertThat(image.path("tags").path("palette.dev_image-signature").asText()).isEqualTo(req.signature());
        assertThat(image.path("properties").path("sourceVirtualMachine").path("id").asText()).contains("image-builder-");
        assertThat(built.imageId()).contains("/resourceGroups/" + ctx.cloud().properties().get("imageResourceGroup") + "/");

        JsonNode builder = JSON.readTree(azure.server().findAll(requests("PUT", ".*/virtualMachines/image-builder-.*")).get(0)
                .getBodyAsString());
        String customData = new String(Base64.getDecoder().decode(builder.path("properties").path("osProfile").path("customData")
                .asText()), StandardCharsets.UTF_8);
        assertThat(customData).startsWith("#cloud-config").contains("kubeadm=1.33.6-*").contains("name=harden-os")
                .contains("waagent -deprovision+user").contains("mode: poweroff");
        assertThat(builder.path("tags").path("palette.dev_role").asText()).isEqualTo("image-builder");
        azure.server().verify(1, requests("POST", ".*/virtualMachines/image-builder-[^/]+/deallocate"));
        azure.server().verify(1, requests("POST", ".*/virtualMachines/image-builder-[^/]+/generalize"));
        assertThat(azure.fake().vms(ctx.clusterId())).as("the builder is gone").isEmpty();
        assertThat(await(provider.listMachines(ctx))).isEmpty();

        ImageInfo reused = await(azure.provider().ensureImage(context("img3", Map.of("imageResourceGroup",
                ctx.cloud().properties().get("imageResourceGroup"))), req));
        assertThat(reused).isEqualTo(new ImageInfo(built.imageId(), req.signature(), ImageInfo.Origin.REUSED));
        azure.server().verify(1, requests("PUT", ".*/virtualMachines/.*"));
        assertThat(ResourceTags.IMAGE_SIGNATURE).isEqualTo("palette.dev/image-signature");
    }

    @Test
    void aBuilderWhoseDeletionFailedIsRemovedWhenTheImageIsNextAskedFor() {
        ImageRequest req = new ImageRequest(ImageReference.of("azure", "", FakeAzureServer.UBUNTU), "sig-left-" + ctx.clusterId(),
                List.of(), true, "1.33.6");
        azure.fake().failNext("DELETE virtualMachines", 3, 409, "Conflict", "The operation could not be completed.", Map.of());
        ImageInfo built = await(provider.ensureImage(ctx, req));
        assertThat(built.origin()).as("the capture's outcome decides, not the cleanup's").isEqualTo(ImageInfo.Origin.BUILT);
        assertThat(azure.fake().vms(ctx.clusterId())).as("the builder could not be deleted").hasSize(1);
        ImageInfo reused = await(provider.ensureImage(ctx, req));
        assertThat(reused.origin()).isEqualTo(ImageInfo.Origin.REUSED);
        assertThat(azure.fake().vms(ctx.clusterId())).as("the leftover builder is gone").isEmpty();
    }
}
