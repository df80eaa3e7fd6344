package dev.palette.sdk.kubernetes.internal;

import dev.palette.sdk.api.provider.ResourceTags;
import dev.palette.sdk.api.workload.NodeCondition;
import dev.palette.sdk.api.workload.NodeStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps fabric8 {@link Node}s to the API's {@link NodeStatus}. */
public final class NodeStatuses {
    private NodeStatuses() {
    }

    /**
     * The status of a node.
     *
     * @param node the node as the API server returned it
     * @return its status
     */
    public static NodeStatus of(Node node) {
        ObjectMeta meta = Optional.ofNullable(node.getMetadata()).orElseGet(ObjectMeta::new);
        Map<String, String> labels = Optional.ofNullable(meta.getLabels()).orElse(Map.of());
        Instant created = instant(meta.getCreationTimestamp()).orElse(Instant.EPOCH);
        List<NodeCondition> conditions = new ArrayList<>();
        String kubelet = "";
        if (node.getStatus() != null) {
            for (io.fabric8.kubernetes.api.model.NodeCondition c : Optional.ofNullable(node.getStatus().getConditions()).orElse(List.of())) {
                if (c.getType() == null || c.getStatus() == null) {
                    continue;
                }
                // A real API server always sets the transition time; a missing one counts from the last heartbeat,
                // else from the node's creation, never from "now", which would restart every health timeout.
                Instant since = instant(c.getLastTransitionTime()).or(() -> instant(c.getLastHeartbeatTime())).orElse(created);
                conditions.add(new NodeCondition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), since));
            }
            kubelet = Optional.ofNullable(node.getStatus().getNodeInfo()).map(NodeSystemInfo::getKubeletVersion).orElse("");
        }
        boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        return new NodeStatus(meta.getName(), labels.get(ResourceTags.MACHINE), labels, conditions, kubelet, unschedulable);
    }

    /** Kubernetes writes RFC 3339 times, normally in UTC ({@code Z}) but an offset is legal too. */
    static Optional<Instant> instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(rfc3339).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
