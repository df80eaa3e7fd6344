package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureCloudConfigTest {
    private static final String SUB = "00000000-1111-2222-3333-444444444444";

    private static CloudConfig cloud(String location, Map<String, Object> props) {
        return CloudConfig.of("azure", location).withProperties(props);
    }

    @Test
    void defaultsNeedOnlyALocationAndASubscription() {
        AzureCloudConfig c = AzureCloudConfig.from(cloud("westeurope", Map.of("subscriptionId", SUB)));
        assertThat(c.location()).isEqualTo("westeurope");
        assertThat(c.subscriptionId()).isEqualTo(SUB);
        assertThat(c.zones()).isEmpty();
        assertThat(c.resourceGroup()).isEmpty();
        assertThat(c.resourceGroupFor("c-1")).isEqualTo("palette-c-1");
        assertThat(c.virtualNetwork()).isEmpty();
        assertThat(c.vnetCidr()).isEqualTo("10.0.0.0/16");
        assertThat(c.natGateway()).as("a network the provider makes needs a way out").isTrue();
        assertThat(c.publicLoadBalancer()).isTrue();
        assertThat(c.adminUsername()).isEqualTo("palette");
        assertThat(c.sshPublicKey()).isEmpty();
        assertThat(c.imageResourceGroup()).isEqualTo("palette-images");
        assertThat(c.tags()).isEmpty();
    }

    @Test
    void readsEverySetting() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subscriptionId", SUB);
        p.put("zones", List.of("1", 2, "3"));
        p.put("resourceGroup", "team-rg");
        p.put("virtualNetwork", Map.of("name", "shared", "resourceGroup", "network-rg", "controlPlaneSubnet", "cp", "workerSubnet", "w"));
        p.put("publicLoadBalancer", "false");
        p.put("adminUsername", "ops");
        p.put("sshPublicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example");
        p.put("imageResourceGroup", "shared-images");
        p.put("tags", Map.of("team", "payments"));
        AzureCloudConfig c = AzureCloudConfig.from(cloud("eastus", p));
        assertThat(c.zones()).containsExactly("1", "2", "3");
        assertThat(c.resourceGroupFor("c-1")).isEqualTo("team-rg");
        assertThat(c.virtualNetwork()).contains(new AzureCloudConfig.ExistingNetwork("shared", "network-rg", "cp", "w"));
        assertThat(c.natGateway()).as("a given network's routing is its owner's").isFalse();
        assertThat(c.publicLoadBalancer()).isFalse();
        assertThat(c.adminUsername()).isEqualTo("ops");
        assertThat(c.sshPublicKey()).hasValueSatisfying(k -> assertThat(k).startsWith("ssh-ed25519 "));
        assertThat(c.imageResourceGroup()).isEqualTo("shared-images");
        assertThat(c.tags()).containsEntry("team", "payments");
    }

    @Test
    void aVirtualNetworkWithoutItsGroupTakesTheClustersGroup() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subscriptionId", SUB);
        p.put("resourceGroup", "team-rg");
        p.put("virtualNetwork", Map.of("name", "shared", "controlPlaneSubnet", "cp", "workerSubnet", "w"));
        assertThat(AzureCloudConfig.from(cloud("eastus", p)).virtualNetwork().orElseThrow().resourceGroup()).isEqualTo("team-rg");
        p.put("natGateway", true);
        p.remove("resourceGroup");
        assertThat(AzureCloudConfig.check(cloud("eastus", p))).extracting(Violation::path)
                .containsExactly("properties.virtualNetwork.resourceGroup", "properties.natGateway");
    }

    @Test
    void everyViolationIsReportedWithItsPath() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subscriptionId", "not-a-guid");
        p.put("zones", List.of("1", "east", "1"));
        p.put("resourceGroup", "bad name.");
        p.put("virtualNetwork", Map.of("name", "shared", "resourceGroup", "n", "workerSubnet", "w", "subnet", "x"));
        p.put("vnetCidr", "10.0.0.0/24");
        p.put("publicLoadBalancer", "yes");
        p.put("adminUsername", "root");
        p.put("sshPublicKey", "ssh-dss AAAA");
        p.put("tags", Map.of("a/b", "x", "palette.dev_cluster-id", "y", "microsoftOwned", "z"));
        p.put("vnetID", "typo");
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> AzureCloudConfig.from(cloud("East US", p)));
        assertThat(e.violations()).extracting(Violation::path).contains("region", "properties.vnetID", "properties.subscriptionId",
                "properties.zones[1]", "properties.zones[2]", "properties.resourceGroup", "properties.virtualNetwork.subnet",
                "properties.virtualNetwork.controlPlaneSubnet", "properties.vnetCidr", "properties.publicLoadBalancer",
                "properties.adminUsername", "properties.sshPublicKey", "properties.tags.a/b", "properties.tags.palette.dev_cluster-id",
                "properties.tags.microsoftOwned");
        assertThat(e.violations()).filteredOn(v -> v.path().equals("region")).extracting(Violation::message)
                .containsExactly("'East US' is not an Azure location name such as eastus or westeurope");
    }

    @Test
    void aMissingLocationOrSubscriptionIsNamed() {
        assertThat(AzureCloudConfig.check(CloudConfig.of("azure", ""))).extracting(Violation::toString).containsExactly(
                "region: an Azure location is required, e.g. eastus",
                "properties.subscriptionId: is required: a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)");
    }
}
