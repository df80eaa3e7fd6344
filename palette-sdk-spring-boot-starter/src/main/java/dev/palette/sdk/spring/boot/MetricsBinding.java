package dev.palette.sdk.spring.boot;

import dev.palette.sdk.core.PaletteEngine;
import dev.palette.sdk.observability.PaletteMetrics;
import org.springframework.context.SmartLifecycle;

/** Registers the engine's gauges once both exist (the metrics observer is made before the engine). */
final class MetricsBinding implements SmartLifecycle {
    private final PaletteMetrics metrics;
    private final PaletteEngine engine;
    private volatile boolean bound;

    MetricsBinding(PaletteMetrics metrics, PaletteEngine engine) {
        this.metrics = metrics;
        this.engine = engine;
    }

    @Override
    public void start() {
        if (!bound) {
            metrics.bindTo(engine);
            bound = true;
        }
    }

    @Override
    public void stop() {
        // gauges stay registered; they read a closed engine as empty
    }

    @Override
    public boolean isRunning() {
        return bound;
    }
}
