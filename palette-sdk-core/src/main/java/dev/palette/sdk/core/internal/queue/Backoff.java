package dev.palette.sdk.core.internal.queue;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-key exponential backoff with jitter: {@code base * 2^failures}, capped at {@code max}, then spread
 * by up to +{@code jitter} so that many keys failing together do not retry in lock-step. The client-go
 * defaults are 5 ms doubling to 1000 s.
 */
public final class Backoff {
    private final long baseNanos;
    private final long maxNanos;
    private final double jitter;
    private final ConcurrentHashMap<Object, Integer> failures = new ConcurrentHashMap<>();

    /**
     * Creates a backoff.
     *
     * @param base the first delay
     * @param max the largest delay
     * @param jitter the fraction (0..1) by which a delay may be lengthened at random
     */
    public Backoff(Duration base, Duration max, double jitter) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max");
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1");
        }
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.jitter = jitter;
    }

    /**
     * Records one more failure of a key and returns how long to wait before retrying it.
     *
     * @param key the key
     * @return the delay
     */
    public Duration next(Object key) {
        int n = failures.merge(key, 1, Integer::sum) - 1;
        double exponential = baseNanos * Math.pow(2, n);
        long delay = exponential >= maxNanos ? maxNanos : (long) exponential;
        if (jitter > 0) {
            delay += (long) (delay * jitter * ThreadLocalRandom.current().nextDouble());
        }
        return Duration.ofNanos(delay);
    }

    /**
     * How many failures a key has had since it last succeeded.
     *
     * @param key the key
     * @return the count
     */
    public int failures(Object key) {
        return failures.getOrDefault(key, 0);
    }

    /**
     * Forgets a key's failures (after a success).
     *
     * @param key the key
     */
    public void reset(Object key) {
        failures.remove(key);
    }
}
