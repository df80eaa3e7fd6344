package dev.palette.sdk.provider.azure;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.provider.azure.fake.FakeAzureServer;
import dev.palette.sdk.testkit.contract.ProviderContractTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Azure provider passes the provider contract, against the stateful ARM fake. */
class AzureProviderContractTest extends ProviderContractTest {
    private static FakeAzureServer azure;
    private static CloudProvider shared;

    @BeforeAll
    static void start() {
        azure = new FakeAzureServer();
        shared = azure.provider();
    }

    @Override
    protected CloudProvider provider() {
        return shared;
    }

    @Override
    protected CloudProvider freshProvider() {
        return azure.provider();
    }

    @Override
    protected CloudConfig cloudConfig() {
        return CloudConfig.of("azure", FakeAzureServer.LOCATION).withProperties(Map.of("subscriptionId", FakeAzureServer.SUBSCRIPTION,
                "zones", List.of("1")));
    }

    @Override
    protected String instanceType() {
        return "Standard_D2s_v3";
    }

    @Override
    protected ImageReference baseImage() {
        return ImageReference.of("azure", "", FakeAzureServer.UBUNTU);
    }

    @Override
    protected void exhaustQuota() {
        azure.fake().setCoreLimit(0);
    }

    @Override
    protected void restoreQuota() {
        azure.fake().setCoreLimit(Integer.MAX_VALUE);
    }

    @AfterAll
    static void stop() {
        azure.close();
    }
}
