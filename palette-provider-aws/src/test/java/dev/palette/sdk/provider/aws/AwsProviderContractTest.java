package dev.palette.sdk.provider.aws;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.provider.aws.fake.FakeAwsServer;
import dev.palette.sdk.testkit.contract.ProviderContractTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The AWS provider passes the provider contract, against the stateful EC2/ELBv2 fake. */
class AwsProviderContractTest extends ProviderContractTest {
    private static FakeAwsServer aws;
    private static CloudProvider shared;

    @BeforeAll
    static void start() {
        aws = new FakeAwsServer();
        shared = aws.provider();
    }

    @Override
    protected CloudProvider provider() {
        return shared;
    }

    @Override
    protected CloudProvider freshProvider() {
        return aws.provider();
    }

    @Override
    protected CloudConfig cloudConfig() {
        return CloudConfig.of("aws", FakeAwsServer.REGION).withProperties(Map.of("zones", List.of("us-east-1a")));
    }

    @Override
    protected String instanceType() {
        return "m5.large";
    }

    @Override
    protected ImageReference baseImage() {
        return ImageReference.of("aws", FakeAwsServer.REGION, FakeAwsServer.UBUNTU_AMI);
    }

    @Override
    protected void exhaustQuota() {
        aws.fake().setVcpuLimit(0);
    }

    @Override
    protected void restoreQuota() {
        aws.fake().setVcpuLimit(Integer.MAX_VALUE);
    }

    @AfterAll
    static void stop() {
        aws.close();
    }
}
