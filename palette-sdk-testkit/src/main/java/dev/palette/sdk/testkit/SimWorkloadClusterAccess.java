package dev.palette.sdk.testkit;

import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.workload.AddonRelease;
import dev.palette.sdk.api.workload.AppService;
import dev.palette.sdk.api.workload.NodeCondition;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.NodeUsage;
import dev.palette.sdk.api.workload.PodLog;
import dev.palette.sdk.api.workload.WorkloadCluster;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.api.workload.WorkloadTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated workload clusters of a {@link SimCloud}: each running machine is a node, Ready a little
 * after it boots, with conditions a test can override and an API that a test can make stop answering; add-on
 * packs are kept by the cloud's {@link SimAddons}.
 */
public final class SimWorkloadClusterAccess implements WorkloadClusterAccess {
    private final SimCloud cloud;
    private final ConcurrentHashMap<String, WorkloadCluster> clients = new ConcurrentHashMap<>();

    /**
     * Access to the workload clusters of a simulated cloud.
     *
     * @param cloud the cloud
     */
    public SimWorkloadClusterAccess(SimCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public WorkloadCluster connect(WorkloadTarget target) {
        return clients.computeIfAbsent(target.clusterId(), id -> new SimWorkloadCluster(id));
    }

    @Override
    public void release(String clusterId) {
        clients.remove(clusterId);
    }

    /**
     * How many clients are open (one per cluster).
     *
     * @return the count
     */
    public int openClients() {
        return clients.size();
    }

    @Override
    public void close() {
        clients.clear();
    }

    private final class SimWorkloadCluster implements WorkloadCluster {
        private final String clusterId;

        SimWorkloadCluster(String clusterId) {
            this.clusterId = clusterId;
        }

        private <T> CompletionStage<T> answer(java.util.function.Supplier<T> s) {
            if (cloud.isUnreachable(clusterId)) {
                return CompletableFuture.failedFuture(new PaletteException(
                        "the API server of cluster " + clusterId + " does not answer (simulated)", true));
            }
            try {
                return CompletableFuture.completedFuture(s.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e); // the SPI fails stages, it does not throw
            }
        }

        @Override
        public CompletionStage<List<NodeStatus>> nodes() {
            return answer(() -> {
                List<NodeStatus> out = new ArrayList<>();
                for (SimCloud.SimNode n : cloud.nodes(clusterId)) {
                    List<NodeCondition> conds = new ArrayList<>();
                    for (Map.Entry<String, String> c : n.conditions().entrySet()) {
                        Instant since = n.since().getOrDefault(c.getKey(), n.bootedAt());
                        conds.add(new NodeCondition(c.getKey(), c.getValue(), "", "", since));
                    }
                    out.add(new NodeStatus(n.name(), n.labels().getOrDefault(ResourceTags.MACHINE, n.name()), n.labels(),
                            conds, "v1.33.6", n.cordoned()));
                }
                return out;
            });
        }

        @Override
        public CompletionStage<Void> cordon(String nodeName) {
            return answer(() -> {
                cloud.cordon(clusterId, nodeName);
                return null;
            });
        }

        @Override
        public CompletionStage<Void> drain(String nodeName, Duration timeout) {
            return answer(() -> {
                cloud.drain(clusterId, nodeName);
                return null;
            });
        }

        @Override
        public CompletionStage<Void> deleteNode(String nodeName) {
            return answer(() -> null);
        }

        @Override
        public CompletionStage<Void> updateNode(String nodeName, dev.palette.sdk.api.workload.NodeUpdate update) {
            return answer(() -> {
                cloud.updateNode(clusterId, nodeName, update);
                return null;
            });
        }

        @Override
        public CompletionStage<java.util.Optional<String>> etcdLeader() {
            return answer(() -> cloud.etcdLeader(clusterId));
        }

        @Override
        public CompletionStage<List<AppService>> services() {
            return answer(() -> cloud.services(clusterId));
        }

        @Override
        public CompletionStage<List<PodLog>> podLogs(String namespace, Duration since) {
            return answer(() -> cloud.podLogs(clusterId, namespace));
        }

        @Override
        public CompletionStage<List<NodeUsage>> usage() {
            return answer(() -> cloud.usage(clusterId));
        }

        @Override
        public CompletionStage<String> describeObjects() {
            return answer(() -> cloud.description(clusterId));
        }

        @Override
        public CompletionStage<String> runJob(dev.palette.sdk.api.workload.NodeJob job) {
            return answer(() -> cloud.jobs().run(job));
        }

        @Override
        public CompletionStage<Map<String, String>> addons() {
            return answer(() -> cloud.addons().digests(clusterId));
        }

        @Override
        public CompletionStage<Void> applyAddon(AddonRelease release) {
            return answer(() -> null).thenRun(() -> cloud.addons().apply(clusterId, release));
        }

        @Override
        public CompletionStage<Void> removeAddon(String pack) {
            return answer(() -> null).thenRun(() -> cloud.addons().remove(clusterId, pack));
        }
    }
}
