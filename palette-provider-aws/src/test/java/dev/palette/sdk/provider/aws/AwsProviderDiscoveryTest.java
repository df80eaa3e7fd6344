package dev.palette.sdk.provider.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import dev.palette.sdk.provider.aws.fake.FakeAwsServer;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The provider is found by ServiceLoader as {@code aws}, validates for the engine, and keeps credentials secret. */
class AwsProviderDiscoveryTest {

    @Test
    void serviceLoaderFindsTheAwsProvider() {
        List<CloudProvider> found = ServiceLoader.load(CloudProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.metadata().id().equals("aws")).toList();
        assertThat(found).singleElement().isInstanceOf(AwsProvider.class);
        CloudProvider aws = found.get(0);
        assertThat(aws.metadata().cloudType()).isEqualTo("aws");
        assertThat(aws.metadata().configProperties()).containsKeys("zones", "vpcId", "subnets", "sshKeyName", "instanceProfile", "tags");
        assertThat(aws.metadata().credentialKeys()).containsKeys("accessKeyId", "secretAccessKey", "sessionToken");
        aws.close();
    }

    @Test
    void theEngineRefusesABadAwsConfigNamingEachField() {
        try (PaletteEngine engine = PaletteEngine.builder().build()) {
            assertThat(engine.providers().ids()).contains("aws");
            ClusterProfile profile = ClusterProfile.builder().name("p").version("1.0.0").cloudType("aws")
                    .addPack(Pack.builder().name("ubuntu").version("22.04").layer(Layer.OS).build())
                    .addPack(Pack.builder().name("kubernetes").version("1.33.6").layer(Layer.KUBERNETES).build())
                    .addPack(Pack.builder().name("cni-calico").version("3.31.2").layer(Layer.CNI).build()).build();
            ClusterSpec spec = ClusterSpec.builder().profile(profile)
                    .cloud(CloudConfig.of("aws", "us-east-1").withProperties(Map.of("vpcId", "vpc-nope", "zones", List.of("eu-west-1a"))))
                    .controlPlane(1, "m5.large").build();
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> engine.clusters().create("bad", spec));
            assertThat(e.violations()).extracting(Violation::path).contains("spec.cloud.properties.vpcId",
                    "spec.cloud.properties.zones[0]");
        }
    }

    @Test
    void explicitCredentialsSignTheRequestsAndNeverShowInErrors() throws Exception {
        try (FakeAwsServer aws = new FakeAwsServer()) {
            AwsProvider provider = aws.provider();
            Credentials creds = new Credentials(Map.of("accessKeyId", "AKIDEXPLICIT0001", "secretAccessKey", "very-secret-key"));
            ProviderContext ctx = new ProviderContext("c-creds", "creds", CloudConfig.of("aws", FakeAwsServer.REGION),
                    Map.of(ResourceTags.CLUSTER_ID, "c-creds"), creds);
            assertThat(provider.listMachines(ctx).toCompletableFuture().get(30, TimeUnit.SECONDS)).isEmpty();
            aws.server().verify(postRequestedFor(urlEqualTo("/")).withHeader("Authorization",
                    containing("Credential=AKIDEXPLICIT0001/")));

            aws.fake().failNext("DescribeInstances", 1, 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
            Throwable t = catchThrowable(() -> provider.listMachines(ctx).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertThat(t.getCause()).isInstanceOf(AccessDeniedException.class);
            assertThat(t.getCause().getMessage()).doesNotContain("very-secret-key");

            ProviderContext half = new ProviderContext("c-creds", "creds", CloudConfig.of("aws", FakeAwsServer.REGION),
                    Map.of(), new Credentials(Map.of("accessKeyId", "AKIDONLY")));
            Throwable missing = catchThrowable(() -> provider.listMachines(half).toCompletableFuture().get(30, TimeUnit.SECONDS));
            assertThat(missing.getCause()).isInstanceOf(AccessDeniedException.class).hasMessageContaining("secretAccessKey")
                    .hasMessageNotContaining("AKIDONLY");
        }
    }
}
