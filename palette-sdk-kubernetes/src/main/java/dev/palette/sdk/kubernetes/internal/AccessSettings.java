package dev.palette.sdk.kubernetes.internal;

import java.time.Duration;

/**
 * How the access talks to workload clusters.
 *
 * @param threads the threads that run blocking client calls, shared by all clusters
 * @param connectTimeout how long to wait for a connection to an API server
 * @param requestTimeout how long to wait for one answer
 * @param requestRetries how often the client itself retries a request that got no answer, a 5xx or a 429
 *     (few: the engine retries with its own backoff, and an unreachable cluster must fail fast)
 * @param drainPollInterval how often a drain looks again at the pods it evicts
 */
public record AccessSettings(int threads, Duration connectTimeout, Duration requestTimeout, int requestRetries,
                             Duration drainPollInterval) {
    /** Calls queued beyond the running ones before new calls are refused (retryably). */
    public static final int QUEUE_CAPACITY = 1024;
    /** Read-modify-write attempts of a node before a conflict is reported. */
    public static final int CONFLICT_ATTEMPTS = 5;
}
