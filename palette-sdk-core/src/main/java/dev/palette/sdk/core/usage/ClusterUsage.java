package dev.palette.sdk.core.usage;

import dev.palette.sdk.api.workload.NodeUsage;
import java.util.List;
import java.util.Objects;

/**
 * A running cluster's usage: now, per node, and as a history for charts.
 *
 * @param now the latest sample, over the nodes asked for
 * @param nodes each of those nodes now, with its conditions
 * @param history the samples kept, oldest first, the latest included
 */
public record ClusterUsage(UsageSample now, List<NodeUsage> nodes, List<UsageSample> history) {
    /**
     * Validates and copies the components.
     *
     * @param now the latest
     * @param nodes the nodes
     * @param history the history
     */
    public ClusterUsage {
        Objects.requireNonNull(now, "now");
        nodes = List.copyOf(nodes);
        history = List.copyOf(history);
    }
}
