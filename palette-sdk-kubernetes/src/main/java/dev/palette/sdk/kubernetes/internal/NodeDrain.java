package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.PaletteException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Drains a node in rounds until its drainable pods are gone or the time is up. A round lists the pods,
 * asks the Eviction API to evict each one not already terminating (so disruption budgets are respected:
 * a refused eviction, 429, is asked again next round), and lists again. Rounds wait on a timer, not on a
 * thread. A node that is gone is drained.
 */
public final class NodeDrain {
    private static final int NAMED_PODS = 10;

    private final ClusterCalls calls;
    private final String node;
    private final Duration timeout;
    private final Duration pollInterval;
    private final long deadline;

    /**
     * A drain, started by {@link #run()}.
     *
     * @param calls the cluster's calls
     * @param node the node
     * @param timeout how long the drain may take
     * @param pollInterval how long between rounds
     */
    public NodeDrain(ClusterCalls calls, String node, Duration timeout, Duration pollInterval) {
        this.calls = calls;
        this.node = node;
        this.timeout = timeout;
        this.pollInterval = pollInterval;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Drains.
     *
     * @return completes when the node's drainable pods are gone; exceptionally (retryable) after the timeout,
     *     naming the pods left
     */
    public CompletableFuture<Void> run() {
        return calls.call("drain node " + node, this::round).thenCompose(this::next);
    }

    private CompletableFuture<Void> next(List<String> left) {
        if (left.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            String named = String.join(", ", left.subList(0, Math.min(NAMED_PODS, left.size())))
                    + (left.size() > NAMED_PODS ? " and " + (left.size() - NAMED_PODS) + " more" : "");
            return CompletableFuture.failedFuture(new PaletteException("cluster " + calls.clusterId() + ": node " + node
                    + " not drained within " + timeout + "; " + left.size() + " pods left: " + named, true));
        }
        Duration wait = Duration.ofNanos(Math.min(remaining, pollInterval.toNanos()));
        return calls.callAfter(wait, "drain node " + node, this::round).thenCompose(this::next);
    }

    /** One round; returns the pods still on the node. */
    private List<String> round(KubernetesClient client) {
        if (client.nodes().withName(node).get() == null) {
            return List.of();
        }
        List<Pod> pods = DrainablePods.on(client, node);
        boolean evicted = false;
        for (Pod p : pods) {
            if (p.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                // false: refused for now (429, a disruption budget); asked again next round.
                evicted |= client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).evict();
            } catch (RuntimeException e) {
                if (!KubernetesErrors.isNotFound(e)) {
                    throw e;
                }
            }
        }
        List<Pod> left = evicted ? DrainablePods.on(client, node) : pods;
        return left.stream().map(DrainablePods::id).toList();
    }
}
