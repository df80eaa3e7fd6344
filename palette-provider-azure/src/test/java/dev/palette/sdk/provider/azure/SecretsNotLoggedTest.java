package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.MachinePoolSpec;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.store.Secret;
import dev.palette.sdk.core.EngineSettings;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.core.store.InMemorySecretStore;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
import dev.palette.sdk.testkit.SecretLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With every logger at DEBUG (this test runs in its own surefire execution, logging to a file: see the
 * module's POM), a cluster provisioned on the fake Azure as a service principal, through a refused call, and
 * deleted, logs neither the principal's secret, nor the access tokens issued for it, nor the machines' custom data (the cluster's bootstrap
 * tokens and keys), although the Azure SDK and the provider did log at DEBUG.
 */
class SecretsNotLoggedTest {
    private static final String SECRET = "planted-Azure-Secret-7f3e9c1d";

    @Test
    void noSecretReachesTheLogAtDebug() throws Exception {
        assumeTrue("debug".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")),
                "run by the secrets-not-logged execution");
        Path logFile = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
        InMemorySecretStore secrets = new InMemorySecretStore();
        secrets.put("credentials/azure", new Secret(Map.of("tenantId", "tenant-log", "clientId", "app-log", "clientSecret", SECRET)));
        List<String> planted = new ArrayList<>(List.of(SECRET));
        try (FakeAzureServer azure = new FakeAzureServer();
             PaletteEngine engine = PaletteEngine.builder().discoverProviders(false).provider(azure.provider()).secrets(secrets)
                     .settings(EngineSettings.DEFAULTS.withPollInterval(Duration.ofMillis(50))
                             .withBackoff(Duration.ofMillis(5), Duration.ofMillis(200))).build()) {
            engine.start();
            ClusterProfile profile = ClusterProfile.builder().name("azure-log").version("1.0.0").cloudType("azure")
                    .addPack(Pack.builder().name("ubuntu-azure").version("22.04").layer(Layer.OS).skipK8sInstall(true)
                            .addImage(ImageReference.of("azure", "", FakeAzureServer.UBUNTU)).build())
                    .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                    .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build()).build();
            ClusterSpec spec = ClusterSpec.builder().profile(profile)
                    .cloud(CloudConfig.of("azure", FakeAzureServer.LOCATION).withProperties(Map.of("subscriptionId",
                            FakeAzureServer.SUBSCRIPTION)).withCredentialsRef("credentials/azure"))
                    .controlPlane(1, "Standard_D2s_v3")
                    .addWorkerPool(MachinePoolSpec.builder().name("workers").count(1).instanceType("Standard_D2s_v3").build()).build();
            azure.fake().failNext("PUT virtualMachines", 1, 400, "InvalidParameter", "The value of parameter customData is invalid.",
                    Map.of());
            Cluster c = engine.clusters().create("secretive", spec);
            engine.clusters().await(c.id(), Cluster::isReady, Duration.ofSeconds(60));
            planted.addAll(SecretLeaks.recognisable(secrets, "clusters/" + c.id() + "/"));
            azure.server().findAll(FakeAzureTest.requests("PUT", ".*/virtualMachines/.*")).forEach(r -> {
                String body = r.getBodyAsString();
                int i = body.indexOf("\"customData\":\"");
                if (i >= 0) {
                    planted.add(body.substring(i + 14, body.indexOf('"', i + 14)));
                }
            });
            azure.fake().authorizations().stream().filter(h -> h != null && h.startsWith("Bearer ")).map(h -> h.substring(7))
                    .distinct().forEach(planted::add); // the access tokens Entra ID issued for the secret
            engine.clusters().delete(c.id());
            engine.clusters().awaitDeleted(c.id(), Duration.ofSeconds(60));
        }
        String log = Files.readString(logFile);
        assertThat(log).as("the SDK and the provider did log at DEBUG").contains("DEBUG com.azure").contains("virtual machine");
        assertThat(planted).as("the secret, the custom data, the cluster's keys and tokens").hasSizeGreaterThan(3);
        assertThat(SecretLeaks.foundIn(log, planted)).as("secrets in the log").isEmpty();
        assertThat(log).doesNotContain("PRIVATE KEY").doesNotContain("client_secret");
    }
}
