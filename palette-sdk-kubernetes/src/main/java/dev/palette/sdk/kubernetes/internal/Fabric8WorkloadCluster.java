package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.error.ValidationException;
import dev.palette.sdk.api.workload.AddonRelease;
import dev.palette.sdk.api.workload.AppService;
import dev.palette.sdk.api.workload.NodeJob;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.NodeUsage;
import dev.palette.sdk.api.workload.PodLog;
import dev.palette.sdk.api.workload.NodeUpdate;
import dev.palette.sdk.api.workload.WorkloadCluster;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NodeList;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** One workload cluster's operations on its fabric8 client; every call runs on the access's pool. */
public final class Fabric8WorkloadCluster implements WorkloadCluster {
    /** A node name is a DNS subdomain (RFC 1123), which also keeps it safe inside a URL path. */
    private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final int MAX_NODE_NAME = 253;
    private static final long PAGE = 500;

    private final ClusterCalls calls;
    private final Duration drainPollInterval;

    /**
     * A cluster.
     *
     * @param calls its calls
     * @param drainPollInterval how often a drain, or a node job, looks again
     */
    public Fabric8WorkloadCluster(ClusterCalls calls, Duration drainPollInterval) {
        this.calls = calls;
        this.drainPollInterval = drainPollInterval;
    }

    @Override
    public CompletionStage<List<NodeStatus>> nodes() {
        return calls.call("list nodes", Fabric8WorkloadCluster::listNodes);
    }

    @Override
    public CompletionStage<Void> cordon(String nodeName) {
        check(nodeName);
        return calls.call("cordon node " + nodeName, c -> {
            NodeWriter.modify(c, nodeName, NodeEdits::cordon);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> drain(String nodeName, Duration timeout) {
        check(nodeName);
        if (timeout == null || timeout.isNegative()) {
            throw new ValidationException("timeout", "must be zero or more, was " + timeout);
        }
        return new NodeDrain(calls, nodeName, timeout, drainPollInterval).run();
    }

    @Override
    public CompletionStage<Void> deleteNode(String nodeName) {
        check(nodeName);
        return calls.call("delete node " + nodeName, c -> {
            c.nodes().withName(nodeName).delete(); // a node already gone answers an empty list, not an error
            return null;
        });
    }

    /**
     * Applies labels and taints by read-modify-write; an update already in place writes nothing.
     *
     * @param nodeName the node
     * @param update what to set and remove
     * @return completes when applied, or at once for an empty update
     */
    @Override
    public CompletionStage<Void> updateNode(String nodeName, NodeUpdate update) {
        check(nodeName);
        Objects.requireNonNull(update, "update");
        if (update.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return calls.call("update labels and taints of node " + nodeName, c -> {
            NodeWriter.modify(c, nodeName, n -> NodeEdits.apply(n, update));
            return null;
        });
    }

    @Override
    public CompletionStage<List<PodLog>> podLogs(String namespace, Duration since) {
        Objects.requireNonNull(namespace, "namespace");
        return calls.call("read the logs of namespace " + namespace, c -> SupportData.logs(c, namespace, since));
    }

    @Override
    public CompletionStage<List<NodeUsage>> usage() {
        return calls.call("read node usage", NodeUsages::of);
    }

    @Override
    public CompletionStage<String> describeObjects() {
        return calls.call("describe the cluster's objects", SupportData::describe);
    }

    @Override
    public CompletionStage<String> runJob(NodeJob job) {
        Objects.requireNonNull(job, "job");
        return new NodeJobRun(calls, job, drainPollInterval).run();
    }

    @Override
    public CompletionStage<List<AppService>> services() {
        return calls.call("list services", AppServiceList::of);
    }

    @Override
    public CompletionStage<java.util.Map<String, String>> addons() {
        return calls.call("read the add-on records", AddonObjects::recorded);
    }

    @Override
    public CompletionStage<Void> applyAddon(AddonRelease release) {
        Objects.requireNonNull(release, "release");
        return calls.call("apply add-on pack " + release.pack() + " " + release.version(), c -> {
            AddonObjects.apply(c, release);
            return null;
        });
    }

    @Override
    public CompletionStage<Void> removeAddon(String pack) {
        Objects.requireNonNull(pack, "pack");
        return calls.call("remove add-on pack " + pack, c -> {
            AddonObjects.remove(c, pack);
            return null;
        });
    }

    private static List<NodeStatus> listNodes(KubernetesClient client) {
        List<NodeStatus> out = new ArrayList<>();
        String next = null;
        do {
            NodeList page = client.nodes().list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            page.getItems().forEach(n -> out.add(NodeStatuses.of(n)));
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return out;
    }

    private static void check(String nodeName) {
        if (nodeName == null || nodeName.length() > MAX_NODE_NAME || !NODE_NAME.matcher(nodeName).matches()) {
            throw new ValidationException("nodeName", "must be a DNS subdomain name (lower-case letters, digits, '-' and '.'),"
                    + " was '" + nodeName + "'");
        }
    }
}
