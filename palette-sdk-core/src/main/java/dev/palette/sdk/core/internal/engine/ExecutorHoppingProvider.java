package dev.palette.sdk.core.internal.engine;

import dev.palette.sdk.api.error.Violation;
import dev.palette.sdk.api.model.CloudConfig;
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
import org.slf4j.MDC;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import dev.palette.sdk.core.EngineObserver;

/**
 * Wraps a provider so that the engine's work after every call continues on the engine's executor, not
 * on whatever thread completed the provider's future (an SDK's I/O thread, a timer). It also counts
 * calls, and turns a provider method that throws instead of failing its stage into a failed stage.
 */
public final class ExecutorHoppingProvider implements CloudProvider {
    private final CloudProvider delegate;
    private final Executor executor;
    private final LongAdder calls = new LongAdder();
    private final Observers observers;
    private final String id;

    /**
     * Wraps a provider.
     *
     * @param delegate the provider
     * @param executor where continuations run
     */
    public ExecutorHoppingProvider(CloudProvider delegate, Executor executor) {
        this(delegate, executor, new Observers(List.of()));
    }

    /**
     * Wraps a provider, telling observers about each call.
     *
     * @param delegate the provider
     * @param executor the engine's executor
     * @param observers told when each call starts and ends
     */
    public ExecutorHoppingProvider(CloudProvider delegate, Executor executor, Observers observers) {
        this.delegate = delegate;
        this.executor = executor;
        this.observers = observers;
        this.id = delegate.metadata().id();
    }

    /**
     * Calls made through this wrapper.
     *
     * @return the count
     */
    public long calls() {
        return calls.sum();
    }

    private <T> CompletionStage<T> hop(String operation, ProviderContext context, Supplier<CompletionStage<T>> call) {
        calls.increment();
        EngineObserver.ProviderCall observed = observers.isEmpty() ? EngineObserver.ProviderCall.NONE
                : observers.providerCallStarted(id, operation, context.clusterId());
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            observed.finished(e);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> f = stage.toCompletableFuture();
        if (observed != EngineObserver.ProviderCall.NONE) {
            f = f.whenComplete((v, e) -> observed.finished(e));
        }
        if (f.isDone()) {
            return f; // already on a thread the engine owns
        }
        // The pass goes on where the call completes: on the engine's executor, with the pass's log context.
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return f.whenCompleteAsync((v, e) -> { }, task -> executor.execute(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                task.run();
            } finally {
                MDC.clear();
            }
        }));
    }

    @Override
    public ProviderMetadata metadata() {
        return delegate.metadata();
    }

    @Override
    public List<Violation> validate(CloudConfig cloud) {
        return delegate.validate(cloud);
    }

    @Override
    public CompletionStage<NetworkInfo> ensureNetwork(ProviderContext context, NetworkRequest request) {
        return hop("ensureNetwork", context, () -> delegate.ensureNetwork(context, request));
    }

    @Override
    public CompletionStage<ImageInfo> ensureImage(ProviderContext context, ImageRequest request) {
        return hop("ensureImage", context, () -> delegate.ensureImage(context, request));
    }

    @Override
    public CompletionStage<LoadBalancerInfo> ensureLoadBalancer(ProviderContext context, LoadBalancerRequest request) {
        return hop("ensureLoadBalancer", context, () -> delegate.ensureLoadBalancer(context, request));
    }

    @Override
    public CompletionStage<MachineInfo> createMachine(ProviderContext context, MachineRequest request) {
        return hop("createMachine", context, () -> delegate.createMachine(context, request));
    }

    @Override
    public CompletionStage<Optional<MachineInfo>> describeMachine(ProviderContext context, String machineName) {
        return hop("describeMachine", context, () -> delegate.describeMachine(context, machineName));
    }

    @Override
    public CompletionStage<List<MachineInfo>> listMachines(ProviderContext context) {
        return hop("listMachines", context, () -> delegate.listMachines(context));
    }

    @Override
    public CompletionStage<Void> deleteMachine(ProviderContext context, String machineName) {
        return hop("deleteMachine", context, () -> delegate.deleteMachine(context, machineName));
    }

    @Override
    public CompletionStage<Void> deleteInfrastructure(ProviderContext context) {
        return hop("deleteInfrastructure", context, () -> delegate.deleteInfrastructure(context));
    }

    @Override
    public CompletionStage<QuotaCheck> checkQuota(ProviderContext context, QuotaRequest request) {
        return hop("checkQuota", context, () -> delegate.checkQuota(context, request));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
