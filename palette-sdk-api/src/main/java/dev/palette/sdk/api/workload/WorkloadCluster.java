package dev.palette.sdk.api.workload;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One workload cluster's API, as the engine uses it. Calls are asynchronous; a cluster that does not
 * answer completes the stage exceptionally with a retryable
 * {@link dev.palette.sdk.api.error.PaletteException}.
 */
public interface WorkloadCluster {

    /**
     * Lists the nodes with their conditions.
     *
     * @return the nodes
     */
    CompletionStage<List<NodeStatus>> nodes();

    /**
     * Marks a node unschedulable. Succeeds if the node is gone.
     *
     * @param nodeName the node
     * @return completes when done
     */
    CompletionStage<Void> cordon(String nodeName);

    /**
     * Evicts the pods of a node, giving up (exceptionally) after the timeout. Succeeds if the node is gone.
     *
     * @param nodeName the node
     * @param timeout how long to wait for evictions
     * @return completes when drained
     */
    CompletionStage<Void> drain(String nodeName, Duration timeout);

    /**
     * Deletes a node object. Succeeds if it is gone.
     *
     * @param nodeName the node
     * @return completes when done
     */
    CompletionStage<Void> deleteNode(String nodeName);

    /**
     * Changes a node's labels and taints in place. Succeeds if the node is gone.
     *
     * @param nodeName the node
     * @param update what to set and remove
     * @return completes when applied
     */
    CompletionStage<Void> updateNode(String nodeName, NodeUpdate update);

    /**
     * The node whose etcd member is the current leader, if the implementation can tell. The engine
     * replaces or remediates the leader's machine last, so that etcd does not hold an election per step.
     * The default knows no leader.
     *
     * @return the leader's node name, or empty when unknown
     */
    default CompletionStage<Optional<String>> etcdLeader() {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    }
}
