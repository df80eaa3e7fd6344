package dev.palette.sdk.spring.boot;

import dev.palette.sdk.api.model.Cluster;
import dev.palette.sdk.api.model.Condition;
import dev.palette.sdk.api.store.ClusterQuery;
import dev.palette.sdk.core.EngineStats;
import dev.palette.sdk.core.PaletteEngine;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The engine's health: DOWN unless it is running; details are the queue depth, passes in flight and the
 * clusters with a failing condition (a failing cluster does not make the engine unhealthy: the engine is
 * doing its job by reporting it).
 */
public final class PaletteHealthIndicator implements HealthIndicator {
    private final PaletteEngine engine;

    /**
     * Reports on an engine.
     *
     * @param engine the engine
     */
    public PaletteHealthIndicator(PaletteEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        EngineStats stats = engine.stats();
        Health.Builder h = stats.running() ? Health.up() : Health.down();
        h.withDetail("queueDepth", stats.queueDepth()).withDetail("inFlight", stats.inFlight());
        if (stats.running()) {
            long failing = engine.clusters().list(ClusterQuery.all()).stream().filter(PaletteHealthIndicator::failing).count();
            h.withDetail("clustersFailing", failing);
        }
        return h.build();
    }

    private static boolean failing(Cluster c) {
        return c.status().conditions().stream().anyMatch(Condition::isFailed);
    }
}
