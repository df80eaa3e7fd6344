package dev.palette.sdk.core;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.scan.ScanReport;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.core.internal.reconcile.ComplianceScanner;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * CIS benchmark scans of running clusters with kube-bench (from {@link PaletteEngine#scans()}). A scan runs
 * kube-bench as Jobs on a control-plane node and a worker node of the cluster, with the benchmark that fits
 * its Kubernetes version, and reads their JSON output into a {@link ScanReport}: per-check results and totals
 * per node type. Its outcome is also the cluster's {@code ComplianceScan} condition and an event; a scan that
 * fails or times out is that condition False with the reason — the returned stage still completes normally.
 */
public final class Scans {
    private final ClusterStore store;
    private final ComplianceScanner scanner;
    private final Runnable checkOpen;

    Scans(ClusterStore store, ComplianceScanner scanner, Runnable checkOpen) {
        this.store = store;
        this.scanner = scanner;
        this.checkOpen = checkOpen;
    }

    /**
     * Scans a cluster with the benchmark that fits its Kubernetes version.
     *
     * @param clusterId the cluster
     * @return completes with the report, or empty when the scan failed (the condition says why)
     * @throws NotFoundException if there is no such cluster
     */
    public CompletionStage<Optional<ScanReport>> run(String clusterId) {
        return run(clusterId, "");
    }

    /**
     * Scans a cluster with a given benchmark.
     *
     * @param clusterId the cluster
     * @param benchmark a kube-bench benchmark such as {@code cis-1.10}, or empty for the one that fits
     * @return completes with the report, or empty when the scan failed (the condition says why)
     * @throws NotFoundException if there is no such cluster
     */
    public CompletionStage<Optional<ScanReport>> run(String clusterId, String benchmark) {
        checkOpen.run();
        Objects.requireNonNull(benchmark, "benchmark");
        return scanner.scan(store.get(clusterId).orElseThrow(() -> new NotFoundException("cluster " + clusterId)), benchmark);
    }

    /**
     * The last successful scan of a cluster by this engine (kept in memory).
     *
     * @param clusterId the cluster
     * @return the report, if any
     */
    public Optional<ScanReport> last(String clusterId) {
        return scanner.last(clusterId);
    }
}
