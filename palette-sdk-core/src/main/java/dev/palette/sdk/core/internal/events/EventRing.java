package dev.palette.sdk.core.internal.events;

import dev.palette.sdk.api.model.ClusterEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} events of one cluster. An event equal in severity, reason and message to one
 * of the last {@link #FOLD_WINDOW} events is folded into it (count + 1, last time moved) instead of
 * pushing older events out: reconciliation retries produce the same transient error many times.
 */
final class EventRing {
    static final int FOLD_WINDOW = 16;
    private final ClusterEvent[] slots;
    private int start;
    private int size;
    private long nextSequence = 1;

    EventRing(int capacity) {
        this.slots = new ClusterEvent[capacity];
    }

    synchronized ClusterEvent record(String clusterId, ClusterEvent.Severity severity, String reason, String message,
                                     Instant now) {
        for (int i = size - 1; i >= Math.max(0, size - FOLD_WINDOW); i--) {
            int idx = (start + i) % slots.length;
            ClusterEvent e = slots[idx];
            if (e.severity() == severity && e.reason().equals(reason) && e.message().equals(message)) {
                ClusterEvent folded = new ClusterEvent(clusterId, e.sequence(), severity, reason, message,
                        e.firstTimestamp(), now, e.count() + 1);
                slots[idx] = folded;
                return folded;
            }
        }
        ClusterEvent e = new ClusterEvent(clusterId, nextSequence++, severity, reason, message, now, now, 1);
        if (size < slots.length) {
            slots[(start + size) % slots.length] = e;
            size++;
        } else {
            slots[start] = e;
            start = (start + 1) % slots.length;
        }
        return e;
    }

    synchronized List<ClusterEvent> snapshot() {
        List<ClusterEvent> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(slots[(start + i) % slots.length]);
        }
        return out;
    }
}
