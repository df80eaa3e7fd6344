package dev.palette.sdk.api.workload;

import dev.palette.sdk.api.internal.Immutable;
import dev.palette.sdk.api.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-place change of a node's labels and taints: what the engine applies when a pool's labels or
 * taints change, instead of replacing the machine. Labels and taints the engine did not set (by other
 * controllers or by hand) are neither given here nor touched.
 *
 * @param labels labels to add or overwrite
 * @param removedLabels label keys to remove (labels the engine set earlier that the pool no longer has)
 * @param taints taints to add, or to overwrite when one with the same key and effect exists
 * @param removedTaints taints to remove, matched by key and effect
 */
public record NodeUpdate(Map<String, String> labels, Set<String> removedLabels, List<Taint> taints, List<Taint> removedTaints) {
    /**
     * Copies the components.
     *
     * @param labels the labels, may be {@code null}
     * @param removedLabels the keys, may be {@code null}
     * @param taints the taints, may be {@code null}
     * @param removedTaints the taints, may be {@code null}
     */
    public NodeUpdate {
        labels = Immutable.map(labels);
        removedLabels = removedLabels == null ? Set.of() : Set.copyOf(removedLabels);
        taints = Immutable.list(taints);
        removedTaints = Immutable.list(removedTaints);
    }

    /**
     * Whether the update changes nothing.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return labels.isEmpty() && removedLabels.isEmpty() && taints.isEmpty() && removedTaints.isEmpty();
    }
}
