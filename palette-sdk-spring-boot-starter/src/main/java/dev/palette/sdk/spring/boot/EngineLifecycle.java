package dev.palette.sdk.spring.boot;

import dev.palette.sdk.core.PaletteEngine;
import org.springframework.context.SmartLifecycle;

/** Starts the engine with the context and closes it when the context stops (before the beans it uses go). */
final class EngineLifecycle implements SmartLifecycle {
    private final PaletteEngine engine;
    private volatile boolean running;

    EngineLifecycle(PaletteEngine engine) {
        this.engine = engine;
    }

    @Override
    public void start() {
        engine.start();
        running = true;
    }

    @Override
    public void stop() {
        engine.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
