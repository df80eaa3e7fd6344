package dev.palette.sdk.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.palette.sdk.api.workload.NodeUsage;
import dev.palette.sdk.api.workload.WorkloadCluster;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetricsBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Node usage through the real client: metrics.k8s.io, pod requests, the kubelet summary, allocatable, conditions. */
class Fabric8UsageTest {
    @RegisterExtension
    final ConnectedCluster connected = new ConnectedCluster();
    private final MockApiServer api = connected.api;
    private final WorkloadCluster cluster = connected.cluster;

    private void node(String name, boolean controlPlane) {
        Node n = TestObjects.node(name, name, Instant.parse("2026-01-01T10:00:00Z"));
        if (controlPlane) {
            n.getMetadata().getLabels().put("node-role.kubernetes.io/control-plane", "");
        }
        n.getStatus().setAllocatable(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi")));
        api.client().resource(n).create();
    }

    private void pod(String name, String node, String cpu, String memory, String phase) {
        api.client().resource(new PodBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("shop").withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory)).endResources().endContainer()
                .endSpec().withNewStatus().withPhase(phase).endStatus().build()).create();
    }

    @Test
    void eachNodesUseRequestsCapacityAndDiskAreRead() {
        node("cp-0", true);
        node("worker-0", false);
        api.client().resource(new NodeMetricsBuilder().withNewMetadata().withName("worker-0").endMetadata()
                .withTimestamp("2026-01-01T10:00:00Z").addToUsage("cpu", new Quantity("3500m")).addToUsage("memory", new Quantity("4Gi"))
                .build()).create();
        pod("web-1", "worker-0", "500m", "1Gi", "Running");
        pod("web-2", "worker-0", "250m", "512Mi", "Running");
        pod("migrate", "worker-0", "2", "8Gi", "Succeeded");
        api.server().expect().get().withPath("/api/v1/nodes/worker-0/proxy/stats/summary")
                .andReturn(200, "{\"node\":{\"nodeName\":\"worker-0\",\"fs\":{\"capacityBytes\":107374182400,\"usedBytes\":53687091200}}}")
                .always();

        List<NodeUsage> usage = cluster.usage().toCompletableFuture().join();

        assertThat(usage).extracting(NodeUsage::name).containsExactly("cp-0", "worker-0");
        NodeUsage cp = usage.get(0);
        assertThat(cp.controlPlane()).isTrue();
        assertThat(cp.cpuUsedCores()).as("no metrics for it").isZero();
        assertThat(cp.diskCapacityBytes()).as("its kubelet summary did not answer").isZero();
        NodeUsage w = usage.get(1);
        assertThat(w.controlPlane()).isFalse();
        assertThat(w.cpuCapacityCores()).isEqualTo(4);
        assertThat(w.cpuUsedCores()).isCloseTo(3.5, within(1e-9));
        assertThat(w.cpuRequestedCores()).as("finished pods do not count").isCloseTo(0.75, within(1e-9));
        assertThat(w.memoryCapacityBytes()).isEqualTo(16L << 30);
        assertThat(w.memoryUsedBytes()).isEqualTo(4L << 30);
        assertThat(w.memoryRequestedBytes()).isEqualTo(1536L << 20);
        assertThat(w.diskCapacityBytes()).isEqualTo(100L << 30);
        assertThat(w.diskUsedBytes()).isEqualTo(50L << 30);
        assertThat(w.conditions()).anyMatch(k -> k.type().equals("Ready") && k.status().equals("True"));
    }
}
