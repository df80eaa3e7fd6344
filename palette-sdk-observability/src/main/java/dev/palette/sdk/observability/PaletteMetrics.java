package dev.palette.sdk.observability;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.ClusterPhase;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.core.EngineObserver;
import dev.palette.sdk.core.PaletteEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's metrics on the host's Micrometer registry (none is made or registered globally):
 *
 * <ul>
 *   <li>{@code palette.queue.depth} (gauge): clusters ready for a pass;
 *       {@code palette.queue.adds} (counter): times a cluster was queued;
 *       {@code palette.queue.retries} (counter): passes that failed and were queued again with backoff;
 *       {@code palette.queue.wait} (timer): how long a ready cluster waited for a pass.</li>
 *   <li>{@code palette.reconcile} (timer), tags {@code reconciler=cluster}, {@code outcome=done|requeue|failed|error}:
 *       reconcile passes and their duration (including the provider waits, which hold no thread).</li>
 *   <li>{@code palette.provider.calls} (timer), tags {@code provider}, {@code operation}, {@code outcome=success|error}:
 *       provider calls and their latency; {@code palette.provider.errors} (counter), tags {@code provider},
 *       {@code operation}, {@code error} (the exception's simple class name).</li>
 *   <li>{@code palette.clusters} (gauge), tag {@code phase}: clusters per phase;
 *       {@code palette.conditions.failing} (gauge), tag {@code type}: clusters whose condition of that type is
 *       failing. Both read the store at most once per {@code refresh} period (default 10 s).</li>
 * </ul>
 *
 * <p>Use: {@code PaletteMetrics m = new PaletteMetrics(registry); PaletteEngine e =
 * PaletteEngine.builder().observer(m)...build(); m.bindTo(e);}
 */
public final class PaletteMetrics implements EngineObserver {
    private static final String[] CONDITION_TYPES = {
        dev.palette.sdk.api.model.ConditionTypes.INFRASTRUCTURE_READY, dev.palette.sdk.api.model.ConditionTypes.IMAGE_READY,
        dev.palette.sdk.api.model.ConditionTypes.CONTROL_PLANE_READY, dev.palette.sdk.api.model.ConditionTypes.WORKERS_READY,
        dev.palette.sdk.api.model.ConditionTypes.ADDONS_READY, dev.palette.sdk.api.model.ConditionTypes.DELETING};

    private final MeterRegistry registry;
    private final Duration refresh;
    private final Map<String, Long> passStart = new ConcurrentHashMap<>();
    private final Counter retries;
    private final Timer queueWait;
    private volatile Snapshot snapshot = new Snapshot(0, Map.of(), Map.of());

    /** Clusters per phase and failing conditions per type, as last read from the store. */
    private record Snapshot(long readAtNanos, Map<ClusterPhase, Long> phases, Map<String, Long> failing) {
    }

    /**
     * Metrics on a registry, with the cluster gauges refreshed at most every 10 s.
     *
     * @param registry the host's registry
     */
    public PaletteMetrics(MeterRegistry registry) {
        this(registry, Duration.ofSeconds(10));
    }

    /**
     * Metrics on a registry.
     *
     * @param registry the host's registry
     * @param refresh how stale the cluster gauges may be (they list the store)
     */
    public PaletteMetrics(MeterRegistry registry, Duration refresh) {
        this.registry = Objects.requireNonNull(registry);
        this.refresh = refresh;
        this.retries = Counter.builder("palette.queue.retries").description("passes that failed and were queued again")
                .register(registry);
        this.queueWait = Timer.builder("palette.queue.wait").description("time a ready cluster waited for a pass")
                .register(registry);
    }

    /**
     * Registers the gauges that read the engine: queue depth and adds, clusters per phase, failing
     * conditions.
     *
     * @param engine the engine this observer was given to
     * @return this
     */
    public PaletteMetrics bindTo(PaletteEngine engine) {
        Gauge.builder("palette.queue.depth", engine, e -> e.stats().queueDepth()).description("clusters ready for a pass")
                .register(registry);
        FunctionCounter.builder("palette.queue.adds", engine, e -> e.stats().queueAdds()).description("times a cluster was queued")
                .register(registry);
        for (ClusterPhase phase : ClusterPhase.values()) {
            Gauge.builder("palette.clusters", engine, e -> read(e).phases().getOrDefault(phase, 0L)).tag("phase", phase.name())
                    .description("clusters per phase").register(registry);
        }
        for (String type : CONDITION_TYPES) {
            Gauge.builder("palette.conditions.failing", engine, e -> read(e).failing().getOrDefault(type, 0L)).tag("type", type)
                    .description("clusters whose condition of this type is failing").register(registry);
        }
        return this;
    }

    private Snapshot read(PaletteEngine engine) {
        Snapshot s = snapshot;
        if (s.readAtNanos() != 0 && System.nanoTime() - s.readAtNanos() < refresh.toNanos()) {
            return s;
        }
        Map<ClusterPhase, Long> phases = new EnumMap<>(ClusterPhase.class);
        Map<String, Long> failing = new HashMap<>();
        List<Cluster> all = engine.clusters().list(ClusterQuery.all());
        for (Cluster c : all) {
            phases.merge(c.status().phase(), 1L, Long::sum);
            for (Condition cond : c.status().conditions()) {
                if (cond.isFailed()) {
                    failing.merge(cond.type(), 1L, Long::sum);
                }
            }
        }
        s = new Snapshot(System.nanoTime(), phases, failing);
        snapshot = s;
        return s;
    }

    @Override
    public void passStarted(String clusterId) {
        passStart.put(clusterId, System.nanoTime());
    }

    @Override
    public void passFinished(String clusterId, ReconcileResult result, Throwable error) {
        Long t0 = passStart.remove(clusterId);
        if (t0 == null) {
            return;
        }
        String outcome = error != null ? "error" : result instanceof ReconcileResult.Done ? "done"
                : result instanceof ReconcileResult.Failed ? "failed" : "requeue";
        Timer.builder("palette.reconcile").description("reconcile passes").tag("reconciler", "cluster").tag("outcome", outcome)
                .register(registry).record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    @Override
    public ProviderCall providerCallStarted(String provider, String operation, String clusterId) {
        long t0 = System.nanoTime();
        return error -> {
            Timer.builder("palette.provider.calls").description("provider calls").tag("provider", provider)
                    .tag("operation", operation).tag("outcome", error == null ? "success" : "error").register(registry)
                    .record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                Counter.builder("palette.provider.errors").description("failed provider calls").tag("provider", provider)
                        .tag("operation", operation).tag("error", cause.getClass().getSimpleName()).register(registry).increment();
            }
        };
    }

    @Override
    public void queueWaited(Duration waited) {
        queueWait.record(waited);
    }

    @Override
    public void retried(String clusterId) {
        retries.increment();
    }
}
