package dev.palette.sdk.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.palette.sdk.api.error.AccessDeniedException;
import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ClusterProfile;
import dev.palette.sdk.api.model.ClusterSpec;
import dev.palette.sdk.api.model.Layer;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.Credentials;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The provider is found by ServiceLoader as {@code azure}, validates for the engine, signs in with a service
 * principal from the cluster's secret through azure-identity, and keeps the secret out of every message.
 */
class AzureProviderDiscoveryTest {
    private static final String SECRET = "sp-Secret-Value-9f2c-do-not-log";

    @Test
    void serviceLoaderFindsTheAzureProvider() {
        List<CloudProvider> found = ServiceLoader.load(CloudProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.metadata().id().equals("azure")).toList();
        assertThat(found).singleElement().isInstanceOf(AzureProvider.class);
        CloudProvider azure = found.get(0);
        assertThat(azure.metadata().cloudType()).isEqualTo("azure");
        assertThat(azure.metadata().configProperties()).containsKeys("subscriptionId", "zones", "resourceGroup", "virtualNetwork",
                "publicLoadBalancer", "tags");
        assertThat(azure.metadata().credentialKeys()).containsKeys("tenantId", "clientId", "clientSecret", "managedIdentityClientId");
        azure.close();
    }

    @Test
    void theEngineRefusesABadAzureConfigNamingEachField() {
        try (PaletteEngine engine = PaletteEngine.builder().build()) {
            assertThat(engine.providers().ids()).contains("azure");
            ClusterProfile profile = ClusterProfile.builder().name("p").version("1.0.0").cloudType("azure")
                    .addPack(Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS).build())
                    .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                    .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build()).build();
            ClusterSpec spec = ClusterSpec.builder().profile(profile)
                    .cloud(CloudConfig.of("azure", "eastus").withProperties(Map.of("zones", List.of("north"))))
                    .controlPlane(1, "Standard_D4s_v3").build();
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> engine.clusters().create("bad", spec));
            assertThat(e.violations()).extracting(Violation::path).contains("spec.cloud.properties.subscriptionId",
                    "spec.cloud.properties.zones[0]");
        }
    }

    @Test
    void aServicePrincipalFromTheSecretSignsInAndItsSecretNeverShowsInErrors() throws Exception {
        try (FakeAzureServer azure = new FakeAzureServer()) {
            AzureProvider provider = azure.provider();
            Credentials creds = new Credentials(Map.of("tenantId", "tenant-0001", "clientId", "app-0001", "clientSecret", SECRET));
            ProviderContext ctx = new ProviderContext("c-creds", "creds", CloudConfig.of("azure", FakeAzureServer.LOCATION)
                    .withProperties(Map.of("subscriptionId", FakeAzureServer.SUBSCRIPTION)), Map.of(ResourceTags.CLUSTER_ID, "c-creds"), creds);
            assertThat(provider.listMachines(ctx).toCompletableFuture().get(30, TimeUnit.SECONDS)).isEmpty();
            assertThat(azure.fake().tokenRequests()).singleElement().satisfies(form -> assertThat(form)
                    .contains("client_id=app-0001").contains("client_secret=" + SECRET).contains("grant_type=client_credentials"));
            assertThat(azure.fake().authorizations()).isNotEmpty().allSatisfy(h -> assertThat(h).startsWith("Bearer sp-token-"));
            azure.server().verify(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/tenant-0001/oauth2/v2.0/token")));

            // An error whose text carries the secret (as a misconfigured proxy might echo a request) is scrubbed.
            azure.fake().failNext("GET virtualMachines", 1, 403, "AuthorizationFailed", "The client 'app-0001' with secret " + SECRET
                    + " does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read' over scope 'x'.", Map.of());
            Throwable t = catchThrowable(() -> provider.listMachines(ctx).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertThat(t.getCause()).isInstanceOf(AccessDeniedException.class).hasMessageNotContaining(SECRET)
                    .hasMessageContaining("Microsoft.Compute/virtualMachines/read");

            ProviderContext half = new ProviderContext("c-creds", "creds", ctx.cloud(), Map.of(),
                    new Credentials(Map.of("clientId", "app-0001", "clientSecret", SECRET)));
            Throwable missing = catchThrowable(() -> provider.listMachines(half).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertThat(missing.getCause()).isInstanceOf(AccessDeniedException.class).hasMessageContaining("tenantId")
                    .hasMessageNotContaining(SECRET);
            ProviderContext none = new ProviderContext("c-creds", "creds", ctx.cloud(), Map.of(),
                    new Credentials(Map.of("password", SECRET)));
            Throwable unknown = catchThrowable(() -> provider.listMachines(none).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertThat(unknown.getCause()).isInstanceOf(AccessDeniedException.class).hasMessageContaining("names no identity")
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void aRefusedServicePrincipalIsAnAccessErrorWithoutItsSecret() throws Exception {
        try (FakeAzureServer azure = new FakeAzureServer()) {
            azure.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/.*/oauth2/v2.0/token")).atPriority(1)
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(401)
                            .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\","
                                    + "\"error_description\":\"AADSTS7000215: Invalid client secret provided.\",\"error_codes\":[7000215]}")));
            AzureProvider provider = azure.provider();
            ProviderContext ctx = new ProviderContext("c-bad", "bad", CloudConfig.of("azure", FakeAzureServer.LOCATION)
                    .withProperties(Map.of("subscriptionId", FakeAzureServer.SUBSCRIPTION)), Map.of(),
                    new Credentials(Map.of("tenantId", "tenant-0002", "clientId", "app-0002", "clientSecret", SECRET)));
            Throwable t = catchThrowable(() -> provider.listMachines(ctx).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertThat(t.getCause()).isInstanceOf(AccessDeniedException.class).hasMessageContaining("did not accept the credentials")
                    .hasMessageNotContaining(SECRET);
            assertThat(((AccessDeniedException) t.getCause()).retryable()).isFalse();
            assertThat(azure.fake().authorizations()).as("no ARM call without a token").isEmpty();
        }
    }
}
