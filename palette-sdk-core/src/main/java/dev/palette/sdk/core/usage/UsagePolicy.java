package dev.palette.sdk.core.usage;

import java.time.Duration;

/**
 * When usage makes a cluster unhealthy, and how much history is kept: CPU, memory or disk of the workers
 * above its threshold for the whole window. {@link #DEFAULTS}: 90 % each for 10 minutes, 120 samples (two
 * hours at the engine's one-minute look).
 *
 * @param cpuPercent the CPU threshold
 * @param memoryPercent the memory threshold
 * @param diskPercent the disk threshold
 * @param window how long usage must stay above a threshold
 * @param historySamples how many samples each cluster keeps
 */
public record UsagePolicy(double cpuPercent, double memoryPercent, double diskPercent, Duration window, int historySamples) {
    /** The defaults. */
    public static final UsagePolicy DEFAULTS = new UsagePolicy(90, 90, 90, Duration.ofMinutes(10), 120);

    /**
     * Validates the components.
     *
     * @param cpuPercent above 0
     * @param memoryPercent above 0
     * @param diskPercent above 0
     * @param window positive
     * @param historySamples at least 2
     */
    public UsagePolicy {
        if (cpuPercent <= 0 || memoryPercent <= 0 || diskPercent <= 0) {
            throw new IllegalArgumentException("thresholds must be above 0%");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (historySamples < 2) {
            throw new IllegalArgumentException("historySamples must be >= 2, was " + historySamples);
        }
    }
}
