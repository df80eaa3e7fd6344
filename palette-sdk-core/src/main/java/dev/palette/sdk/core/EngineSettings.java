package dev.palette.sdk.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of an engine. The defaults suit a management process of a few thousand clusters.
 *
 * @param workers threads of the engine's own executor (ignored when the host supplies an executor)
 * @param maxConcurrentReconciles reconcile passes in flight at once; a pass waiting on the cloud holds no
 *     thread, so this may be much larger than {@code workers}
 * @param resyncPeriod every cluster is re-queued this often, whatever happened
 * @param backoffBase the first retry delay after a failure
 * @param backoffMax the largest retry delay
 * @param pollInterval how often a pass looks again while machines boot or are deleted
 * @param eventsPerCluster events kept per cluster
 * @param heartbeatWindow a running cluster whose API server has not answered the engine's probe, and whose
 *     in-cluster agent has not called {@link Clusters#recordHeartbeat}, for longer than this is unhealthy
 */
public record EngineSettings(int workers, int maxConcurrentReconciles, Duration resyncPeriod, Duration backoffBase,
                             Duration backoffMax, Duration pollInterval, int eventsPerCluster, Duration heartbeatWindow) {
    /**
     * 2 workers, 1024 passes in flight, resync every 10 min, backoff 5 ms to 1000 s, poll 2 s, 1000 events,
     * heartbeat window 5 min.
     */
    public static final EngineSettings DEFAULTS = new EngineSettings(2, 1024, Duration.ofMinutes(10),
            Duration.ofMillis(5), Duration.ofSeconds(1000), Duration.ofSeconds(2), 1000, Duration.ofMinutes(5));

    /**
     * Validates the settings.
     *
     * @param workers worker threads
     * @param maxConcurrentReconciles passes in flight
     * @param resyncPeriod resync period
     * @param backoffBase first retry delay
     * @param backoffMax largest retry delay
     * @param pollInterval poll interval
     * @param eventsPerCluster events kept per cluster
     * @param heartbeatWindow how long a running cluster may go without a heartbeat
     */
    public EngineSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1");
        }
        if (maxConcurrentReconciles < 1) {
            throw new IllegalArgumentException("maxConcurrentReconciles must be >= 1");
        }
        Objects.requireNonNull(resyncPeriod, "resyncPeriod");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (eventsPerCluster < 1) {
            throw new IllegalArgumentException("eventsPerCluster must be >= 1");
        }
        if (heartbeatWindow == null || heartbeatWindow.isNegative() || heartbeatWindow.isZero()) {
            throw new IllegalArgumentException("heartbeatWindow must be positive");
        }
    }

    /**
     * A copy with another worker count.
     *
     * @param n worker threads
     * @return the copy
     */
    public EngineSettings withWorkers(int n) {
        return new EngineSettings(n, maxConcurrentReconciles, resyncPeriod, backoffBase, backoffMax, pollInterval,
                eventsPerCluster, heartbeatWindow);
    }

    /**
     * A copy with another resync period.
     *
     * @param d the period
     * @return the copy
     */
    public EngineSettings withResyncPeriod(Duration d) {
        return new EngineSettings(workers, maxConcurrentReconciles, d, backoffBase, backoffMax, pollInterval,
                eventsPerCluster, heartbeatWindow);
    }

    /**
     * A copy with another backoff.
     *
     * @param base the first delay
     * @param max the largest delay
     * @return the copy
     */
    public EngineSettings withBackoff(Duration base, Duration max) {
        return new EngineSettings(workers, maxConcurrentReconciles, resyncPeriod, base, max, pollInterval,
                eventsPerCluster, heartbeatWindow);
    }

    /**
     * A copy with another poll interval.
     *
     * @param d the interval
     * @return the copy
     */
    public EngineSettings withPollInterval(Duration d) {
        return new EngineSettings(workers, maxConcurrentReconciles, resyncPeriod, backoffBase, backoffMax, d,
                eventsPerCluster, heartbeatWindow);
    }

    /**
     * A copy with another limit of passes in flight.
     *
     * @param n the limit
     * @return the copy
     */
    public EngineSettings withMaxConcurrentReconciles(int n) {
        return new EngineSettings(workers, n, resyncPeriod, backoffBase, backoffMax, pollInterval, eventsPerCluster,
                heartbeatWindow);
    }

    /**
     * A copy with another heartbeat window.
     *
     * @param d how long a running cluster may go without a heartbeat before it is unhealthy
     * @return the copy
     */
    public EngineSettings withHeartbeatWindow(Duration d) {
        return new EngineSettings(workers, maxConcurrentReconciles, resyncPeriod, backoffBase, backoffMax, pollInterval,
                eventsPerCluster, d);
    }
}
