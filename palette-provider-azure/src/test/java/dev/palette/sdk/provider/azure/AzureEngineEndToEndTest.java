package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Machine;
import dev.palette.sdk.api.model.MachinePhase;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine runs a cluster's whole life on the Azure provider against the stateful fake, in real time, signed
 * in as a service principal whose secret sits in the engine's secret store: provisioned (1 control plane,
 * 2 workers over two zones), scaled, rolled to another VM size, held by the cores quota and released when it
 * is raised, deleted with nothing left behind; the secret shows in no event and no condition.
 */
class AzureEngineEndToEndTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String SECRET = "e2e-Client-Secret-4b1d-never-shown";
    private final FakeAzureServer azure = new FakeAzureServer();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final PaletteEngine engine = PaletteEngine.builder().discoverProviders(false).provider(azure.provider()).secrets(secrets)
            .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(50))
                    .withBackoff(Duration.ofMillis(5), Duration.ofMillis(200)))
            .build();

    @AfterEach
    void stop() {
        engine.close();
        azure.close();
    }

    private static ClusterSpec spec() {
        ClusterProfile profile = ClusterProfile.builder().name("azure-base").version("1.0.0").cloudType("azure")
                .addPack(Pack.builder().name("ubuntu-azure").version("22.04").layer(Layer.OS).skipK8sInstall(true)
                        .addImage(ImageReference.of("azure", "", FakeAzureServer.UBUNTU)).build())
                .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build())
                .build();
        return ClusterSpec.builder().profile(profile)
                .cloud(CloudConfig.of("azure", FakeAzureServer.LOCATION).withProperties(Map.of("subscriptionId",
                        FakeAzureServer.SUBSCRIPTION, "zones", List.of("1", "2"))).withCredentialsRef("credentials/azure"))
                .controlPlane(1, "Standard_D2s_v3")
                .addWorkerPool(MachinePoolSpec.builder().name("workers").count(2).instanceType("Standard_D2s_v3")
                        .zones(List.of("1", "2")).build())
                .build();
    }

    private Set<String> providerIds(Cluster c, String pool) {
        return c.status().machines(pool).stream().map(Machine::providerId).collect(Collectors.toSet());
    }

    @Test
    void aClusterLivesItsWholeLifeOnTheFakeAzure() {
        secrets.put("credentials/azure", new Secret(Map.of("tenantId", "tenant-e2e", "clientId", "app-e2e", "clientSecret", SECRET)));
        engine.start();
        Cluster c = engine.clusters().create("azure-e2e", spec());
        Cluster ready = engine.clusters().await(c.id(), Cluster::isReady, LIMIT);

        assertThat(ready.status().conditions()).extracting(Condition::type).contains(ConditionTypes.INFRASTRUCTURE_READY,
                ConditionTypes.IMAGE_READY, ConditionTypes.CONTROL_PLANE_READY, ConditionTypes.WORKERS_READY);
        assertThat(ready.status().conditions()).allMatch(Condition::isTrue);
        assertThat(ready.status().machines()).hasSize(3).allMatch(m -> m.phase() == MachinePhase.RUNNING);
        assertThat(ready.status().machines("workers")).extracting(Machine::zone).containsExactlyInAnyOrder("1", "2");
        assertThat(azure.fake().vms(c.id())).hasSize(3);
        assertThat(ready.status().endpoint()).matches("https://palette-[0-9a-f]{16}\\.eastus\\.cloudapp\\.azure\\.com:6443");
        String cpVm = providerIds(ready, "control-plane").iterator().next();
        JsonNode cpNic = azure.fake().describe(cpVm.replace("Microsoft.Compute/virtualMachines", "Microsoft.Network/networkInterfaces") + "-nic");
        assertThat(cpNic.path("properties").path("ipConfigurations").path(0).path("properties").path("loadBalancerBackendAddressPools")
                .path(0).path("id").asText()).as("the control plane is in the API load balancer's pool").endsWith("/backendAddressPools/control-plane");
        assertThat(azure.fake().calls("PUT virtualMachines")).as("one create per machine").isEqualTo(3);
        assertThat(azure.fake().tokenRequests()).as("signed in as the service principal of the secret").isNotEmpty()
                .allSatisfy(f -> assertThat(f).contains("client_id=app-e2e"));

        engine.clusters().scaleWorkerPool(c.id(), "workers", 3);
        Cluster scaled = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 3, LIMIT);
        assertThat(azure.fake().vms(c.id())).hasSize(4);

        Set<String> before = providerIds(scaled, "workers");
        engine.clusters().update(c.id(), s -> s.withWorkerPool(s.workerPool("workers").orElseThrow().toBuilder()
                .instanceType("Standard_D4s_v3").build()));
        Cluster rolled = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").stream()
                .allMatch(m -> m.instanceType().equals("Standard_D4s_v3")), LIMIT);
        assertThat(rolled.status().machines("workers")).hasSize(3);
        assertThat(providerIds(rolled, "workers")).doesNotContainAnyElementsOf(before);
        assertThat(rolled.status().upgradeHistory()).anyMatch(u -> String.join(";", u.reasons()).contains("Standard_D2s_v3")
                && String.join(";", u.reasons()).contains("Standard_D4s_v3"));
        assertThat(azure.fake().vms(c.id())).as("replaced workers are deleted").hasSize(4);

        // 1 control plane (D2s: 2 cores) + 3 workers (D4s: 4 each) = 14: no room for a fifth machine.
        azure.fake().setCoreLimit(14);
        engine.clusters().scaleWorkerPool(c.id(), "workers", 4);
        Cluster held = engine.clusters().await(c.id(), x -> x.status().condition(ConditionTypes.WORKERS_READY)
                .map(Condition::isFailed).orElse(false), LIMIT);
        Condition failed = held.status().condition(ConditionTypes.WORKERS_READY).orElseThrow();
        assertThat(failed.reason()).isEqualTo("QuotaExceeded");
        assertThat(failed.message()).startsWith("Operation could not be completed as it results in exceeding approved Total "
                + "Regional Cores quota").contains("Current Limit: 14");
        azure.fake().setCoreLimit(100);
        Cluster released = engine.clusters().await(c.id(), x -> x.isReady() && x.status().machines("workers").size() == 4, LIMIT);
        assertThat(released.status().condition(ConditionTypes.WORKERS_READY).orElseThrow().isTrue()).isTrue();
        assertThat(azure.fake().vms(c.id())).hasSize(5);

        List<ClusterEvent> events = engine.events().list(c.id());
        engine.clusters().delete(c.id());
        engine.clusters().awaitDeleted(c.id(), LIMIT);
        assertThat(azure.fake().leftovers(c.id())).as("nothing of the cluster is left in the cloud").isEmpty();
        assertThat(azure.fake().ids("microsoft.resources/resourcegroups")).noneMatch(id -> id.endsWith(c.id()));

        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.message()).doesNotContain(SECRET));
        assertThat(held.status().conditions()).allSatisfy(k -> assertThat(k.message()).doesNotContain(SECRET));
        assertThat(released.status().conditions()).allSatisfy(k -> assertThat(k.message()).doesNotContain(SECRET));
    }
}
