package dev.palette.sdk.core;

import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.core.internal.events.EventLog;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cluster event streams: the last events of each cluster (1000 by default), with repeated transient
 * errors folded into one event with a count, and listeners for new events.
 */
public final class Events {
    private final EventLog log;

    Events(EventLog log) {
        this.log = log;
    }

    /**
     * A cluster's events, oldest first.
     *
     * @param clusterId the cluster
     * @return the events
     */
    public List<ClusterEvent> list(String clusterId) {
        return log.list(clusterId);
    }

    /**
     * Subscribes to every new or folded event of every cluster. The listener runs on an engine thread and
     * must not block.
     *
     * @param listener the listener
     * @return closes the subscription
     */
    public AutoCloseable subscribe(Consumer<ClusterEvent> listener) {
        return log.subscribe(listener);
    }
}
