package dev.palette.sdk.api.scan;

import java.util.List;
import java.util.Objects;

/**
 * One control of a benchmark run on one node type (kube-bench's "control": master, etcd, controlplane,
 * node, policies), with its totals as kube-bench counted them and the results it listed.
 *
 * @param id the control's id, e.g. {@code 1}
 * @param text its title
 * @param nodeType {@code master}, {@code etcd}, {@code controlplane}, {@code node} or {@code policies}
 * @param totals its totals
 * @param results the results listed (kube-bench may list fewer than it counted)
 */
public record ScanSection(String id, String text, String nodeType, ScanTotals totals, List<CheckResult> results) {
    /**
     * Validates and copies the components.
     *
     * @param id the id
     * @param text the text
     * @param nodeType the node type
     * @param totals the totals
     * @param results the results
     */
    public ScanSection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(totals, "totals");
        results = List.copyOf(results);
    }
}
