package dev.palette.sdk.api.store;

import java.time.Duration;
import java.time.Instant;

/**
 * Which engine reconciles which cluster, when several engines share one store. An engine reconciles a
 * cluster only while it holds the cluster's lease; it renews what it holds well before expiry; a lease
 * whose holder stopped renewing (a crashed engine) expires and another engine claims it.
 *
 * <p>Times are the engines' clocks: engines sharing a store should keep their clocks in step (NTP), and the
 * lease time to live should be far longer than any clock difference between them.
 *
 * <p>Implementations are thread-safe, and claims are atomic: of two engines claiming a free or expired
 * lease at the same moment, exactly one wins.
 */
public interface ClusterLeases {

    /**
     * Claims a cluster's lease for a holder, or renews it if the holder has it already. Succeeds when the
     * lease is free, expired at {@code now}, or the holder's.
     *
     * @param clusterId the cluster
     * @param holder who claims it (an engine id)
     * @param now the current time
     * @param ttl how long the lease lasts from {@code now}
     * @return whether the holder holds the lease until {@code now + ttl}
     */
    boolean tryAcquire(String clusterId, String holder, Instant now, Duration ttl);

    /**
     * Extends every lease a holder has.
     *
     * @param holder the holder
     * @param now the current time
     * @param ttl how long the leases last from {@code now}
     * @return how many leases were extended
     */
    int renewAll(String holder, Instant now, Duration ttl);

    /**
     * Gives up a lease, if the holder has it (an engine stopping cleanly, or a deleted cluster).
     *
     * @param clusterId the cluster
     * @param holder the holder
     */
    void release(String clusterId, String holder);

    /**
     * Gives up every lease a holder has.
     *
     * @param holder the holder
     */
    void releaseAll(String holder);
}
