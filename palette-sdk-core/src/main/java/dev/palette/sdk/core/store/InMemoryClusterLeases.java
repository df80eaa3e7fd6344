package dev.palette.sdk.core.store;

import dev.palette.sdk.api.store.ClusterLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Cluster leases in memory: for several engines in one process sharing an in-memory store (tests,
 * simulations). An engine built without leases owns every cluster and needs none of this.
 */
public final class InMemoryClusterLeases implements ClusterLeases {
    private record Lease(String holder, Instant expiresAt) {
    }

    private final Map<String, Lease> leases = new HashMap<>();

    /** Creates an empty lease table. */
    public InMemoryClusterLeases() {
    }

    @Override
    public synchronized boolean tryAcquire(String clusterId, String holder, Instant now, Duration ttl) {
        Lease l = leases.get(clusterId);
        if (l != null && !l.holder().equals(holder) && l.expiresAt().isAfter(now)) {
            return false;
        }
        leases.put(clusterId, new Lease(holder, now.plus(ttl)));
        return true;
    }

    @Override
    public synchronized int renewAll(String holder, Instant now, Duration ttl) {
        int n = 0;
        for (Map.Entry<String, Lease> e : leases.entrySet()) {
            if (e.getValue().holder().equals(holder)) {
                e.setValue(new Lease(holder, now.plus(ttl)));
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized void release(String clusterId, String holder) {
        leases.computeIfPresent(clusterId, (k, l) -> l.holder().equals(holder) ? null : l);
    }

    @Override
    public synchronized void releaseAll(String holder) {
        leases.values().removeIf(l -> l.holder().equals(holder));
    }
}
