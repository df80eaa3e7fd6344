package dev.palette.sdk.core;

import dev.palette.sdk.api.error.NotFoundException;
import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterEvent.Severity;
import dev.palette.sdk.api.store.ClusterStore;
import dev.palette.sdk.api.workload.WorkloadClusterAccess;
import dev.palette.sdk.api.workload.WorkloadTarget;
import dev.palette.sdk.core.bundle.LogBundle;
import dev.palette.sdk.core.bundle.LogBundleRequest;
import dev.palette.sdk.core.bundle.LogBundleStatus;
import dev.palette.sdk.core.internal.bundle.BundleZip;
import dev.palette.sdk.core.internal.bundle.LogBundler;
import dev.palette.sdk.core.internal.bundle.Redactor;
import dev.palette.sdk.core.internal.cache.Lru;
import dev.palette.sdk.core.internal.events.EventLog;
import dev.palette.sdk.core.time.TimeSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Log bundles of clusters for support (from {@link PaletteEngine#logBundles()}): asked for, collected in the
 * background, followed by status — requested, collecting, ready, failed — and written as a zip
 * ({@code spectro_logs.zip} by default) under the engine's bundle directory. A bundle holds the logs of all
 * kube-system pods, the agent namespace's logs of the last hour, each node's log files (read by a
 * short-lived pod per node) and {@code Manifest.yaml} describing the cluster's objects. Secret values never
 * enter it: Secrets are listed by name only, and keys and tokens found in logs and ConfigMaps are redacted.
 * It is bounded in size, and completes when some nodes or pods do not answer, listing them in
 * {@code missing.txt} with why. The engine follows the last 1,024 bundles asked for or looked at.
 */
public final class LogBundles {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEPT = 1024;

    private record Tracked(String clusterId, java.util.concurrent.atomic.AtomicReference<LogBundle> state,
                           CompletableFuture<LogBundle> done) {
    }

    private final ClusterStore store;
    private final WorkloadClusterAccess workload;
    private final Path directory;
    private final TimeSource time;
    private final EventLog events;
    private final Executor executor;
    private final Runnable checkOpen;
    /** The bundles this engine knows, the least recently looked at forgotten beyond a bound (their files stay). */
    private final Map<String, Tracked> bundles = Lru.of(KEPT);

    LogBundles(ClusterStore store, WorkloadClusterAccess workload, Path directory, TimeSource time, EventLog events,
               Executor executor, Runnable checkOpen) {
        this.store = store;
        this.workload = workload;
        this.directory = directory;
        this.time = time;
        this.events = events;
        this.executor = executor;
        this.checkOpen = checkOpen;
    }

    /**
     * Asks for a bundle with the defaults ({@link LogBundleRequest#DEFAULTS}).
     *
     * @param clusterId the cluster
     * @return the bundle, {@link LogBundleStatus#REQUESTED}
     * @throws NotFoundException if there is no such cluster
     */
    public LogBundle request(String clusterId) {
        return request(clusterId, LogBundleRequest.DEFAULTS);
    }

    /**
     * Asks for a bundle; it is collected in the background.
     *
     * @param clusterId the cluster
     * @param request what to collect
     * @return the bundle, {@link LogBundleStatus#REQUESTED}
     * @throws NotFoundException if there is no such cluster
     */
    public LogBundle request(String clusterId, LogBundleRequest request) {
        checkOpen.run();
        Objects.requireNonNull(request, "request");
        Cluster c = store.get(clusterId).orElseThrow(() -> new NotFoundException("cluster " + clusterId));
        String id = "lb-" + HexFormat.of().formatHex(bytes());
        LogBundle requested = new LogBundle(id, clusterId, LogBundleStatus.REQUESTED, "", Optional.empty(), List.of(), time.now());
        Tracked t = new Tracked(clusterId, new java.util.concurrent.atomic.AtomicReference<>(requested), new CompletableFuture<>());
        bundles.put(id, t);
        CompletableFuture.runAsync(() -> collect(c, request, t), executor);
        return requested;
    }

    /**
     * A bundle as it stands.
     *
     * @param bundleId the bundle
     * @return the bundle
     * @throws NotFoundException if this engine knows no such bundle
     */
    public LogBundle get(String bundleId) {
        return tracked(bundleId).state().get();
    }

    /**
     * Completes when a bundle is ready or failed.
     *
     * @param bundleId the bundle
     * @return completes with the finished bundle (never exceptionally: a failure is its status)
     * @throws NotFoundException if this engine knows no such bundle
     */
    public CompletionStage<LogBundle> whenDone(String bundleId) {
        return tracked(bundleId).done().copy();
    }

    private Tracked tracked(String bundleId) {
        Tracked t = bundles.get(bundleId);
        if (t == null) {
            throw new NotFoundException("log bundle " + bundleId);
        }
        return t;
    }

    private void collect(Cluster c, LogBundleRequest request, Tracked t) {
        LogBundle b = t.state().get();
        if (workload == null) {
            finish(t, b, LogBundleStatus.FAILED, "the engine has no workload cluster access to collect logs with", null, List.of());
            return;
        }
        t.state().set(with(b, LogBundleStatus.COLLECTING, "", null, List.of()));
        Path file = directory.resolve(c.id()).resolve(b.id()).resolve(request.fileName());
        LogBundler.collect(c, workload.connect(new WorkloadTarget(c.id(), c.status().endpoint(), "clusters/" + c.id() + "/kubeconfig")),
                        request, b.requestedAt())
                .thenApplyAsync(collected -> {
                    try {
                        List<String> missing = BundleZip.write(file, collected, request.maxBytes());
                        return with(b, LogBundleStatus.READY, collected.entries().size() + " files" + (missing.isEmpty() ? ""
                                : ", " + missing.size() + " part(s) missing (see missing.txt)"), file, missing);
                    } catch (java.io.IOException e) {
                        throw new CompletionException(e);
                    }
                }, executor)
                .whenComplete((ready, err) -> {
                    if (err != null) {
                        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                        finish(t, b, LogBundleStatus.FAILED, Redactor.redact(String.valueOf(cause.getMessage())), null, List.of());
                    } else {
                        finish(t, b, ready.status(), ready.message(), ready.file().orElse(null), ready.missing());
                    }
                });
    }

    private void finish(Tracked t, LogBundle b, LogBundleStatus status, String message, Path file, List<String> missing) {
        LogBundle done = with(b, status, message, file, missing);
        t.state().set(done);
        events.record(b.clusterId(), status == LogBundleStatus.READY ? Severity.NORMAL : Severity.WARNING,
                status == LogBundleStatus.READY ? "LogBundleReady" : "LogBundleFailed", "log bundle " + b.id() + ": " + message);
        t.done().complete(done);
    }

    private static LogBundle with(LogBundle b, LogBundleStatus status, String message, Path file, List<String> missing) {
        return new LogBundle(b.id(), b.clusterId(), status, message, Optional.ofNullable(file), missing, b.requestedAt());
    }

    private static byte[] bytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }
}
