package dev.palette.sdk.core.internal.events;

import dev.palette.sdk.api.model.ClusterEvent;
import dev.palette.sdk.core.time.TimeSource;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every cluster's event ring, plus the listeners that want to hear about new events. */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private final ConcurrentHashMap<String, EventRing> rings = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<ClusterEvent>> listeners = new CopyOnWriteArrayList<>();
    private final int capacity;
    private final TimeSource time;

    /**
     * Creates the log.
     *
     * @param capacity events kept per cluster
     * @param time the clock
     */
    public EventLog(int capacity, TimeSource time) {
        this.capacity = capacity;
        this.time = time;
    }

    /**
     * Records an event and tells the listeners.
     *
     * @param clusterId the cluster
     * @param severity the severity
     * @param reason the reason
     * @param message the message (never a secret)
     * @return the recorded (possibly folded) event
     */
    public ClusterEvent record(String clusterId, ClusterEvent.Severity severity, String reason, String message) {
        ClusterEvent e = rings.computeIfAbsent(clusterId, k -> new EventRing(capacity))
                .record(clusterId, severity, reason, message, time.now());
        for (Consumer<ClusterEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("event listener failed: {}", ex.toString());
            }
        }
        return e;
    }

    /**
     * A cluster's events, oldest first.
     *
     * @param clusterId the cluster
     * @return the events
     */
    public List<ClusterEvent> list(String clusterId) {
        EventRing ring = rings.get(clusterId);
        return ring == null ? List.of() : ring.snapshot();
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return removes it
     */
    public AutoCloseable subscribe(Consumer<ClusterEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Forgets a deleted cluster's events.
     *
     * @param clusterId the cluster
     */
    public void forget(String clusterId) {
        rings.remove(clusterId);
    }
}
