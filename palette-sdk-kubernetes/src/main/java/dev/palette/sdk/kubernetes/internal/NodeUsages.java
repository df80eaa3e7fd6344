package dev.palette.sdk.kubernetes.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palette.sdk.api.workload.NodeStatus;
import dev.palette.sdk.api.workload.NodeUsage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every node's usage: allocatable CPU and memory from the node, use from {@code metrics.k8s.io} (0 when
 * the cluster has no metrics server), requests summed over the containers of the pods scheduled on it that
 * have not finished, and file-system use from the kubelet's summary (0 when it cannot be read). Blocking:
 * called on the access's pool.
 */
final class NodeUsages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    private NodeUsages() {
    }

    static List<NodeUsage> of(KubernetesClient c) {
        Map<String, NodeMetrics> metrics = new HashMap<>();
        try {
            c.top().nodes().metrics().getItems().forEach(m -> metrics.put(m.getMetadata().getName(), m));
        } catch (RuntimeException e) {
            // No metrics server: use is reported as 0, the rest still stands.
        }
        Map<String, double[]> requests = new HashMap<>(); // node -> {cpu cores, memory bytes}
        for (Pod p : c.pods().inAnyNamespace().list().getItems()) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if (node == null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            double[] r = requests.computeIfAbsent(node, k -> new double[2]);
            for (Container k : p.getSpec().getContainers()) {
                if (k.getResources() != null && k.getResources().getRequests() != null) {
                    r[0] += amount(k.getResources().getRequests().get("cpu"));
                    r[1] += amount(k.getResources().getRequests().get("memory"));
                }
            }
        }
        List<NodeUsage> out = new ArrayList<>();
        for (Node n : c.nodes().list().getItems()) {
            String name = n.getMetadata().getName();
            Map<String, Quantity> alloc = n.getStatus() == null || n.getStatus().getAllocatable() == null ? Map.of()
                    : n.getStatus().getAllocatable();
            NodeMetrics m = metrics.get(name);
            Map<String, Quantity> used = m == null || m.getUsage() == null ? Map.of() : m.getUsage();
            double[] req = requests.getOrDefault(name, new double[2]);
            long[] disk = disk(c, name);
            boolean cp = n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey(CONTROL_PLANE_LABEL);
            NodeStatus status = NodeStatuses.of(n);
            out.add(new NodeUsage(name, cp, amount(alloc.get("cpu")), amount(used.get("cpu")), req[0], (long) amount(alloc.get("memory")),
                    (long) amount(used.get("memory")), (long) req[1], disk[0], disk[1], status.conditions()));
        }
        out.sort(Comparator.comparing(NodeUsage::name));
        return out;
    }

    /** {capacity, used} of the node's file system, from the kubelet's summary through the API server's node proxy. */
    private static long[] disk(KubernetesClient c, String node) {
        try {
            String summary = c.raw(c.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/nodes/" + node + "/proxy/stats/summary");
            if (summary == null) {
                return new long[2];
            }
            JsonNode fs = JSON.readTree(summary).path("node").path("fs");
            return new long[] {fs.path("capacityBytes").asLong(0), fs.path("usedBytes").asLong(0)};
        } catch (Exception e) {
            return new long[2]; // the kubelet did not answer: disk unknown
        }
    }

    private static double amount(Quantity q) {
        if (q == null) {
            return 0;
        }
        BigDecimal v = Quantity.getAmountInBytes(q);
        return v.doubleValue();
    }
}
