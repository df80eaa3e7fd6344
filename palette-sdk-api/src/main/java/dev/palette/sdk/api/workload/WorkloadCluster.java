package dev.palette.sdk.api.workload;

import dev.palette.sdk.api.error.AddonException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * The add-on packs applied to this cluster, as the cluster itself records them (so that an engine
     * restarted elsewhere knows): pack name to the {@link AddonRelease#digest()} of the release applied.
     * The default, for implementations without add-on support, is none.
     *
     * @return completes with the packs
     */
    default CompletionStage<Map<String, String>> addons() {
        return CompletableFuture.completedFuture(Map.of());
    }

    /**
     * Applies a pack's objects (server-side apply, so fields other managers own are kept), each labelled
     * {@code palette.dev/pack} and {@code palette.dev/pack-version}; objects of the pack's previous release that
     * this one no longer has are deleted; then the release is recorded. Idempotent.
     *
     * @param release the pack's release
     * @return completes when applied; fails with {@link AddonException} naming the
     *     object the API server refused
     */
    default CompletionStage<Void> applyAddon(AddonRelease release) {
        return CompletableFuture.failedFuture(new AddonException(release.pack(), "",
                "this workload cluster access cannot apply add-on packs", false, null));
    }

    /**
     * Deletes every object of a pack and its record: the pack left the profile. A pack not applied is a no-op.
     *
     * @param pack the pack name
     * @return completes when deleted
     */
    default CompletionStage<Void> removeAddon(String pack) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The cluster's Services of type {@code LoadBalancer} and {@code NodePort} in every namespace, whoever
     * deployed them, with their addresses and URLs. The default, for implementations that do not list
     * them, is none.
     *
     * @return completes with the services, sorted by namespace and name
     */
    default CompletionStage<List<AppService>> services() {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * Runs a one-off pod on a node and returns its log once it has finished; the pod (and its Job) is deleted
     * afterwards, whatever happened. The default, for implementations that cannot run pods, fails.
     *
     * @param job what to run
     * @return completes with the pod's log; fails with a {@link dev.palette.sdk.api.error.PaletteException}
     *     when the pod fails (with its reason), cannot be scheduled, or does not finish within the job's timeout
     */
    default CompletionStage<String> runJob(NodeJob job) {
        return CompletableFuture.failedFuture(new dev.palette.sdk.api.error.PaletteException(
                "this workload cluster access cannot run jobs on nodes", false));
    }

    /**
     * The logs of every container of every pod in a namespace, from {@code since} ago on (all of it when
     * {@code since} is {@code null}); a container whose log cannot be read is listed with why. The default,
     * for implementations that do not read logs, is none.
     *
     * @param namespace the namespace
     * @param since how far back, or {@code null} for everything the kubelet keeps
     * @return completes with the logs, sorted by pod and container
     */
    default CompletionStage<List<PodLog>> podLogs(String namespace, Duration since) {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * A YAML description of the cluster's objects for a support bundle: CustomResourceDefinitions,
     * Deployments, Pods, ConfigMaps, Events and Nodes of every namespace, and Secrets by name and type
     * only — never their data. The default, for implementations that do not describe, is empty.
     *
     * @return completes with multi-document YAML
     */
    default CompletionStage<String> describeObjects() {
        return CompletableFuture.completedFuture("");
    }

    /**
     * What each node uses now (CPU and memory from {@code metrics.k8s.io}, requests from the pods scheduled
     * on it, disk from the kubelet). The default, for implementations without metrics, is none.
     *
     * @return completes with every node's usage, sorted by name
     */
    default CompletionStage<List<NodeUsage>> usage() {
        return CompletableFuture.completedFuture(List.of());
    }
}
