package dev.palette.sdk.core.internal.engine;

import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.core.EngineObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's observers as one: each is called in turn, and what one throws is logged and ignored. */
public final class Observers implements EngineObserver {
    private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

    private final List<EngineObserver> all;

    /**
     * Combines observers.
     *
     * @param all the observers, possibly none
     */
    public Observers(List<EngineObserver> all) {
        this.all = List.copyOf(all);
    }

    private void each(Consumer<EngineObserver> call) {
        for (EngineObserver o : all) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("engine observer {} failed: {}", o.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public void passStarted(String clusterId) {
        each(o -> o.passStarted(clusterId));
    }

    @Override
    public void passFinished(String clusterId, ReconcileResult result, Throwable error) {
        each(o -> o.passFinished(clusterId, result, error));
    }

    @Override
    public ProviderCall providerCallStarted(String provider, String operation, String clusterId) {
        if (all.isEmpty()) {
            return ProviderCall.NONE;
        }
        List<ProviderCall> calls = new ArrayList<>(all.size());
        each(o -> calls.add(o.providerCallStarted(provider, operation, clusterId)));
        return error -> {
            for (ProviderCall c : calls) {
                try {
                    c.finished(error);
                } catch (RuntimeException e) {
                    LOG.warn("engine observer failed at the end of a provider call: {}", e.toString());
                }
            }
        };
    }

    @Override
    public void queueWaited(Duration waited) {
        each(o -> o.queueWaited(waited));
    }

    @Override
    public void retried(String clusterId) {
        each(o -> o.retried(clusterId));
    }

    /**
     * Whether there is nobody to tell.
     *
     * @return true without observers
     */
    public boolean isEmpty() {
        return all.isEmpty();
    }
}
