package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.workload.WorkloadTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The calls to one cluster: each gets the cluster's client from the cache on a pool thread (so a missing
 * kubeconfig is a failed stage, not an exception at connect), and a 401 drops the client so the next call
 * reads the kubeconfig again.
 */
public final class ClusterCalls {
    private final WorkloadTarget target;
    private final ClientCache clients;
    private final BlockingCalls calls;

    /**
     * The calls to a cluster.
     *
     * @param target the cluster
     * @param clients the client cache
     * @param calls the pool
     */
    public ClusterCalls(WorkloadTarget target, ClientCache clients, BlockingCalls calls) {
        this.target = target;
        this.clients = clients;
        this.calls = calls;
    }

    /**
     * Runs a call now.
     *
     * @param what the operation, named in errors after the cluster id
     * @param call the call
     * @param <T> its result
     * @return completes with the result or a {@code PaletteException}
     */
    public <T> CompletableFuture<T> call(String what, Function<KubernetesClient, T> call) {
        return calls.run(describe(what), withClient(call));
    }

    /**
     * Runs a call after a delay.
     *
     * @param delay the delay
     * @param what the operation, named in errors after the cluster id
     * @param call the call
     * @param <T> its result
     * @return completes with the result or a {@code PaletteException}
     */
    public <T> CompletableFuture<T> callAfter(Duration delay, String what, Function<KubernetesClient, T> call) {
        return calls.runAfter(delay, describe(what), withClient(call));
    }

    /**
     * The cluster id.
     *
     * @return the id
     */
    public String clusterId() {
        return target.clusterId();
    }

    private String describe(String what) {
        return "cluster " + target.clusterId() + ": " + what;
    }

    private <T> Callable<T> withClient(Function<KubernetesClient, T> call) {
        return () -> {
            KubernetesClient client = clients.client(target);
            try {
                return call.apply(client);
            } catch (RuntimeException e) {
                if (KubernetesErrors.isUnauthorized(e)) {
                    clients.invalidate(target.clusterId(), client);
                }
                throw e;
            }
        };
    }
}
