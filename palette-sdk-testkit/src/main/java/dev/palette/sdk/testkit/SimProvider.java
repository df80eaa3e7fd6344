package dev.palette.sdk.testkit;

import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ProviderMetadata;
import dev.palette.sdk.api.provider.QuotaCheck;
import dev.palette.sdk.api.provider.QuotaRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The {@code sim} provider: the engine's adapter over a {@link SimCloud}. Found by {@code ServiceLoader}
 * (with a fresh cloud on system time and default delays), or built over a cloud a test controls.
 */
public final class SimProvider implements CloudProvider {
    /** The provider id and cloud type. */
    public static final String ID = "sim";

    private final SimCloud cloud;

    /** A provider over a new simulated cloud with the default delays, on system time. */
    public SimProvider() {
        this(SimCloud.builder().build());
    }

    /**
     * A provider over a given simulated cloud.
     *
     * @param cloud the cloud
     */
    public SimProvider(SimCloud cloud) {
        this.cloud = cloud;
    }

    /**
     * The cloud behind this provider.
     *
     * @return the cloud
     */
    public SimCloud cloud() {
        return cloud;
    }

    @Override
    public ProviderMetadata metadata() {
        return new ProviderMetadata(ID, ID, "Simulated cloud", Map.of(), Map.of());
    }

    @Override
    public CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request) {
        return cloud.call(SimOperation.ENSURE_NETWORK, () -> cloud.ensureNetwork(context.clusterId(), request));
    }

    @Override
    public CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request) {
        return cloud.call(SimOperation.ENSURE_IMAGE, () -> cloud.ensureImage(context.clusterId(), context.region(), request))
                .thenCompose(stage -> stage);
    }

    @Override
    public CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request) {
        return cloud.call(SimOperation.ENSURE_LOAD_BALANCER, () -> cloud.ensureLoadBalancer(context.clusterId(), request));
    }

    @Override
    public CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request) {
        return cloud.call(SimOperation.CREATE_MACHINE, () -> cloud.createMachine(context.clusterId(), request));
    }

    @Override
    public CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName) {
        return cloud.call(SimOperation.DESCRIBE_MACHINE, () -> cloud.describeMachine(context.clusterId(), machineName));
    }

    @Override
    public CompletionStage<List<MachineInfo>> listMachines(ProviderContext context) {
        return cloud.call(SimOperation.LIST_MACHINES, () -> cloud.listMachines(context.clusterId()));
    }

    @Override
    public CompletionStage<Void> deleteMachine(ProviderContext context, String machineName) {
        return cloud.call(SimOperation.DELETE_MACHINE, () -> cloud.deleteMachine(context.clusterId(), machineName));
    }

    @Override
    public CompletionStage<Void> deleteInfrastructure(ProviderContext context) {
        return cloud.call(SimOperation.DELETE_INFRASTRUCTURE, () -> cloud.deleteInfrastructure(context.clusterId()));
    }

    @Override
    public CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request) {
        return cloud.call(SimOperation.CHECK_QUOTA, () -> QuotaCheck.OK);
    }
}
