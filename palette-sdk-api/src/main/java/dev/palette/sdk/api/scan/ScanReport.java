package dev.palette.sdk.api.scan;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A CIS benchmark scan of a cluster: the benchmark used, every control's section, and the totals.
 *
 * @param benchmark the kube-bench benchmark, e.g. {@code cis-1.10}
 * @param sections the sections, in the order kube-bench reported them
 * @param totals the totals over all sections
 */
public record ScanReport(String benchmark, List<ScanSection> sections, ScanTotals totals) {
    /**
     * Validates and copies the components.
     *
     * @param benchmark the benchmark
     * @param sections the sections
     * @param totals the totals
     */
    public ScanReport {
        Objects.requireNonNull(benchmark, "benchmark");
        sections = List.copyOf(sections);
        Objects.requireNonNull(totals, "totals");
    }

    /**
     * Totals per node type ({@code master}, {@code etcd}, {@code controlplane}, {@code node}, {@code policies}).
     *
     * @return node type to totals, sorted by node type
     */
    public Map<String, ScanTotals> totalsByNodeType() {
        Map<String, ScanTotals> out = new TreeMap<>();
        sections.forEach(s -> out.merge(s.nodeType(), s.totals(), ScanTotals::plus));
        return out;
    }

    /**
     * The failed checks listed, in report order.
     *
     * @return the failures
     */
    public List<CheckResult> failures() {
        return sections.stream().flatMap(s -> s.results().stream()).filter(r -> r.status() == CheckStatus.FAIL).toList();
    }

    /**
     * This report with another's sections after its own (the control-plane run and the worker run of one scan).
     *
     * @param other the other report
     * @return the combined report
     */
    public ScanReport plus(ScanReport other) {
        List<ScanSection> all = new java.util.ArrayList<>(sections);
        all.addAll(other.sections());
        return new ScanReport(benchmark, all, totals.plus(other.totals()));
    }
}
