package dev.palette.sdk.benchmarks;

import dev.palette.sdk.api.reconcile.ReconcileResult;
import dev.palette.sdk.core.EngineObserver;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Times reconcile passes from start to end (including the provider waits a pass makes, during which it
 * holds no thread) into a fixed reservoir, for percentiles. One pass per cluster at a time, so the start
 * time is kept per cluster.
 */
final class PassTimer implements EngineObserver {
    private static final int CAPACITY = 4_000_000;

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final long[] micros = new long[CAPACITY];
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void passStarted(String clusterId) {
        started.put(clusterId, System.nanoTime());
    }

    @Override
    public void passFinished(String clusterId, ReconcileResult result, Throwable error) {
        Long t0 = started.remove(clusterId);
        int i = count.getAndIncrement();
        if (t0 != null && i < CAPACITY) {
            micros[i] = (System.nanoTime() - t0) / 1000;
        }
    }

    /** The {@code p}-th percentile in microseconds (0 &lt; p &le; 100) of the passes timed so far. */
    long percentile(double p) {
        int n = Math.min(count.get(), CAPACITY);
        if (n == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.ceil(p / 100.0 * n) - 1)];
    }
}
