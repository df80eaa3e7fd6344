package dev.palette.sdk.testkit;

import dev.palette.sdk.api.model.CloudConfig;
import dev.palette.sdk.api.model.ImageReference;
import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.testkit.contract.ProviderContractTest;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** The sim provider passes the provider contract, on a virtual clock with realistic delays. */
class SimProviderContractTest extends ProviderContractTest {
    private final VirtualClock clock = new VirtualClock();
    private final SimCloud cloud = SimCloud.builder().time(clock).latency(Duration.ofMillis(200)).build();

    @Override
    protected CloudProvider provider() {
        return new SimProvider(cloud);
    }

    @Override
    protected CloudProvider freshProvider() {
        return new SimProvider(cloud);
    }

    @Override
    protected CloudConfig cloudConfig() {
        return CloudConfig.of("sim", "sim-east-1");
    }

    @Override
    protected String instanceType() {
        return "sim.large";
    }

    @Override
    protected ImageReference baseImage() {
        return ImageReference.of("sim", "sim-east-1", "ubuntu-sim-22.04");
    }

    @Override
    protected void exhaustQuota() {
        cloud.setVcpuLimit(0);
    }

    @Override
    protected void restoreQuota() {
        cloud.setVcpuLimit(Integer.MAX_VALUE);
    }

    @Override
    protected <T> T await(CompletionStage<T> stage) {
        var f = stage.toCompletableFuture();
        while (!f.isDone() && clock.advanceToNextDeadline()) {
            // virtual time passes until the call answers
        }
        return super.await(f);
    }

    @Override
    protected void letTimePass(Duration d) {
        clock.advance(d);
    }
}
