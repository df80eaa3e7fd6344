package dev.palette.sdk.core.internal.reconcile;

import dev.palette.sdk.api.error.ConflictException;
import dev.palette.sdk.api.error.PaletteException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent.Severity;
import dev.palette.sdk.api.model.ClusterPhase;
import dev.palette.sdk.api.model.ConditionStatus;
import dev.palette.sdk.api.model.ConditionTypes;
import dev.palette.sdk.api.model.MachineRole;
import dev.palette.sdk.api.model.Pack;
import dev.palette.sdk.api.scan.ScanReport;
import dev.palette.sdk.api.scan.ScanTotals;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.workload.NodeJob;
import dev.palette.sdk.api.workload.WorkloadCluster;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.api.workload.WorkloadTarget;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.scan.KubeBench;
import dev.palette.sdk.core.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a CIS benchmark scan of a running cluster with kube-bench: one Job on a control-plane node (targets
 * master, etcd, controlplane, policies) and, with workers, one on a worker node (target node), with the
 * benchmark that fits the cluster's Kubernetes version; their JSON logs read into one report. The outcome
 * is the cluster's {@code ComplianceScan} condition and an event; a scan that fails or times out is that
 * condition False with the reason, never an exception.
 */
public final class ComplianceScanner {
    /** The kube-bench image, unless the host names its own (a mirror). */
    public static final String DEFAULT_IMAGE = "docker.io/aquasec/kube-bench:v0.10.4";
    private static final List<String> HOST_PATHS = List.of("/etc/kubernetes", "/etc/systemd", "/lib/systemd", "/var/lib/etcd",
            "/var/lib/kubelet", "/usr/bin");
    private static final int WRITE_ATTEMPTS = 5;

    private final ClusterStore store;
    private final WorkloadClusterAccess workload;
    private final StatusWriter writer;
    private final EventLog events;
    private final TimeSource time;
    private final String image;
    private final Duration timeout;
    private final Map<String, ScanReport> last = new ConcurrentHashMap<>();

    /**
     * Creates the scanner.
     *
     * @param store the clusters
     * @param workload access to the workload clusters, may be {@code null} (scans then fail with that reason)
     * @param writer writes the condition
     * @param events the event log
     * @param time the clock
     * @param image the kube-bench image
     * @param timeout how long each Job may take
     */
    public ComplianceScanner(ClusterStore store, WorkloadClusterAccess workload, StatusWriter writer, EventLog events,
                             TimeSource time, String image, Duration timeout) {
        this.store = store;
        this.workload = workload;
        this.writer = writer;
        this.events = events;
        this.time = time;
        this.image = image;
        this.timeout = timeout;
    }

    /**
     * Scans a cluster.
     *
     * @param cluster the cluster
     * @param benchmark the benchmark, or empty for the one that fits the cluster's Kubernetes version
     * @return completes with the report, or empty when the scan failed (see the cluster's condition)
     */
    public CompletionStage<Optional<ScanReport>> scan(Cluster cluster, String benchmark) {
        if (workload == null) {
            return CompletableFuture.completedFuture(failed(cluster.id(), "ScanUnavailable",
                    "the engine has no workload cluster access to run kube-bench with"));
        }
        if (cluster.status().phase() != ClusterPhase.RUNNING && cluster.status().phase() != ClusterPhase.UPDATING) {
            return CompletableFuture.completedFuture(failed(cluster.id(), "ClusterNotRunning",
                    "the cluster is " + cluster.status().phase().name().toLowerCase(java.util.Locale.ROOT) + "; scans need it running"));
        }
        String b;
        try {
            b = !benchmark.isEmpty() ? benchmark
                    : KubeBench.benchmarkFor(cluster.spec().profile().kubernetesPack().map(Pack::version).orElse(""));
        } catch (PaletteException e) {
            return CompletableFuture.completedFuture(failed(cluster.id(), "ScanFailed", e.getMessage()));
        }
        WorkloadCluster wc = workload.connect(new WorkloadTarget(cluster.id(), cluster.status().endpoint(),
                "clusters/" + cluster.id() + "/kubeconfig"));
        CompletionStage<ScanReport> controlPlane = run(wc, MachineRole.CONTROL_PLANE, "master,etcd,controlplane,policies", b);
        boolean workers = cluster.spec().workerPools().stream().anyMatch(p -> p.count() > 0);
        CompletionStage<ScanReport> all = !workers ? controlPlane
                : controlPlane.thenCombine(run(wc, MachineRole.WORKER, "node", b), ScanReport::plus);
        return all.handle((report, err) -> {
            if (err != null) {
                Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                String message = t.getMessage() == null ? t.toString() : t.getMessage();
                return failed(cluster.id(), message.contains("did not finish") ? "ScanTimedOut" : "ScanFailed", message);
            }
            last.put(cluster.id(), report);
            ScanTotals t = report.totals();
            String summary = t.pass() + " pass, " + t.fail() + " fail, " + t.warn() + " warn, " + t.info() + " info ("
                    + report.benchmark() + ")";
            events.record(cluster.id(), t.fail() > 0 ? Severity.WARNING : Severity.NORMAL, "ScanCompleted", "CIS scan: " + summary);
            condition(cluster.id(), ConditionStatus.TRUE, "ScanCompleted", summary);
            return Optional.of(report);
        });
    }

    /**
     * The last successful scan of a cluster, kept in memory.
     *
     * @param clusterId the cluster
     * @return the report, if any
     */
    public Optional<ScanReport> last(String clusterId) {
        if (store.get(clusterId).isEmpty()) {
            last.remove(clusterId); // the cluster was deleted: so is its report
            return Optional.empty();
        }
        return Optional.ofNullable(last.get(clusterId));
    }

    private CompletionStage<ScanReport> run(WorkloadCluster wc, MachineRole role, String targets, String benchmark) {
        NodeJob job = new NodeJob("kube-bench-" + (role == MachineRole.CONTROL_PLANE ? "cp" : "node"), "kube-system", image,
                List.of("kube-bench", "run", "--targets", targets, "--benchmark", benchmark, "--json"), role, "", true,
                HOST_PATHS, timeout);
        return wc.runJob(job).thenApply(log -> KubeBench.parse(log, benchmark));
    }

    private Optional<ScanReport> failed(String clusterId, String reason, String message) {
        events.record(clusterId, Severity.WARNING, reason, "CIS scan: " + message);
        condition(clusterId, ConditionStatus.FALSE, reason, message);
        return Optional.empty();
    }

    private void condition(String clusterId, ConditionStatus status, String reason, String message) {
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            Cluster c = store.get(clusterId).orElse(null);
            if (c == null) {
                return; // deleted meanwhile
            }
            Conditions conds = new Conditions(c.status().conditions(), time.now());
            conds.set(ConditionTypes.COMPLIANCE_SCAN, status, reason, message);
            try {
                writer.write(c, c.status().toBuilder().conditions(conds.toList()).build());
                return;
            } catch (ConflictException e) {
                // the reconciler wrote in between: read again
            }
        }
    }
}
