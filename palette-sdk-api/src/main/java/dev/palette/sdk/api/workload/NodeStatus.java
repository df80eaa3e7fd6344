package dev.palette.sdk.api.workload;

import dev.palette.sdk.api.internal.Immutable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of a workload cluster.
 *
 * @param name the node name
 * @param machineName the machine it runs on (from the {@code palette.dev/machine} label); empty if unknown
 * @param labels the node labels
 * @param conditions the node conditions
 * @param kubeletVersion the kubelet version, e.g. {@code v1.33.6}
 * @param unschedulable whether it is cordoned
 */
public record NodeStatus(String name, String machineName, Map<String, String> labels, List<NodeCondition> conditions,
                         String kubeletVersion, boolean unschedulable) {
    /**
     * Validates and copies the components.
     *
     * @param name the name
     * @param machineName the machine name, may be {@code null}
     * @param labels the labels, may be {@code null}
     * @param conditions the conditions, may be {@code null}
     * @param kubeletVersion the version, may be {@code null}
     * @param unschedulable whether cordoned
     */
    public NodeStatus {
        Objects.requireNonNull(name, "name");
        machineName = machineName == null ? "" : machineName;
        labels = Immutable.map(labels);
        conditions = Immutable.list(conditions);
        kubeletVersion = kubeletVersion == null ? "" : kubeletVersion;
    }

    /**
     * A condition by type.
     *
     * @param type the type
     * @return the condition, if reported
     */
    public Optional<NodeCondition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    /**
     * Whether the {@code Ready} condition is {@code True}.
     *
     * @return {@code true} if Ready
     */
    public boolean isReady() {
        return condition("Ready").map(c -> c.status().equals("True")).orElse(false);
    }
}
