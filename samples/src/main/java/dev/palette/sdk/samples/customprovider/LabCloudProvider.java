package dev.palette.sdk.samples.customprovider;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.error.ProviderException;
import dev.palette.sdk.api.error.QuotaExceededException;
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
import dev.palette.sdk.api.provider.ResourceTags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A complete provider plug-in over a blocking API, in about 150 lines. The three things every provider
 * must get right are marked in the code:
 * <ol>
 *   <li><b>Never block the engine:</b> each blocking call runs on this provider's own executor and the
 *       engine receives a {@link CompletionStage}.</li>
 *   <li><b>Idempotent by tags:</b> every resource carries the context's tags plus the machine name, and
 *       create looks for an existing one first, so a retry or a restarted engine never makes a second.</li>
 *   <li><b>Typed errors:</b> the cloud's capacity error becomes {@link QuotaExceededException} with the
 *       cloud's own message (shown on the cluster's failed condition); other errors say whether a retry
 *       may help.</li>
 * </ol>
 */
public final class LabCloudProvider implements CloudProvider {
    /** The provider id clusters name in {@code CloudConfig.provider}. */
    public static final String ID = "lab";

    private final LabCloudApi api;
    private final ExecutorService executor;
    private final Object createLock = new Object();

    /** The no-argument constructor {@code ServiceLoader} uses: a lab cloud with room for 100 VMs. */
    public LabCloudProvider() {
        this(new LabCloudApi(100));
    }

    /**
     * A provider over a given lab cloud.
     *
     * @param api the lab cloud client
     */
    public LabCloudProvider(LabCloudApi api) {
        this.api = api;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "lab-cloud-io");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ProviderMetadata metadata() {
        return new ProviderMetadata(ID, ID, "Lab cloud (sample plug-in)", Map.of(), Map.of());
    }

    /** (1) Runs a blocking call off the engine's threads and (3) maps the lab cloud's errors. */
    private <T> CompletionStage<T> call(Supplier<T> blocking) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return blocking.get();
            } catch (LabCloudApi.LabApiError e) {
                throw map(e);
            }
        }, executor);
    }

    private static PaletteException map(LabCloudApi.LabApiError e) {
        if (e.code().equals("OUT_OF_CAPACITY")) {
            return new QuotaExceededException(e.getMessage(), e.code());
        }
        return new ProviderException(e.getMessage(), e.code(), false, null);
    }

    @Override
    public CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request) {
        return call(() -> new NetworkInfo(api.ensureNetwork(context.clusterId(), context.tags()), Map.of()));
    }

    @Override
    public CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request) {
        // The lab cloud boots any image by name; a real cloud would look up the signature tag first.
        return CompletableFuture.completedFuture(new ImageInfo(request.base().id(), "", ImageInfo.Origin.BASE));
    }

    @Override
    public CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request) {
        // The lab cloud has no load balancers; a DNS round-robin name over the control plane stands in.
        return CompletableFuture.completedFuture(new LoadBalancerInfo("dns-" + context.clusterId(),
                context.clusterName() + ".lab.internal", request.port(), request.targets()));
    }

    @Override
    public CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request) {
        return call(() -> {
            // (2) Look for the machine an earlier attempt made before making one; the lock keeps two
            // concurrent calls for one name from both starting a VM.
            synchronized (createLock) {
                Optional<LabCloudApi.Vm> existing = find(context, request.machineName());
                LabCloudApi.Vm vm = existing.orElseGet(() -> api.startVm(request.instanceType(), request.imageId(), request.tags()));
                return info(vm);
            }
        });
    }

    @Override
    public CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName) {
        return call(() -> find(context, machineName).map(LabCloudProvider::info));
    }

    @Override
    public CompletionStage<List<MachineInfo>> listMachines(ProviderContext context) {
        return call(() -> api.findVms(Map.of(ResourceTags.CLUSTER_ID, context.clusterId())).stream()
                .map(LabCloudProvider::info).toList());
    }

    @Override
    public CompletionStage<Void> deleteMachine(ProviderContext context, String machineName) {
        return call(() -> {
            find(context, machineName).ifPresent(vm -> api.destroyVm(vm.id())); // missing is fine
            return null;
        });
    }

    @Override
    public CompletionStage<Void> deleteInfrastructure(ProviderContext context) {
        return call(() -> {
            api.deleteNetwork(context.clusterId());
            return null;
        });
    }

    @Override
    public CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request) {
        return CompletableFuture.completedFuture(QuotaCheck.OK);
    }

    private Optional<LabCloudApi.Vm> find(ProviderContext context, String machineName) {
        return api.findVms(Map.of(ResourceTags.CLUSTER_ID, context.clusterId(), ResourceTags.MACHINE, machineName))
                .stream().findFirst();
    }

    private static MachineInfo info(LabCloudApi.Vm vm) {
        return new MachineInfo(vm.labels().getOrDefault(ResourceTags.MACHINE, vm.id()), vm.id(), MachineState.RUNNING,
                "", vm.size(), 0, vm.image(), vm.ip(), vm.labels(), Instant.EPOCH);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
