package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.provider.CloudProvider;
import dev.palette.sdk.api.provider.ImageInfo;
import dev.palette.sdk.api.provider.ImageRequest;
import dev.palette.sdk.api.provider.LoadBalancerInfo;
import dev.palette.sdk.api.provider.LoadBalancerRequest;
import dev.palette.sdk.api.provider.MachineInfo;
import dev.palette.sdk.api.provider.MachineRequest;
import dev.palette.sdk.api.provider.MachineState;
import dev.palette.sdk.api.provider.NetworkInfo;
import dev.palette.sdk.api.provider.NetworkRequest;
import dev.palette.sdk.api.provider.ProviderContext;
import dev.palette.sdk.api.provider.ProviderMetadata;
import dev.palette.sdk.api.provider.QuotaCheck;
import dev.palette.sdk.api.provider.QuotaRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provider whose calls complete at once, so that a benchmark measures the engine and nothing else:
 * machines are running the moment they are created.
 */
public final class InstantCloud implements CloudProvider {
    private final ConcurrentHashMap<String, Map<String, MachineInfo>> machines = new ConcurrentHashMap<>();

    @Override
    public ProviderMetadata metadata() {
        return new ProviderMetadata("instant", "instant", "Instant (benchmarks)", Map.of(), Map.of());
    }

    @Override
    public CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request) {
        return CompletableFuture.completedFuture(new NetworkInfo("net-" + context.clusterId(), Map.of()));
    }

    @Override
    public CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request) {
        return CompletableFuture.completedFuture(new ImageInfo(request.base().id(), request.signature(), ImageInfo.Origin.BASE));
    }

    @Override
    public CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request) {
        return CompletableFuture.completedFuture(new LoadBalancerInfo("lb-" + context.clusterId(),
                context.clusterId() + ".lb", request.port(), request.targets()));
    }

    @Override
    public CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request) {
        MachineInfo info = machines.computeIfAbsent(context.clusterId(), k -> new ConcurrentHashMap<>())
                .computeIfAbsent(request.machineName(), n -> new MachineInfo(n, "i-" + n, MachineState.RUNNING, request.zone(),
                        request.instanceType(), request.diskGiB(), request.imageId(), "10.0.0.1", request.tags(), Instant.EPOCH));
        return CompletableFuture.completedFuture(info);
    }

    @Override
    public CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName) {
        return CompletableFuture.completedFuture(Optional.ofNullable(
                machines.getOrDefault(context.clusterId(), Map.of()).get(machineName)));
    }

    @Override
    public CompletionStage<List<MachineInfo>> listMachines(ProviderContext context) {
        return CompletableFuture.completedFuture(List.copyOf(machines.getOrDefault(context.clusterId(), Map.of()).values()));
    }

    @Override
    public CompletionStage<Void> deleteMachine(ProviderContext context, String machineName) {
        Map<String, MachineInfo> m = machines.get(context.clusterId());
        if (m != null) {
            m.remove(machineName);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deleteInfrastructure(ProviderContext context) {
        machines.remove(context.clusterId());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request) {
        return CompletableFuture.completedFuture(QuotaCheck.OK);
    }
}
